"""The workbook opens in LibreOffice, and the learner's answers are in what it prints."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client

from tests.learning.conftest import first_question
from tests.signing_in import sign_in
from wayfinder.learning import services

pytestmark = pytest.mark.django_db


def test_libreoffice_opens_the_workbook_with_the_answers(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client, tmp_path: Path
) -> None:
    if shutil.which("soffice") is None:
        message = "LibreOffice is not installed: run 'make office' (apt-get install libreoffice-writer-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    if shutil.which("pdftotext") is None:
        message = "pdftotext is not installed: apt-get install poppler-utils"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    services.enrolment_start(person=world.member, module=learning.pcns)
    unit = learning.pcn_units[1]
    rating = next(block.id for block in unit.activities if block.block_type == "rating")
    services.answers_save(
        person=world.member,
        unit=unit,
        data={
            f"activity-{first_question(unit)}": "Mostly the deal, hardly the relationship",
            f"activity-{rating}": "4",
        },
    )
    sign_in(client, world.member)
    source = tmp_path / "workbook.docx"
    source.write_bytes(client.get(f"/learning/modules/{learning.pcns.pk}/workbook.docx").content)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "workbook.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Mostly the deal, hardly the relationship" in text
    assert "Your rating: 4 out of 5" in text
    assert "The deal and the relationship" in text
