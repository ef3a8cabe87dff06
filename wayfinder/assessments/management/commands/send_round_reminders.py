"""Queue a reminder for every rater who has not finished a round that closes within its reminder window.
Run it once a day (cron or a scheduler); a rater is reminded at most once per round."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.assessments import services
from wayfinder.assessments.tasks import remind_rater


class Command(BaseCommand):
    help = "Remind raters who have not finished, a set number of days before their round closes."

    def handle(self, *args: Any, **options: Any) -> None:
        rater_ids = services.raters_due_a_reminder()
        for rater_id in rater_ids:
            remind_rater.enqueue(rater_id=rater_id)
        self.stdout.write(f"Queued {len(rater_ids)} reminder{'' if len(rater_ids) == 1 else 's'}.")
