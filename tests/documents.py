"""Reading the files people take away, as they would: the text of a PDF (poppler's pdftotext)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """The text of a PDF as a reader sees it, laid out as on the page (poppler's pdftotext, `make pdftotext`).
    Skips when pdftotext is missing, except under CI, where it fails."""
    if shutil.which("pdftotext") is None:
        message = "pdftotext is not installed: run 'make pdftotext' (apt-get install poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "document.pdf"
    source.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
        timeout=60,
        text=True,
    )
    return result.stdout
