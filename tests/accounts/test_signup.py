"""Creating an account: the mailed link confirms the address and signs the person in; one account per address."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from tests import factories as f
from tests.accounts.support import error_summary, new_person, page, text
from tests.conftest import Mailbox
from wayfinder.accounts.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-password-42"


def sign_up(client: Client, email: str, password: str = NEW_PASSWORD) -> Any:
    return client.post("/accounts/signup/", {"email": email, "password1": password, "password2": password})


def test_signing_up_mails_a_link_that_confirms_the_address_and_signs_you_in(client: Client, mailbox: Mailbox) -> None:
    response = sign_up(client, "New.Person@example.org")

    assert response.status_code == 302
    check_email = page(client.get(response["Location"]))
    assert "Check your email" in check_email
    mail = mailbox.wait_for("new.person@example.org")
    assert mail["Subject"] == "Wayfinder: Confirm your email address"
    body = mailbox.body(mail)
    assert "example.com" not in body
    link = next(url for url in mailbox.links(mail) if "/accounts/confirm-email/" in url)
    assert link.startswith("http://testserver/accounts/confirm-email/")
    assert not client.get("/accounts/profile/").wsgi_request.user.is_authenticated

    confirm_page = page(client.get(link))
    assert "Confirm that <strong>new.person@example.org</strong> is your email address" in confirm_page
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    profile = page(client.get("/accounts/profile/"))
    assert "new.person@example.org" in profile
    assert EmailAddress.objects.get(email="new.person@example.org").verified


def test_when_accounts_are_hidden_a_duplicate_only_mails_the_owner(
    client: Client, mailbox: Mailbox, settings: Any
) -> None:
    # With ACCOUNT_PREVENT_ENUMERATION on, the page reads as for any sign-up, and only the owner of the address
    # learns, by email, that they have one. Wayfinder turns it off (see settings); this keeps the other path sound.
    settings.ACCOUNT_PREVENT_ENUMERATION = True
    new_person(email="taken@example.org")

    response = sign_up(client, "Taken@example.org")

    assert response.status_code == 302
    assert "Check your email" in page(client.get(response["Location"]))
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    mail = mailbox.wait_for("taken@example.org")
    assert mail["Subject"] == "Wayfinder: You already have a Wayfinder account"
    body = mailbox.body(mail)
    assert "You already have an account with this address, so we have not made a new one." in body
    assert "http://testserver/accounts/login/" in body
    assert "http://testserver/accounts/password/reset/" in body


def test_duplicate_email_is_refused_with_a_clear_message(client: Client) -> None:
    new_person(email="taken@example.org")

    html = page(sign_up(client, "taken@example.org"))

    assert "An account with this email address already exists" in error_summary(html)
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_empty_sign_up_form_shows_the_error_summary(client: Client) -> None:
    html = page(client.post("/accounts/signup/", {"email": "", "password1": "", "password2": ""}))

    summary = error_summary(html)
    assert "There is a problem" in summary
    assert 'href="#id_email"' in html
    assert "<title>Error: Create an account" in html
    assert not User.objects.exists()


def test_a_weak_password_is_refused(client: Client) -> None:
    html = page(sign_up(client, "weak@example.org", password="password"))

    assert "This password is too short" in error_summary(html)
    assert not User.objects.filter(email="weak@example.org").exists()


def test_an_unknown_confirmation_link_says_it_has_expired(client: Client) -> None:
    html = page(client.get("/accounts/confirm-email/not-a-real-key/"))

    assert "This link has expired" in text(html)


def test_an_unconfirmed_person_who_signs_in_is_sent_a_new_link(client: Client, mailbox: Mailbox) -> None:
    person = new_person(email="unconfirmed@example.org", verified=False)
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)

    response = client.post("/accounts/login/", {"login": person.email, "password": f.PASSWORD})

    assert response.status_code == 302
    assert "Check your email" in page(client.get(response["Location"]))
    mail = mailbox.wait_for("unconfirmed@example.org")
    assert any("/accounts/confirm-email/" in url for url in mailbox.links(mail))
