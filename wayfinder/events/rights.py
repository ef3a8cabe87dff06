"""What events hold about a person, for "download my data": their registrations (places, waits and cancellations)
and whether they have a calendar feed. Deleting the account gives up their places (each goes to the next person
waiting), removes their registrations and their feed, and keeps the events they organised, no longer naming them."""

from __future__ import annotations

from typing import Any

from wayfinder.comms.registry import DataFile
from wayfinder.events import services
from wayfinder.events.models import CalendarFeed, Event, Registration


def export(user: Any) -> list[DataFile]:
    rows = Registration.objects.filter(person=user).select_related("event").order_by("event__starts_at", "pk")
    return [
        DataFile(
            name="events/registrations.csv",
            header=["Event", "Starts", "Status", "Registered", "Cancelled"],
            rows=[
                [
                    row.event.title,
                    row.event.starts_at,
                    row.get_status_display(),
                    row.registered_at or "",
                    row.cancelled_at or "",
                ]
                for row in rows
            ],
        ),
        DataFile(
            name="events/calendar-feed.json",
            data={"has_calendar_feed": CalendarFeed.objects.filter(person=user).exists()},
        ),
        DataFile(
            name="events/events-you-created.csv",
            header=["Event", "Starts", "Status"],
            rows=[
                [event.title, event.starts_at, event.get_status_display()]
                for event in Event.objects.filter(created_by=user).order_by("starts_at", "pk")
            ],
        ),
    ]


def erase(user: Any) -> None:
    services.registrations_erase(person=user)
    Event.objects.filter(created_by=user).update(created_by=None)
