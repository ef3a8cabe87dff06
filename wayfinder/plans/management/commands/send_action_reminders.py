"""Queue a reminder for the owner of every action that is due soon and not done. Run it once a day (cron or a
scheduler); an owner is reminded at most once for each due date."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.plans import services
from wayfinder.plans.tasks import remind_action_owner


class Command(BaseCommand):
    help = f"Remind action owners {services.REMIND_DAYS_BEFORE} days before an action is due."

    def handle(self, *args: Any, **options: Any) -> None:
        action_ids = services.actions_due_a_reminder()
        for action_id in action_ids:
            remind_action_owner.enqueue(action_id=action_id)
        self.stdout.write(f"Queued {len(action_ids)} reminder{'' if len(action_ids) == 1 else 's'}.")
