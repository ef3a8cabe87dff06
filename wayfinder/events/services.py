"""Every write to events: organising, registering, the waiting list, offers, reminders and calendar feeds.

Registering, cancelling, taking an offer and ordering the waiting list lock the event's row first
(`select_for_update`), so two people can never take the last place at once: on PostgreSQL the second waits for the
first to commit and then counts again; SQLite runs one write at a time anyway.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from wayfinder.accounts.models import User
from wayfinder.core import generations
from wayfinder.events import mail
from wayfinder.events.models import (
    HOLDS_A_PLACE,
    Audience,
    CalendarFeed,
    Event,
    EventFormat,
    EventStatus,
    Registration,
    RegistrationStatus,
    Series,
)
from wayfinder.events.permissions import in_audience
from wayfinder.events.queries import EVENTS_GENERATION
from wayfinder.networks.models import Network, System

REGISTERED, WAITING, OFFERED, CANCELLED = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.WAITING,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CANCELLED,
)

# What an organiser may set on an event.
DETAILS = (
    "title",
    "summary",
    "description",
    "speakers",
    "series",
    "audience",
    "format",
    "joining_url",
    "venue",
    "address",
    "accessibility",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_closes_at",
    "link_shown_minutes",
    "first_reminder_minutes",
    "second_reminder_minutes",
    "offer_hours",
    "dimension_keys",
    "support_domain_keys",
    "topics",
)
# A change to any of these changes what a person's calendar shows: the sequence goes up and they are told.
CALENDAR_DETAILS = (
    "title",
    "summary",
    "description",
    "format",
    "venue",
    "address",
    "accessibility",
    "starts_at",
    "ends_at",
)
# Reminders and the joining link are set within a week of the start.
LONGEST_NOTICE_MINUTES = 7 * 24 * 60


def _touched(event: Event) -> None:
    """What is kept about events (the list "events for your network" chooses from) is stale from now, and again
    after the commit (a read in between may keep what the database still held)."""
    keys = [EVENTS_GENERATION]
    generations.bump(keys)
    transaction.on_commit(lambda: generations.bump(keys), robust=True)


def _check(event: Event) -> None:
    errors: dict[str, str] = {}
    if not event.title.strip():
        errors["title"] = "Enter the event's title"
    if event.starts_at is None:
        errors["starts_at"] = "Enter when the event starts"
    if event.ends_at is None:
        errors["ends_at"] = "Enter when the event ends"
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = "The event must end after it starts"
    if event.capacity is None or event.capacity < 1:
        errors["capacity"] = "An event needs at least 1 place"
    if event.registration_closes_at and event.starts_at and event.registration_closes_at > event.starts_at:
        errors["registration_closes_at"] = "Registration must close before the event starts, or when it starts"
    if event.audience == Audience.NETWORK and event.network_id is None:
        errors["audience"] = "Only a network's event can be for the network's members"
    if event.audience == Audience.SYSTEM and event.system_id is None:
        errors["audience"] = "Only a system's event can be for the networks in the system"
    for name in ("link_shown_minutes", "first_reminder_minutes", "second_reminder_minutes"):
        if getattr(event, name) > LONGEST_NOTICE_MINUTES:
            errors[name] = "This can be at most a week before the event"
    if event.offer_hours < 1:
        errors["offer_hours"] = "Hold an offered place for at least 1 hour"
    if event.format == EventFormat.IN_PERSON and event.joining_url:
        event.joining_url = ""
    if errors:
        raise ValidationError(errors)


def _check_ready(event: Event) -> None:
    """What a published event must have, beyond what a draft needs."""
    if event.format == EventFormat.ONLINE and not event.joining_url:
        raise ValidationError({"joining_url": "Enter the joining link for an online event"})
    if event.format == EventFormat.IN_PERSON and not (event.venue.strip() and event.address.strip()):
        raise ValidationError({"venue": "Enter the venue and its address for an event in person"})


def _tags(values: Iterable[Any] | None) -> list[str]:
    """Distinct tags (ignoring case and spacing), first spelling kept, in alphabetical order."""
    kept: dict[str, str] = {}
    for item in values or []:
        text = " ".join(str(item).split())
        if text:
            kept.setdefault(text.lower(), text)
    return sorted(kept.values(), key=str.lower)


def _apply(event: Event, details: dict[str, Any]) -> set[str]:
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise ValueError(f"Not details of an event: {', '.join(sorted(unknown))}")
    changed_names = set()
    for name, value in details.items():
        if name in ("dimension_keys", "support_domain_keys", "topics"):
            value = _tags(value)
        if isinstance(value, str):
            value = value.strip()
        if getattr(event, name) != value:
            changed_names.add(name)
            setattr(event, name, value)
    return changed_names


def series_find_or_create(*, name: str) -> Series:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Enter the series' name")
    found = Series.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    base = slugify(name)[:200] or "series"
    slug, number = base, 1
    while Series.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return Series.objects.create(name=name, slug=slug)


@transaction.atomic
def event_create(*, by: User, network: Network | None = None, system: System | None = None, **details: Any) -> Event:
    """A draft event: national when neither a network nor a system organises it."""
    if network is not None and system is not None:
        raise ValidationError("An event is organised by one network or one system, not both")
    event = Event(network=network, system=system, created_by=by)
    _apply(event, details)
    _check(event)
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, **details: Any) -> Event:
    """Change an event; people with a place get the new details and calendar invitation when what their calendar
    shows has changed, and a larger capacity offers the new places to those waiting."""
    event = Event.objects.select_for_update(of=("self",)).select_related("network", "system").get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError("A cancelled event cannot be changed")
    names = _apply(event, details)
    _check(event)
    if event.status == EventStatus.PUBLISHED:
        _check_ready(event)
    tell = event.status == EventStatus.PUBLISHED and bool(names & set(CALENDAR_DETAILS))
    if tell:
        event.sequence += 1
    event.save()
    if tell:
        for registration in _registrations(event, [REGISTERED]):
            mail.send_invitation(registration, changed=True)
    if event.status == EventStatus.PUBLISHED:
        _offer_free_places(event, now=timezone.now())
    _touched(event)
    return event


@transaction.atomic
def event_publish(*, event: Event, by: User) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.DRAFT:
        raise ValidationError("Only a draft can be published")
    if event.starts_at <= timezone.now():
        raise ValidationError("This event has already started; change its dates before publishing it")
    _check(event)
    _check_ready(event)
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    _touched(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: User, reason: str = "") -> Event:
    """Cancel an event: everyone with a place gets a cancellation that removes it from their calendar, and those
    waiting are told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError("This event is already cancelled")
    was_published = event.status == EventStatus.PUBLISHED
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancel_reason = reason.strip()
    event.sequence += 1
    event.save()
    if was_published:
        for registration in _registrations(event, [REGISTERED, OFFERED, WAITING]):
            if registration.status == REGISTERED:
                mail.send_cancellation(registration, by_organiser=True, reason=event.cancel_reason)
            else:
                mail.send_waiting_cancelled(registration, reason=event.cancel_reason)
    _touched(event)
    return event


# Registration -------------------------------------------------------------------------------------------------


def _registrations(event: Event, statuses: Iterable[str]) -> list[Registration]:
    rows = list(
        Registration.objects.filter(event=event, status__in=list(statuses))
        .select_related("person")
        .order_by("position", "pk")
    )
    for row in rows:
        row.event = event
    return rows


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).select_related("network", "system").get(pk=event.pk)


def _offer_free_places(event: Event, *, now: datetime) -> list[Registration]:
    """Offer each free place to the next person waiting, for the event's offer time (never past registration
    closing). Called with the event's row locked."""
    if event.status != EventStatus.PUBLISHED or now >= event.closes_at:
        return []
    holding = Registration.objects.filter(event=event, status__in=HOLDS_A_PLACE).count()
    free = event.capacity - holding
    if free <= 0:
        return []
    offered = _registrations(event, [WAITING])[:free]
    until = min(now + timedelta(hours=event.offer_hours), event.closes_at)
    for registration in offered:
        registration.status = OFFERED
        registration.offered_until = until
        registration.sequence += 1
        registration.save(update_fields=["status", "offered_until", "sequence", "updated_at"])
        mail.send_offer(registration)
    return offered


@transaction.atomic
def registration_register(*, event: Event, person: User) -> Registration:
    """Take a place, or join the waiting list when the event is full."""
    event = _locked(event)
    now = timezone.now()
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError("This event is not open for registration")
    if now >= event.closes_at:
        raise ValidationError("Registration for this event has closed")
    if not in_audience(person, event):
        raise ValidationError("This event is only for members of the networks it is organised for")
    registration = Registration.objects.filter(event=event, person=person).first()
    if registration is not None and registration.status != CANCELLED:
        already: dict[str, str] = {
            REGISTERED: "You already have a place at this event",
            WAITING: "You are already on the waiting list",
            OFFERED: "You have been offered a place: take it or let it go",
        }
        raise ValidationError(already[registration.status])
    if registration is None:
        registration = Registration(event=event, person=person, status=CANCELLED)
    else:
        registration.sequence += 1
    registration.event = event
    holding = Registration.objects.filter(event=event, status__in=HOLDS_A_PLACE).count()
    waiting = Registration.objects.filter(event=event, status=WAITING).exists()
    registration.cancelled_at = None
    registration.offered_until = None
    if holding < event.capacity and not waiting:
        registration.status = REGISTERED
        registration.registered_at = now
        registration.save()
        mail.send_invitation(registration)
    else:
        last = Registration.objects.filter(event=event).aggregate(last=Max("position"))["last"] or 0
        registration.status = WAITING
        registration.position = last + 1
        registration.save()
        mail.send_waiting(registration)
    return registration


@transaction.atomic
def registration_cancel(*, event: Event, person: User) -> Registration:
    """Give up a place (or an offer, or a place on the waiting list); a freed place is offered to the next person."""
    event = _locked(event)
    registration = Registration.objects.filter(event=event, person=person).exclude(status=CANCELLED).first()
    if registration is None:
        raise ValidationError("You have no place at this event to cancel")
    registration.event = event
    was_registered = registration.status == REGISTERED
    registration.status = CANCELLED
    registration.cancelled_at = timezone.now()
    registration.offered_until = None
    registration.sequence += 1
    registration.save()
    if was_registered and event.status == EventStatus.PUBLISHED:
        mail.send_cancellation(registration, by_organiser=False)
    _offer_free_places(event, now=timezone.now())
    return registration


@transaction.atomic
def registration_accept(*, event: Event, person: User) -> Registration:
    """Take the place offered from the waiting list, while the offer lasts."""
    event = _locked(event)
    now = timezone.now()
    registration = Registration.objects.filter(event=event, person=person, status=OFFERED).first()
    if registration is None or registration.offered_until is None or registration.offered_until <= now:
        raise ValidationError("This offer has ended")
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError("This event is not open for registration")
    registration.event = event
    registration.status = REGISTERED
    registration.registered_at = now
    registration.offered_until = None
    registration.save()
    mail.send_invitation(registration)
    return registration


def offers_expire(*, now: datetime | None = None) -> int:
    """Offers not taken in time end, and each place goes to the next person waiting. Safe to run at any time and
    more than once; each event is handled in its own transaction."""
    now = now or timezone.now()
    event_ids = sorted(
        set(
            Registration.objects.filter(
                status=OFFERED, offered_until__lte=now, event__status=EventStatus.PUBLISHED
            ).values_list("event_id", flat=True)
        )
    )
    ended = 0
    for event_id in event_ids:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            expired = list(
                Registration.objects.filter(event=event, status=OFFERED, offered_until__lte=now).select_related(
                    "person"
                )
            )
            for registration in expired:
                registration.event = event
                registration.status = CANCELLED
                registration.cancelled_at = now
                registration.offered_until = None
                registration.sequence += 1
                registration.save()
                mail.send_offer_ended(registration)
            ended += len(expired)
            _offer_free_places(event, now=now)
    return ended


@transaction.atomic
def waiting_move(*, event: Event, registration: Registration, by: User, up: bool) -> list[Registration]:
    """Move one person up or down the waiting list; returns the list in its new order."""
    event = _locked(event)
    queue = _registrations(event, [WAITING])
    index = next((i for i, row in enumerate(queue) if row.pk == registration.pk), None)
    if index is None:
        raise ValidationError("That person is not on the waiting list")
    other = index - 1 if up else index + 1
    if 0 <= other < len(queue):
        queue[index], queue[other] = queue[other], queue[index]
    for position, row in enumerate(queue, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position", "updated_at"])
    return queue


def registrations_erase(*, person: User) -> None:
    """For deleting an account: give up every place still held (so it goes to the next person waiting, with no
    mail to the person leaving), then remove the person's registrations and calendar feed."""
    now = timezone.now()
    with transaction.atomic():
        event_ids = list(
            Registration.objects.filter(person=person, status__in=[*HOLDS_A_PLACE, WAITING]).values_list(
                "event_id", flat=True
            )
        )
        for event in Event.objects.select_for_update().filter(pk__in=event_ids):
            Registration.objects.filter(event=event, person=person).delete()
            _offer_free_places(event, now=now)
        Registration.objects.filter(person=person).delete()
        CalendarFeed.objects.filter(person=person).delete()


# Reminders ----------------------------------------------------------------------------------------------------


def reminder_slot(event: Event, now: datetime) -> str | None:
    """The reminder due now for the event: the latest of its two whose time has come ("first" a day before,
    "second" an hour before, by default), or None."""
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return None
    due = None
    for slot, minutes in (("first", event.first_reminder_minutes), ("second", event.second_reminder_minutes)):
        is_due = minutes and event.starts_at - timedelta(minutes=minutes) <= now
        if is_due and (due is None or minutes < due[1]):
            due = (slot, minutes)
    return due[0] if due else None


def reminders_send(*, now: datetime | None = None) -> int:
    """Queue the reminders that are due, to people with a place only. Run every few minutes: a reminder's key
    names the event, which reminder and the start time, so nobody gets the same one twice."""
    now = now or timezone.now()
    events = list(
        Event.objects.filter(
            status=EventStatus.PUBLISHED,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(minutes=LONGEST_NOTICE_MINUTES),
        )
    )
    sent = 0
    for event in events:
        slot = reminder_slot(event, now)
        if slot is None:
            continue
        registrations = _registrations(event, [REGISTERED])
        if registrations:
            sent += mail.send_reminder(event, registrations, slot=slot)
    return sent


# Calendar feeds -----------------------------------------------------------------------------------------------


@transaction.atomic
def feed_renew(*, person: User) -> CalendarFeed:
    """A new secret address for the person's calendar feed; the old one stops working at once."""
    token = secrets.token_urlsafe(32)
    feed, _ = CalendarFeed.objects.update_or_create(person=person, defaults={"token": token})
    return feed


@transaction.atomic
def feed_get_or_create(*, person: User) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(person=person).first()
    return feed if feed is not None else feed_renew(person=person)


def holders(event: Event) -> Sequence[Registration]:
    return _registrations(event, HOLDS_A_PLACE)
