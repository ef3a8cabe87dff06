"""The mail events send, registered with comms, and the calendar files some of them carry.

Bookings (a place, an update, a cancellation, a place offered from the waiting list) are service messages: the
person asked for them. Reminders before an event can be turned off. A message that carries a calendar file names
it in its key ("events.ics:<registration>:<sequence>:<method>"), and the pipeline asks `attachments` for the file
when it sends, so every attempt carries the same one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from wayfinder.comms.models import Delivery
from wayfinder.comms.pipeline import Attachment, mail_send, register_attachments
from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind
from wayfinder.core.links import absolute_url
from wayfinder.events import calendar
from wayfinder.events.models import Event, Registration, clock, day

BOOKING = "events.booking"
REMINDER = "events.reminder"
ICS_PREFIX = "events.ics:"
LONDON = ZoneInfo("Europe/London")


def register() -> None:
    register_mail_kind(
        BOOKING,
        label="Event bookings",
        description="Your place at an event, a calendar invitation, changes and cancellations.",
        category=MailCategory.SERVICE,
        choices=(),
    )
    register_mail_kind(
        REMINDER,
        label="Event reminders",
        description="A reminder before an event you have a place at.",
        category=MailCategory.REMINDER,
        choices=(Frequency.AT_ONCE, Frequency.OFF),
    )
    register_attachments(BOOKING, attachments)


def when(moment: datetime) -> str:
    """ "Friday 5 March 2027 at 2pm" in UK time."""
    return f"{day(moment)} at {clock(moment)}"


def _where(event: Event) -> str:
    if event.online:
        return "Online. The joining link is on the event page shortly before it starts."
    place = ", ".join(part.strip() for part in [event.venue, *event.address.splitlines()] if part.strip())
    return f"In person: {place}"


def _details(event: Event) -> str:
    return (
        f"{event.title}\n{event.when} (UK time)\n{_where(event)}\n\n"
        f"Event page: {absolute_url(event.get_absolute_url())}"
    )


def ics_key(registration: Registration, method: str) -> str:
    return f"{ICS_PREFIX}{registration.pk}:{registration.calendar_sequence}:{method}"


def attachments(delivery: Delivery) -> Sequence[Attachment]:
    if not delivery.key.startswith(ICS_PREFIX):
        return []
    registration_id, sequence, method = delivery.key.removeprefix(ICS_PREFIX).split(":")
    registration = Registration.objects.select_related("event", "person").filter(pk=registration_id).first()
    if registration is None:
        return []
    content = calendar.invitation(registration, method=method, sequence=int(sequence))
    return [Attachment(calendar.filename(registration.event), content, f"{calendar.MIMETYPE}; method={method}")]


def _send(registration: Registration, key: str, subject: str, text: str) -> None:
    mail_send(kind=BOOKING, key=key, to=[registration.person.email], subject=f"Wayfinder: {subject}", text=text)


def send_invitation(registration: Registration, *, changed: bool = False) -> None:
    event = registration.event
    if changed:
        subject = f"Changed: {event.title}"
        opening = "The details of an event you have a place at have changed. The new details are:"
    else:
        subject = f"Your place: {event.title}"
        opening = "You have a place at this event:"
    text = (
        f"{opening}\n\n{_details(event)}\n\n"
        "The calendar invitation attached adds it to your calendar. "
        "If you can no longer come, cancel your place on the event page so someone else can have it.\n"
    )
    _send(registration, ics_key(registration, calendar.REQUEST), subject, text)


def send_cancellation(registration: Registration, *, by_organiser: bool, reason: str = "") -> None:
    event = registration.event
    if by_organiser:
        subject = f"Cancelled: {event.title}"
        opening = "This event has been cancelled:"
        if reason:
            opening += f"\n\n{reason.strip()}\n"
    else:
        subject = f"Place cancelled: {event.title}"
        opening = "You have cancelled your place at:"
    text = f"{opening}\n\n{_details(event)}\n\nThe calendar file attached removes it from your calendar.\n"
    _send(registration, ics_key(registration, calendar.CANCEL), subject, text)


def send_waiting(registration: Registration) -> None:
    event = registration.event
    text = (
        f"This event is full, so you are on its waiting list:\n\n{_details(event)}\n\n"
        f"If a place becomes free we will email you, and you will have {event.offer_hours} hours to take it.\n"
    )
    _send(
        registration, f"events.waiting:{registration.pk}:{registration.sequence}", f"Waiting list: {event.title}", text
    )


def send_offer(registration: Registration) -> None:
    event = registration.event
    assert registration.offered_until is not None
    text = (
        f"A place has become free at:\n\n{_details(event)}\n\n"
        f"It is yours if you take it by {when(registration.offered_until)}. "
        f"Take it or let it go on the event page: {absolute_url(event.get_absolute_url())}\n"
    )
    _send(
        registration, f"events.offer:{registration.pk}:{registration.sequence}", f"A place for you: {event.title}", text
    )


def send_offer_ended(registration: Registration) -> None:
    event = registration.event
    text = (
        f"The place we offered you at {event.title} was not taken in time, so it has gone to the next person "
        "waiting. You can join the waiting list again on the event page.\n\n"
        f"{_details(event)}\n"
    )
    _send(
        registration,
        f"events.offer-ended:{registration.pk}:{registration.sequence}",
        f"Offer ended: {event.title}",
        text,
    )


def send_waiting_cancelled(registration: Registration, reason: str = "") -> None:
    event = registration.event
    text = f"This event, which you were waiting for a place at, has been cancelled:\n\n{_details(event)}\n"
    if reason:
        text += f"\n{reason.strip()}\n"
    _send(registration, f"events.waiting-cancelled:{registration.pk}", f"Cancelled: {event.title}", text)


def send_reminder(event: Event, registrations: Sequence[Registration], *, slot: str) -> int:
    """One message to each person with a place; the key names the event, the reminder and the start time, so a
    person never gets the same reminder twice (an event moved to a new time is reminded of again)."""
    starts = event.starts_at.isoformat(timespec="minutes")
    text = f"A reminder that you have a place at:\n\n{_details(event)}\n"
    if event.online:
        text += "\nThe joining link is on the event page from shortly before the start.\n"
    return mail_send(
        kind=REMINDER,
        key=f"events.reminder:{event.pk}:{slot}:{starts}",
        to=[registration.person.email for registration in registrations],
        subject=f"Wayfinder: reminder, {event.title}, {when(event.starts_at)}",
        text=text,
    )
