"""The demo events seed_demo loads, once: a webinar series with a past and a coming webinar, and a gathering in
person for a system's networks."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from wayfinder.events.models import Event, EventFormat, Registration

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_the_series_a_past_and_a_coming_webinar_and_a_gathering_once() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    events = list(Event.objects.order_by("starts_at"))
    assert len(events) == 3
    past, coming, gathering = events
    assert past.ends_at < timezone.now() < coming.starts_at
    assert past.series == coming.series and past.series is not None and past.series.name == "Focal Point webinars"
    assert gathering.format == EventFormat.IN_PERSON and gathering.system is not None and gathering.venue
    assert all(event.status == "published" for event in events)
    assert Registration.objects.filter(event=past).count() == 3
