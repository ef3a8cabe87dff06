"""allauth's own mail goes through the one pipeline: a service message, recorded once, never turned off."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from tests import factories as f
from wayfinder.comms.account_mail import ACCOUNT
from wayfinder.comms.models import Delivery, DeliveryStatus, MailPreference
from wayfinder.comms.registry import mail_kind

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_password_reset_is_a_delivery_of_the_account_kind(client: Client) -> None:
    person = f.UserFactory.create(email="pat@example.org", full_name="Pat O'Neill")

    client.post("/accounts/password/reset/", {"email": "pat@example.org"})

    delivery = Delivery.objects.get(kind=ACCOUNT)
    assert delivery.recipient == "pat@example.org" and delivery.user == person
    assert delivery.key.startswith(f"{ACCOUNT}:password_reset_key:")
    assert delivery.status == DeliveryStatus.SENT
    [message] = mail.outbox
    assert message.subject == "Wayfinder: Reset your password"
    # Every mail from the pipeline has a plain-text part and an HTML part; a service message has no unsubscribe.
    assert "/accounts/password/reset/key/" in message.body
    assert [kind for _, kind in message.alternatives] == ["text/html"]  # type: ignore[attr-defined]
    assert "List-Unsubscribe" not in message.extra_headers


def test_asking_twice_sends_two_messages_each_once(client: Client) -> None:
    f.UserFactory.create(email="pat@example.org")
    client.post("/accounts/password/reset/", {"email": "pat@example.org"})
    client.post("/accounts/password/reset/", {"email": "pat@example.org"})
    assert Delivery.objects.filter(kind=ACCOUNT).values("key").distinct().count() == 2
    assert len(mail.outbox) == 2


def test_account_mail_cannot_be_turned_off(client: Client) -> None:
    person = f.UserFactory.create(email="pat@example.org")
    MailPreference.objects.create(user=person, kind=ACCOUNT, frequency="off")
    assert mail_kind(ACCOUNT).is_service
    client.post("/accounts/password/reset/", {"email": "pat@example.org"})
    assert len(mail.outbox) == 1
