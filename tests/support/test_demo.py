"""The demo readiness ticks and support request seed_demo loads, once."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command

from wayfinder.networks.models import Network
from wayfinder.support.models import ReadinessTick, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db


def test_seed_demo_ticks_four_readiness_items_and_asks_for_support_once() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert ReadinessTick.objects.filter(network__slug="ravensby-central-pcn").count() == 4
    # Ticked through the service, which keeps the network's count.
    assert Network.objects.get(slug="ravensby-central-pcn").readiness_done == 4
    # The request waiting for the system; the dashboards' demo adds delivered support beside it, once.
    assert SupportRequest.objects.get(status=RequestStatus.PENDING).network.slug == "ravensby-central-pcn"
    assert SupportRequest.objects.filter(status=RequestStatus.DELIVERED).count() == 2


def test_the_demo_support_request_mail_links_to_the_request_at_the_site_address(
    settings: Any, mailoutbox: list[EmailMessage], django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "http://127.0.0.1:8123"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())

    support_request = SupportRequest.objects.get(status=RequestStatus.PENDING)
    link = f"http://127.0.0.1:8123/support-requests/{support_request.pk}/"
    [message] = [m for m in mailoutbox if "asked for support" in m.subject and link in m.body]
    assert message.to
