"""Queue the reminders due before events, and end offers from the waiting list that were not taken in time (the
place goes to the next person). Run it every five minutes (cron or a scheduler): nobody gets a reminder twice."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.events.tasks import expire_offers, send_reminders


class Command(BaseCommand):
    help = "Send the reminders due before events and move on offers from waiting lists that have run out."

    def handle(self, *args: Any, **options: Any) -> None:
        send_reminders.enqueue()
        expire_offers.enqueue()
        self.stdout.write("Queued event reminders and the waiting lists' offers.")
