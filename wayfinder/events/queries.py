"""Reads for events: the lists with their filters, an event's page, the organiser's lists of people, a person's
calendar feed, "events for your network" on results and plan pages, and coming events for the digest. Each costs a
fixed number of queries however many events and people there are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from markupsafe import Markup

from wayfinder.comms.registry import DigestEntry
from wayfinder.core import generations, panels
from wayfinder.events import permissions
from wayfinder.events.mail import when
from wayfinder.events.models import (
    Audience,
    CalendarFeed,
    Event,
    EventFormat,
    EventStatus,
    Registration,
    RegistrationStatus,
    Series,
)
from wayfinder.frameworks.models import SupportDomain
from wayfinder.hub.models import dimension_choices
from wayfinder.networks.models import Privacy


@dataclass(frozen=True)
class Filters:
    format: str = ""
    topic: str = ""
    dimension: str = ""
    domain: str = ""
    series: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> Filters:
        def one(name: str) -> str:
            return str(query.get(name, "")).strip()[:120]

        return cls(
            format=one("format"),
            topic=one("topic"),
            dimension=one("dimension"),
            domain=one("domain"),
            series=one("series"),
        )

    @property
    def any(self) -> bool:
        return any((self.format, self.topic, self.dimension, self.domain, self.series))


@dataclass(frozen=True)
class Listing:
    events: list[Event]
    # The person's own status at each listed event, by event id.
    statuses: dict[int, str] = field(default_factory=dict)


def _matches(event: Event, filters: Filters) -> bool:
    """Tags are lists kept as JSON; they are matched here, on the page of events already read."""
    return (
        (not filters.topic or filters.topic.lower() in (topic.lower() for topic in event.topics))
        and (not filters.dimension or filters.dimension in event.dimension_keys)
        and (not filters.domain or filters.domain in event.support_domain_keys)
    )


LIST_LIMIT = 200


def event_list(user: Any, *, past: bool, filters: Filters, now: datetime | None = None) -> Listing:
    """Published and cancelled events the person may see, upcoming (soonest first) or past (latest first)."""
    now = now or timezone.now()
    events = permissions.events_visible_to(user).exclude(status=EventStatus.DRAFT).select_related("series")
    events = (
        events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
        if past
        else events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    )
    if filters.format in EventFormat.values:
        events = events.filter(format=filters.format)
    if filters.series:
        events = events.filter(series__slug=filters.series)
    found = [event for event in events[:LIST_LIMIT] if _matches(event, filters)]
    return Listing(events=found, statuses=statuses_for(user, found))


def statuses_for(user: Any, events: Sequence[Event]) -> dict[int, str]:
    if user is None or not user.is_authenticated or not events:
        return {}
    return dict(
        Registration.objects.filter(person=user, event_id__in=[event.pk for event in events])
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("event_id", "status")
    )


def drafts_for(user: Any) -> list[Event]:
    """Events the person organises that are not published yet, and every event they organise still to come."""
    return list(
        permissions.events_organised_by(user)
        .filter(Q(status=EventStatus.DRAFT) | Q(ends_at__gt=timezone.now()))
        .select_related("network", "system", "series")
        .order_by("starts_at", "pk")[:LIST_LIMIT]
    )


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    topics: set[str] = set()
    for row in Event.objects.exclude(status=EventStatus.DRAFT).values_list("topics", flat=True):
        topics.update(row or [])
    return {
        "format": list(EventFormat.choices),
        "series": list(Series.objects.order_by("name").values_list("slug", "name")),
        "dimension": dimension_choices(),
        "domain": list(SupportDomain.objects.order_by("position").values_list("key", "name")),
        "topic": [(topic, topic) for topic in sorted(topics, key=str.lower)],
    }


def tag_names(event: Event) -> dict[str, list[str]]:
    dimensions = dict(dimension_choices())
    domains = dict(SupportDomain.objects.values_list("key", "name"))
    return {
        "dimensions": [dimensions.get(key, key) for key in event.dimension_keys],
        "domains": [domains.get(key, key) for key in event.support_domain_keys],
    }


@dataclass(frozen=True)
class Counts:
    registered: int
    offered: int
    waiting: int

    def places_left(self, capacity: int) -> int:
        return max(0, capacity - self.registered - self.offered)


def counts(event: Event) -> Counts:
    rows = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return Counts(
        registered=rows.get(RegistrationStatus.REGISTERED, 0),
        offered=rows.get(RegistrationStatus.OFFERED, 0),
        waiting=rows.get(RegistrationStatus.WAITING, 0),
    )


def own_registration(user: Any, event: Event) -> Registration | None:
    if user is None or not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, person=user).first()


def people(event: Event) -> dict[str, list[Registration]]:
    """The organiser's view: who has a place, who was offered one, who waits (in order) and who cancelled."""
    rows = list(Registration.objects.filter(event=event).select_related("person").order_by("position", "pk"))
    return {
        "registered": sorted(
            (row for row in rows if row.status == RegistrationStatus.REGISTERED),
            key=lambda row: (row.registered_at or row.created_at, row.pk),
        ),
        "offered": [row for row in rows if row.status == RegistrationStatus.OFFERED],
        "waiting": [row for row in rows if row.status == RegistrationStatus.WAITING],
        "cancelled": [row for row in rows if row.status == RegistrationStatus.CANCELLED],
    }


def link_shown(event: Event, registration: Registration | None, now: datetime | None = None) -> bool:
    """The joining link: only for people with a place, from the set time before the start until the end."""
    now = now or timezone.now()
    return (
        event.online
        and bool(event.joining_url)
        and event.status == EventStatus.PUBLISHED
        and registration is not None
        and registration.status == RegistrationStatus.REGISTERED
        and event.link_from <= now < event.ends_at
    )


def feed_registrations(feed: CalendarFeed) -> list[Registration]:
    """Every event the feed's owner has a place at, including cancelled events (so calendars remove them)."""
    return list(
        Registration.objects.filter(person_id=feed.person_id, status=RegistrationStatus.REGISTERED)
        .exclude(event__status=EventStatus.DRAFT)
        .select_related("event", "person")
        .order_by("event__starts_at", "pk")
    )


def feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.filter(token=token, person__is_active=True).first()


def my_events(user: Any) -> list[Registration]:
    """A person's places, offers and waits at events still to come."""
    return list(
        Registration.objects.filter(person=user, event__ends_at__gt=timezone.now())
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(event__status=EventStatus.DRAFT)
        .select_related("event__series")
        .order_by("event__starts_at", "pk")
    )


# Events for your network ---------------------------------------------------------------------------------------

PANEL_LOOK_AHEAD = 100
PANEL_SHOWN = 3


@dataclass(frozen=True)
class Suggestion:
    event: Event
    reason: str


def suggestions(place: panels.Place, events: Sequence[Event], domain_names: Mapping[str, str]) -> list[Suggestion]:
    """Events tagged with the network's weakest dimensions (first) or its plan's domains, with the reason."""
    weakest = place.weakest()
    found: list[tuple[int, Suggestion]] = []
    for event in events:
        dimensions = [key for key in weakest if key in event.dimension_keys]
        domains = [key for key in place.domains if key in event.support_domain_keys]
        if dimensions:
            names = ", ".join(place.dimension_names.get(key, key) for key in dimensions)
            reason = f"It covers {names}, one of the dimensions your network scored lowest on"
            rank = min(weakest.index(key) for key in dimensions)
        elif domains:
            names = ", ".join(domain_names.get(key, key) for key in domains)
            reason = f"It covers {names}, a support domain in your plan"
            rank = len(weakest) + 1
        else:
            continue
        found.append((rank, Suggestion(event=event, reason=reason)))
    found.sort(key=lambda item: (item[0], item[1].event.starts_at))
    return [suggestion for _, suggestion in found[:PANEL_SHOWN]]


# What the panel chooses from is kept in the shared cache for each network until an event changes.
EVENTS_GENERATION = "events"
PANEL_SECONDS = 600


def panel_candidates(network_id: int) -> tuple[list[Event], dict[str, str]]:
    """Coming events anyone who may see the network's results or plan may see: those open to everyone (not
    organised by a network that is private or confidential), the network's own, and its system's for its networks;
    with the support domains' names."""
    now = timezone.now()

    def compute() -> tuple[list[Event], dict[str, str]]:
        public = Q(audience=Audience.EVERYONE) & (
            Q(network__isnull=True) | Q(network__privacy__in=[Privacy.OPEN, Privacy.RESTRICTED])
        )
        own = Q(network_id=network_id) | Q(audience=Audience.SYSTEM, system__networks__id=network_id)
        events = list(
            Event.objects.filter(public | own, status=EventStatus.PUBLISHED, starts_at__gt=now).order_by(
                "starts_at", "pk"
            )[:PANEL_LOOK_AHEAD]
        )
        return events, (dict(SupportDomain.objects.values_list("key", "name")) if events else {})

    events, domains = generations.cached(
        "events-panel", [EVENTS_GENERATION], ("panel", network_id), compute, PANEL_SECONDS
    )
    return [event for event in events if event.starts_at > now], domains


def network_panel(place: panels.Place) -> panels.Panel | None:
    """ "Events for your network" on a round's results and a plan: no query while the kept list is fresh."""
    if not place.levels and not place.domains:
        return None
    events, domain_names = panel_candidates(place.network_id)
    shown = suggestions(place, events, domain_names)
    if not shown:
        return None
    body = Markup(render_to_string("events/_panel.jinja", {"suggestions": shown}))  # noqa: S704 - autoescaped template
    return panels.Panel(key="events:for-network", heading="Events for your network", body=body, rank=40)


# The digest ----------------------------------------------------------------------------------------------------

DIGEST_OFFERED = 30


def coming_for_digest(since: datetime | None) -> list[DigestEntry]:
    """Published events still to come that anyone may register for, soonest first: the digest goes to everyone, so
    members-only events and those of networks that are not open to all are left out."""
    events = (
        Event.objects.filter(
            status=EventStatus.PUBLISHED,
            audience=Audience.EVERYONE,
            starts_at__gt=timezone.now(),
        )
        .filter(Q(network__isnull=True) | Q(network__privacy__in=[Privacy.OPEN, Privacy.RESTRICTED]))
        .order_by("starts_at", "pk")[:DIGEST_OFFERED]
    )
    return [
        DigestEntry(
            ref=f"events.event:{event.pk}",
            title=event.title,
            url=event.get_absolute_url(),
            summary=f"{when(event.starts_at)}. {event.summary}".strip(),
            published_at=event.published_at,
        )
        for event in events
    ]
