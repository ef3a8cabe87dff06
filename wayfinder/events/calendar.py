"""Calendar files for events (iCalendar, RFC 5545, with the `icalendar` library).

Each event has one UID for ever ("event-<id>@<site>"), so a calendar replaces its copy when an update arrives. The
SEQUENCE is the event's own (raised on every change an attendee's calendar shows) plus the person's (raised when
they cancel or register again), so every message a person gets is newer than the one before. Times are written in
Europe/London with its VTIMEZONE; an invitation carries a reminder alarm.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from wayfinder.core.links import absolute_url
from wayfinder.events.models import Event, EventStatus, Registration

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Wayfinder//Events//EN"
REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"
MIMETYPE = "text/calendar"


def uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "wayfinder.localhost"
    return f"event-{event.pk}@{host}"


def organiser_address() -> str:
    address = settings.DEFAULT_FROM_EMAIL
    if "<" in address:
        address = address.rpartition("<")[2].rstrip(">")
    return address.strip()


def location(event: Event) -> str:
    if event.online:
        return "Online"
    return ", ".join(part for part in [event.venue, *event.address.splitlines()] if part.strip())


def description(event: Event) -> str:
    page = absolute_url(event.get_absolute_url())
    parts = [event.summary or "", event.description, f"Details and how to join: {page}"]
    if not event.online and event.accessibility:
        parts.append(f"Accessibility: {event.accessibility}")
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def vevent(
    event: Event, *, sequence: int, cancelled: bool, attendee: Registration | None, alarm: bool
) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", uid(event))
    item.add("sequence", sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at.astimezone(LONDON))
    item.add("dtend", event.ends_at.astimezone(LONDON))
    item.add("summary", event.title)
    item.add("description", description(event))
    item.add("location", location(event))
    item.add("url", absolute_url(event.get_absolute_url()))
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organiser = icalendar.vCalAddress(f"mailto:{organiser_address()}")
    organiser.params["cn"] = icalendar.vText("Wayfinder")
    item.add("organizer", organiser)
    if attendee is not None:
        person = icalendar.vCalAddress(f"mailto:{attendee.person.email}")
        person.params["cn"] = icalendar.vText(attendee.person.display_name)
        person.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        person.params["partstat"] = icalendar.vText("DECLINED" if cancelled else "ACCEPTED")
        item.add("attendee", person)
    if alarm and not cancelled:
        minutes = event.second_reminder_minutes or 60
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", f"{event.title} starts soon")
        reminder.add("trigger", timedelta(minutes=-minutes))
        item.add_component(reminder)
    return item


def _calendar(method: str, items: Sequence[icalendar.Event], starts: Sequence[datetime]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    for item in items:
        calendar.add_component(item)
    if items:
        first = min(starts).astimezone(LONDON).date()
        last = max(starts).astimezone(LONDON).date()
        calendar.add_missing_timezones(first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1))
    return calendar.to_ical()


def invitation(registration: Registration, *, method: str = REQUEST, sequence: int | None = None) -> bytes:
    """The invitation (REQUEST: new or changed) or cancellation (CANCEL) for one person's place; `sequence` is the
    one the message was made with (the person's current one when None)."""
    event = registration.event
    cancelled = method == CANCEL
    number = registration.calendar_sequence if sequence is None else sequence
    item = vevent(event, sequence=number, cancelled=cancelled, attendee=registration, alarm=not cancelled)
    return _calendar(method, [item], [event.starts_at])


def feed(registrations: Sequence[Registration]) -> bytes:
    """A person's feed: every event they have a place at, cancelled ones marked so calendars drop them."""
    items = [
        vevent(
            registration.event,
            sequence=registration.calendar_sequence,
            cancelled=registration.event.status == EventStatus.CANCELLED,
            attendee=None,
            alarm=True,
        )
        for registration in registrations
    ]
    return _calendar(PUBLISH, items, [registration.event.starts_at for registration in registrations])


def filename(event: Event) -> str:
    return f"event-{event.pk}.ics"
