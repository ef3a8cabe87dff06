"""What events add to the home page's to-do list: a place offered from a waiting list, to take before the offer
ends. One query."""

from __future__ import annotations

from django.utils import timezone

from wayfinder.core.home import ToDo, Viewer
from wayfinder.events.models import EventStatus, Registration, RegistrationStatus


def offers_to_take(viewer: Viewer) -> list[ToDo]:
    offers = (
        Registration.objects.filter(
            person=viewer.user,
            status=RegistrationStatus.OFFERED,
            offered_until__gt=timezone.now(),
            event__status=EventStatus.PUBLISHED,
        )
        .select_related("event")
        .order_by("offered_until", "pk")[:10]
    )
    return [
        ToDo(
            title=offer.event.title,
            action="Take your place",
            href=offer.event.get_absolute_url(),
            detail="A place has become free for you at this event",
            due_on=timezone.localtime(offer.offered_until).date() if offer.offered_until else None,
            due_label="Offer ends",
            rank=10,
        )
        for offer in offers
    ]
