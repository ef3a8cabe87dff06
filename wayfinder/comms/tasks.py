"""Background work of the mail pipeline: sending a batch of deliveries, and starting a digest's sending."""

from __future__ import annotations

from django.db import transaction
from django_tasks import TaskContext, default_task_backend, task

from wayfinder.comms import pipeline
from wayfinder.comms.models import Delivery


@task(takes_context=True)
def deliver(context: TaskContext, *, delivery_ids: list[int]) -> int:
    """Send a batch of deliveries. The claim is this task run's id: run again after its worker died, it takes
    back what it had claimed and not marked; another task never does."""
    sent, retry_at = pipeline.deliver_batch(delivery_ids, claimant=f"task:{context.task_result.id}")
    if retry_at is not None and default_task_backend.supports_defer:
        # The deliveries that wait have send_after set; a new batch for them runs when the first may go.
        waiting = list(
            Delivery.objects.filter(pk__in=delivery_ids, status="queued").order_by("pk").values_list("pk", flat=True)
        )
        if waiting:
            transaction.on_commit(lambda: deliver.using(run_after=retry_at).enqueue(delivery_ids=waiting))
    from wayfinder.comms import digest

    digest.issues_finish(delivery_ids)
    return sent


@task()
def digest_queue(*, issue_id: int) -> int:
    """Make a delivery for each subscriber of a digest issue and queue them in batches."""
    from wayfinder.comms import digest

    return digest.issue_queue(issue_id)
