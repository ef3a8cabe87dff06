"""The demo readiness ticks and support request seed_demo loads, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from wayfinder.support.models import ReadinessTick, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db


def test_seed_demo_ticks_four_readiness_items_and_asks_for_support_once() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert ReadinessTick.objects.filter(network__slug="ravensby-central-pcn").count() == 4
    assert SupportRequest.objects.get().status == RequestStatus.PENDING
