"""Demo events for `manage.py seed_demo`, as `demo.yaml` describes them: a webinar series with one past and one
coming webinar, and a system's gathering in person. Made once: events that already exist are left as they are."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.core.datafiles import read_yaml
from wayfinder.events import after_demo, services
from wayfinder.events.models import Audience, Event, EventStatus
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import System

DEMO = read_yaml(Path(__file__).resolve().parent / "demo.yaml")
LONDON = ZoneInfo("Europe/London")


def _person(sign_in: str) -> User | None:
    return User.objects.filter(email=f"{sign_in}@{DEMO_DOMAIN}").first()


def _start(item: dict[str, Any], today: datetime) -> datetime:
    day = (today + timedelta(days=item["days_from_now"])).date()
    return datetime.combine(day, time(item["hour"]), tzinfo=LONDON)


def seed() -> list[str]:
    organiser = _person(DEMO["organiser"])
    system_lead = _person(DEMO["system_organiser"])
    system = System.objects.filter(code=DEMO["system"]).first()
    if organiser is None or system_lead is None or system is None:
        return []
    series = services.series_find_or_create(name=DEMO["series"])
    today = timezone.now().astimezone(LONDON)
    made = 0
    for item in DEMO["events"]:
        if Event.objects.filter(title=item["title"]).exists():
            continue
        starts = _start(item, today)
        past = starts <= timezone.now()
        # A past event is made as it was before it happened, then moved to its dates once people have registered.
        planned = starts if not past else timezone.now() + timedelta(days=7)
        by = system_lead if item.get("organised_by_system") else organiser
        event = services.event_create(
            by=by,
            system=system if item.get("organised_by_system") else None,
            title=item["title"],
            summary=item.get("summary", ""),
            description=item.get("description", ""),
            speakers=item.get("speakers", ""),
            series=series if item.get("in_series") else None,
            format=item["format"],
            joining_url="https://meet.example.org/wayfinder-demo" if item["format"] == "online" else "",
            venue=item.get("venue", ""),
            address=item.get("address", ""),
            accessibility=item.get("accessibility", ""),
            starts_at=planned,
            ends_at=planned + timedelta(minutes=item["minutes_long"]),
            capacity=item["capacity"],
            audience=item.get("audience", Audience.EVERYONE),
            dimension_keys=item.get("dimension_keys", []),
            support_domain_keys=item.get("support_domain_keys", []),
            topics=item.get("topics", []),
        )
        services.event_publish(event=event, by=by)
        for sign_in in item.get("registered", []):
            person = _person(sign_in)
            if person is not None:
                try:
                    services.registration_register(event=event, person=person)
                except ValidationError:
                    continue  # not one of the people this event is for
        if past:
            Event.objects.filter(pk=event.pk, status=EventStatus.PUBLISHED).update(
                starts_at=starts, ends_at=starts + timedelta(minutes=item["minutes_long"])
            )
        made += 1
    after = after_demo.seed()  # what happened after the past webinar
    if not made:
        return after
    return [f"Demo events: {made} events, including the {series.name} series and a gathering in person.", *after]
