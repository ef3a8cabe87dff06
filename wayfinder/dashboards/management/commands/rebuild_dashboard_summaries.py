"""manage.py rebuild_dashboard_summaries: work out every round's dashboard summary again (after a bulk load, a
restore, or a first deploy of the summaries). Safe to run at any time: unchanged summaries are left alone."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wayfinder.dashboards import summaries


class Command(BaseCommand):
    help = "Bring the dashboards' round summaries up to date for every round, or only the rounds given."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round_ids", nargs="*", type=int, help="Only these rounds (by id)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        changed = summaries.rebuild(options["round_ids"] or None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Dashboard summaries up to date: {changed} changed in {time.monotonic() - started:.1f}s."
            )
        )
