"""Fixtures for events: the shared world and a way to make a published event a week from now."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from tests.events.after_world import aworld  # noqa: F401
from wayfinder.events import services
from wayfinder.events.models import Audience, Event, EventFormat


def make_event(by: Any, *, publish: bool = True, **overrides: Any) -> Event:
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    details: dict[str, Any] = {
        "title": "Focal Point webinar: population health",
        "summary": "How networks use population data",
        "format": EventFormat.ONLINE,
        "joining_url": "https://meet.example.org/focal-point",
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
        "capacity": 5,
        "audience": Audience.EVERYONE,
    }
    host = {key: overrides.pop(key) for key in ("network", "system") if key in overrides}
    details.update(overrides)
    event = services.event_create(by=by, **host, **details)
    if publish:
        event = services.event_publish(event=event, by=by)
    return event


@pytest.fixture
def national_event(world: SimpleNamespace) -> Event:
    return make_event(world.national)
