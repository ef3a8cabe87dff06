"""Put every knowledge hub editor in the "Hub editors" and "Hub moderators" groups, and take out the people the
sync put there who no longer hold an editor appointment. Appointments saved one by one are synced as they
change; run this after loading appointments in bulk, or to repair the groups."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.contributions.groups import hub_groups_sync


class Command(BaseCommand):
    help = "Bring the hub's editor and moderator groups in line with people's editor appointments."

    def handle(self, *args: Any, **options: Any) -> None:
        given, taken = hub_groups_sync()
        self.stdout.write(f"Gave {given} group place{'' if given == 1 else 's'} and took away {taken}.")
