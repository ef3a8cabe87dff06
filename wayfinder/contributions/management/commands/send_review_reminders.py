"""Email the hub's editors and moderators the published resources due for review in the next 30 days or
already overdue. Run it once a day (cron or a scheduler); each person gets at most one email a day."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.contributions import reminders


class Command(BaseCommand):
    help = f"Remind hub editors of resources to review within {reminders.REVIEW_WINDOW_DAYS} days."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders.review_reminders_send()
        self.stdout.write(f"Queued {sent} reminder{'' if sent == 1 else 's'}.")
