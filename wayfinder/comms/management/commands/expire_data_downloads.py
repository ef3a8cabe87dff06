"""Delete the copies of people's data whose week has passed. Run it once a day (cron or a scheduler)."""

from typing import Any

from django.core.management.base import BaseCommand

from wayfinder.comms import data_rights


class Command(BaseCommand):
    help = "Delete the data downloads nobody fetched within a week."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = data_rights.data_exports_expire()
        self.stdout.write(f"Deleted {expired} download{'' if expired == 1 else 's'} no longer wanted.")
