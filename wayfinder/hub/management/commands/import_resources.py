"""manage.py import_resources file.csv [--dry-run]: publish knowledge hub resources from a CSV file.

Every row is checked first; if any is wrong, nothing is saved and each problem is listed with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from wayfinder.core.text import counted
from wayfinder.hub.importer import resources_import


class Command(BaseCommand):
    help = "Publish hub resources from a CSV file with the columns title, summary, link, type and tags."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file, saved as UTF-8")
        parser.add_argument("--dry-run", action="store_true", help="Check every row but save nothing")

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"There is no file at {file}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not saved as UTF-8 text: save it as “CSV UTF-8” and try again") from error
        report = resources_import(text, dry_run=dry_run)
        for line in report.lines():
            self.stderr.write(line)
        if not report.ok:
            bad = len(report.bad_rows)
            what = counted(bad, "row", "rows") if bad else "the file"
            raise CommandError(f"Nothing was saved. Fix {what} and try again.")
        if dry_run:
            rows = len(report.rows)
            ready = ngettext("The %(num)s row is ready", "All %(num)s rows are ready", rows) % {"num": rows}
            self.stdout.write(f"{ready} to import. Nothing was saved (dry run).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Published {counted(report.saved, 'resource', 'resources')}."))
