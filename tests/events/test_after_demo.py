"""The demo's past webinar after it happened: attendance, the recording in the hub, one survey answer and a passed
check, made once however often seed_demo runs."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from wayfinder.events.after_models import Attendance, CheckAttempt, Recording, SurveyResponse
from wayfinder.events.models import Event

pytestmark = pytest.mark.django_db


def test_seed_demo_shows_what_happened_after_the_past_webinar_once() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    past = Event.objects.order_by("starts_at").first()
    assert past is not None
    assert Attendance.objects.filter(registration__event=past).count() == 2
    recording = Recording.objects.get(event=past)
    assert recording.resource is not None and recording.resource.live
    assert SurveyResponse.objects.filter(survey__event=past).count() == 1
    assert list(CheckAttempt.objects.filter(check_item__event=past).values_list("passed", flat=True)) == [True]
