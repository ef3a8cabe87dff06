"""A task only the worker tests queue: it notes each run, and its first run lingers so a test can kill the worker
part-way through."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task


@task()
def note_each_run(*, runs_file: str, first_run_lingers: float) -> int:
    runs = Path(runs_file)
    with runs.open("a") as file:
        file.write("run\n")
    count = len(runs.read_text().splitlines())
    if count == 1:
        time.sleep(first_run_lingers)
    return count
