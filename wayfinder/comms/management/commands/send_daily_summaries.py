"""Send each person who chose a daily summary one mail with what was held for it. Run it once a day (cron or a
scheduler); running it twice sends nothing twice."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.comms.summaries import summaries_send


class Command(BaseCommand):
    help = "Send the daily summaries of held mail."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = summaries_send()
        self.stdout.write(f"Queued {sent} daily summar{'y' if sent == 1 else 'ies'}.")
