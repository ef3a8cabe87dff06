"""Close every re-consent campaign whose date has come: unsubscribe the subscribers who did not confirm. Run it
once a day (cron or a scheduler); a campaign is closed once, however often this runs."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.comms import consent


class Command(BaseCommand):
    help = "Unsubscribe the people who did not confirm by a re-consent campaign's date."

    def handle(self, *args: Any, **options: Any) -> None:
        for campaign in consent.campaigns_close_due():
            self.stdout.write(f"Closed “{campaign}”: {campaign.unsubscribed} unsubscribed.")
