"""One-click unsubscribe as RFC 8058 says: a POST to the List-Unsubscribe address unsubscribes with no sign-in and
no cookie; a GET only asks to confirm; a token that was changed or made up changes nothing."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client

from tests.conftest import Mailbox
from wayfinder.comms import kinds, pipeline
from wayfinder.comms.models import AddressOptOut, Delivery, DeliveryStatus, MailPreference
from wayfinder.comms.tokens import SALT, Unsubscribe, unsubscribe_read, unsubscribe_token

pytestmark = pytest.mark.django_db


def digest_off(user: Any) -> bool:
    return MailPreference.objects.filter(user=user, kind=kinds.DIGEST, frequency="off").exists()


def unsubscribe_path(message: Any) -> str:
    return urlsplit(str(message["List-Unsubscribe"]).strip().strip("<>")).path


@pytest.fixture
def mailed(world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any) -> Any:
    """A digest-kind mail, as sent to the member over SMTP."""
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.mail_send(
            kind=kinds.DIGEST, key="comms.digest:test", to=[world.member.email], subject="Digest", text="News."
        )
    return mailbox.wait_for(world.member.email)


def test_a_post_with_no_cookie_and_no_form_token_unsubscribes(world: SimpleNamespace, mailed: Any) -> None:
    mail_program = Client(enforce_csrf_checks=True)  # no session, no CSRF cookie: a mail program
    response = mail_program.post(
        unsubscribe_path(mailed), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    assert digest_off(world.member)
    assert not digest_off(world.lead)


def test_a_get_only_asks_to_confirm(world: SimpleNamespace, mailed: Any) -> None:
    response = Client().get(unsubscribe_path(mailed))
    assert response.status_code == 200
    assert b"Stop getting the monthly digest?" in response.content
    assert b'<form method="post">' in response.content
    assert not digest_off(world.member)


def test_after_unsubscribing_the_next_mail_of_that_kind_is_not_sent(
    world: SimpleNamespace, mailed: Any, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    Client().post(unsubscribe_path(mailed))
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.mail_send(kind=kinds.DIGEST, key="next", to=[world.member.email], subject="Digest", text="More.")
    assert Delivery.objects.get(key="next").status == DeliveryStatus.SKIPPED
    assert len(mailbox.messages) == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        lambda token: token.split(":", 1)[0] + "x:" + token.split(":", 1)[1],  # payload changed
        lambda token: signing.dumps([kinds.DIGEST, 1], salt="another.salt"),  # signed for something else
        lambda token: signing.dumps([kinds.DIGEST, 1], key="not-our-secret", salt=SALT),  # made up
        lambda token: "nonsense",
    ],
)
def test_a_forged_or_tampered_token_gets_a_clear_page_and_changes_nothing(
    world: SimpleNamespace, mailed: Any, tamper: Any
) -> None:
    token = unsubscribe_path(mailed).split("/")[2]
    forged = tamper(token)
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/u/{forged}/")
        assert response.status_code == 400
        assert b"This unsubscribe link does not work" in response.content
    assert not MailPreference.objects.exists()


def test_a_token_names_one_person_and_one_kind() -> None:
    assert unsubscribe_read(unsubscribe_token(kind="a.b", user_id=7)) == Unsubscribe(kind="a.b", user_id=7)
    assert unsubscribe_read(unsubscribe_token(kind="a.b", email="X@Example.org")) == Unsubscribe(
        kind="a.b", email="x@example.org"
    )
    assert unsubscribe_read(signing.dumps(["a.b"], salt=SALT)) is None  # signed, but not a token's shape


def test_a_service_message_cannot_be_unsubscribed_from(world: SimpleNamespace) -> None:
    token = unsubscribe_token(kind="networks.invitation", user_id=world.member.pk)
    assert Client().get(f"/u/{token}/").status_code == 400
    assert Client().post(f"/u/{token}/").status_code == 400
    assert not MailPreference.objects.exists()


def test_someone_without_an_account_unsubscribes_by_address(
    mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.mail_send(
            kind="assessments.rater-reminder", key="r:1", to=["rater@example.org"], subject="Rate", text="Please."
        )
    message = mailbox.wait_for("rater@example.org")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Client().post(unsubscribe_path(message)).status_code == 200
    assert AddressOptOut.objects.filter(email="rater@example.org", kind="assessments.rater-reminder").exists()
