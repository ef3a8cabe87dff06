"""`manage.py import_hierarchy KIND FILE [--dry-run]`: import regions, systems, places, networks or organisations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wayfinder.networks.imports import KINDS, MAX_FILE_BYTES, ImportReport, RowChange, hierarchy_import


class Command(BaseCommand):
    help = (
        "Import regions, systems, places, networks or member organisations from a CSV file. "
        "If any row has a problem, nothing is saved and the command exits with status 1. "
        "See docs/import.md for the columns of each file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(KINDS), help="What the file holds.")
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8, at most 5 MB).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report what would change, saving nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open("rb") as handle:
                # One byte more than allowed, so the importer can tell the file is too big.
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error.strerror or error}") from error
        report = hierarchy_import(kind=options["kind"], file=data, dry_run=options["dry_run"])
        self._print(report, path, verbosity=options["verbosity"])
        if not report.ok:
            raise CommandError(f"{path} has {report.counted()}, so nothing was saved.")

    def _print(self, report: ImportReport, path: Path, *, verbosity: int) -> None:
        for line in report.lines():
            self.stderr.write(line)
        if not report.ok:
            return
        created, updated, unchanged = len(report.created), len(report.updated), len(report.unchanged)
        if report.dry_run:
            self.stdout.write(
                f"{path} has no problems. Saving it would create {created}, update {updated} "
                f"and leave {unchanged} unchanged. Nothing was saved (dry run)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {report.kind} from {path}: {created} created, {updated} updated, {unchanged} unchanged."
                )
            )
        if verbosity >= 2:
            self._list("Created" if not report.dry_run else "Would create", report.created)
            self._list("Updated" if not report.dry_run else "Would update", report.updated)
        if verbosity >= 3:
            self._list("Unchanged", report.unchanged)

    def _list(self, title: str, changes: list[RowChange]) -> None:
        for change in changes:
            columns = f" ({', '.join(change.columns)})" if change.columns else ""
            self.stdout.write(f"{title}: line {change.line}, {change.label}{columns}")
