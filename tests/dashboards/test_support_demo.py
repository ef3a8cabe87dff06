"""seed_demo shows support and progress: one PCN supported between two closed rounds, one whose round after the
support is still open."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from tests.signing_in import sign_in
from wayfinder.accounts.models import User
from wayfinder.networks.models import System
from wayfinder.support.models import CommissionedSupport, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db


def test_the_demo_shows_movement_after_support_and_a_round_still_to_come(client: Client) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # again: nothing new
    assert SupportRequest.objects.filter(status=RequestStatus.DELIVERED).count() == 2
    assert CommissionedSupport.objects.count() == 2

    sign_in(client, User.objects.get(email="system.lead@wayfinder.test"))
    fellmark = client.get("/networks/fellmark-rural-pcn/support-and-progress/").content.decode()
    assert "Fells Data Partnership" in fellmark
    assert "+2 on average" in fellmark
    ravensby = client.get("/networks/ravensby-central-pcn/support-and-progress/").content.decode()
    assert "No round has closed since the support ended." in ravensby
    assert "The next round closes on" in ravensby
    system = System.objects.get(code="QZ1")
    page = client.get(f"/systems/{system.pk}/support-and-progress/").content.decode()
    assert "Fellmark Rural PCN" in page
    assert "(+2 to +2, 1 network)" in page
