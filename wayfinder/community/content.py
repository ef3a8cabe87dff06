"""The community norms, as data (`content.yaml`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wayfinder.core.datafiles import read_yaml

NORMS: dict[str, Any] = read_yaml(Path(__file__).resolve().parent / "content.yaml")
