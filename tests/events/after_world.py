"""A past event with people registered, for the tests of what happens after an event."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from tests import factories as f
from wayfinder.events.models import Event, EventFormat, EventStatus, Registration, RegistrationStatus


def past_event(*, title: str = "Focal Point: measuring what matters", **fields: Any) -> Event:
    starts = timezone.now() - timedelta(days=2)
    values: dict[str, Any] = {
        "title": title,
        "format": EventFormat.ONLINE,
        "joining_url": "https://meet.example.org/focal-point",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=1),
        "capacity": 3,
        "status": EventStatus.PUBLISHED,
        "published_at": starts - timedelta(days=10),
        "dimension_keys": ["leadership"],
        "support_domain_keys": ["data"],
        "topics": ["measurement"],
    }
    values.update(fields)
    return Event.objects.create(**values)


def register(event: Event, person: Any, status: str = RegistrationStatus.REGISTERED, position: int = 0) -> Registration:
    return Registration.objects.create(
        event=event, person=person, status=status, position=position, registered_at=event.starts_at - timedelta(days=3)
    )


@pytest.fixture
def aworld(world: SimpleNamespace) -> SimpleNamespace:
    """The shared world, a past national webinar organised by the national team, with the member, the external
    rater and a third person registered, and the outsider on the waiting list."""
    world.event = past_event(created_by=world.national)
    world.third = f.UserFactory.create(email="third@example.org", full_name="Tia Third")
    world.reg_member = register(world.event, world.member)
    world.reg_external = register(world.event, world.external)
    world.reg_third = register(world.event, world.third)
    world.reg_waiting = register(world.event, world.outsider, RegistrationStatus.WAITING, position=1)
    return world
