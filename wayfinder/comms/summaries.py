"""The daily summary: the mails each person chose to get gathered together, sent as one mail a day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.template.loader import render_to_string

from wayfinder.comms import kinds, pipeline
from wayfinder.comms.models import Delivery, DeliveryStatus


def summary_text(deliveries: Sequence[Delivery]) -> str:
    """The summary's body: each held mail's subject and text, in the order they were written."""
    return render_to_string("comms/email/daily_summary.txt", {"deliveries": deliveries}).strip() + "\n"


def summaries_send() -> int:
    """Send each person with held mail one summary of it. Safe to run twice: a held mail goes in one summary only,
    and a summary's key names the last mail in it. Returns how many summaries were queued."""
    held: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in Delivery.objects.filter(status=DeliveryStatus.HELD, user__isnull=False).order_by("pk"):
        held[delivery.user_id or 0].append(delivery)
    sent = 0
    for deliveries in held.values():
        with transaction.atomic():
            ids = [delivery.pk for delivery in deliveries]
            taken = Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.HELD).update(
                status=DeliveryStatus.SUMMARISED
            )
            if taken != len(ids):  # another run took some: leave them to it
                transaction.set_rollback(True)
                continue
            count = len(deliveries)
            pipeline.mail_send(
                kind=kinds.DAILY_SUMMARY,
                key=f"{kinds.DAILY_SUMMARY}:{deliveries[0].user_id}:{ids[-1]}",
                to=[deliveries[0].recipient],
                subject=f"Wayfinder: your daily summary ({count} email{'' if count == 1 else 's'})",
                text=summary_text(deliveries),
            )
            sent += 1
    return sent
