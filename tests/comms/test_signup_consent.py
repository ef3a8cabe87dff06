"""Creating an account records what the person agreed to: the privacy notice (needed) and the mailing consent (their
choice), with the account or not at all."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories as f
from wayfinder.accounts.models import User
from wayfinder.comms import consent
from wayfinder.comms.consent_models import ConsentHow, ConsentRecord, PolicyKind
from wayfinder.comms.models import MailPreference
from wayfinder.comms.registry import Frequency

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-new-password-42"


def sign_up(client: Client, email: str, **agreed: str) -> str:
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, **agreed}
    return client.post("/accounts/signup/", data).content.decode()


@pytest.fixture
def policies() -> None:
    editor = f.UserFactory.create()
    consent.policy_publish(
        kind=PolicyKind.PRIVACY, text="We keep your name and email address. " * 2, published_by=editor
    )
    consent.policy_publish(
        kind=PolicyKind.MAILING, text="We will email you the digest you choose. " * 2, published_by=editor
    )


def test_without_a_published_notice_there_is_nothing_to_agree_to(client: Client) -> None:
    html = client.get("/accounts/signup/").content.decode()
    assert "privacy notice" not in html
    sign_up(client, "new@example.org")
    assert User.objects.filter(email="new@example.org").exists() and not ConsentRecord.objects.exists()


def test_an_account_needs_the_privacy_notice_agreed(client: Client, policies: None) -> None:
    html = client.get("/accounts/signup/").content.decode()
    assert 'href="/accounts/consent/privacy/"' in html and "I have read the privacy notice and agree to it" in html

    html = sign_up(client, "new@example.org")

    assert "Confirm you have read the privacy notice and agree to it" in html
    assert not User.objects.filter(email="new@example.org").exists() and not ConsentRecord.objects.exists()


def test_what_was_agreed_is_recorded_with_the_account(client: Client, policies: None) -> None:
    sign_up(client, "new@example.org", agree_privacy="on", agree_mailing="on")

    person = User.objects.get(email="new@example.org")
    records = {r.policy.kind: r for r in ConsentRecord.objects.filter(user=person).select_related("policy")}
    assert set(records) == {PolicyKind.PRIVACY, PolicyKind.MAILING}
    assert all(r.how == ConsentHow.SIGNUP and r.policy.version == 1 for r in records.values())
    assert not MailPreference.objects.filter(user=person, frequency=Frequency.OFF).exists()


def test_not_agreeing_to_mail_turns_off_every_mail_that_can_be_turned_off(client: Client, policies: None) -> None:
    sign_up(client, "new@example.org", agree_privacy="on")

    person = User.objects.get(email="new@example.org")
    assert [r.policy.kind for r in ConsentRecord.objects.filter(user=person)] == [PolicyKind.PRIVACY]
    off = set(MailPreference.objects.filter(user=person, frequency=Frequency.OFF).values_list("kind", flat=True))
    assert off == set(consent.optional_kinds())
