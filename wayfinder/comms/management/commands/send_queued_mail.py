"""Keep mail moving: queue again what a dead worker left claimed, queue what waits to be tried again, and start the
digest issues whose time has come. Run it every few minutes (cron or a scheduler); running it twice is harmless."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from wayfinder.comms import pipeline
from wayfinder.comms.models import DigestIssue, DigestStatus
from wayfinder.comms.tasks import digest_queue


class Command(BaseCommand):
    help = "Queue mail that waits to be sent and start scheduled digest issues."

    def handle(self, *args: Any, **options: Any) -> None:
        stale = pipeline.requeue_stale()
        queued = pipeline.queue_waiting(pipeline.overdue())
        due = list(
            DigestIssue.objects.filter(status=DigestStatus.SCHEDULED, scheduled_for__lte=timezone.now()).values_list(
                "pk", flat=True
            )
        )
        for issue_id in due:
            digest_queue.enqueue(issue_id=issue_id)
        self.stdout.write(
            f"Queued {queued} mail ({stale} taken back from stopped workers); started {len(due)} digest issues."
        )
