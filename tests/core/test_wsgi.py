"""The WSGI application gunicorn loads takes start-up's objects out of the cycle collector's sight."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_loading_the_application_freezes_start_up_objects_and_collects_less_often() -> None:
    script = "import gc, wayfinder.wsgi; print(gc.get_freeze_count() > 10_000, gc.get_threshold())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wayfinder.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "True (50000, 10, 10)"
