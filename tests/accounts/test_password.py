"""Resetting a forgotten password by the mailed link, and changing a known one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests import factories as f
from tests.accounts.support import error_summary, new_person, page, text
from tests.conftest import Mailbox
from tests.signing_in import sign_in_with_password

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-password-77"


def test_a_forgotten_password_is_reset_by_the_mailed_link(client: Client, mailbox: Mailbox) -> None:
    person = new_person(email="person@example.org", full_name="Pat O'Neill")
    assert "Reset your password" in page(client.get("/accounts/password/reset/"))

    asked = client.post("/accounts/password/reset/", {"email": "person@example.org"})

    assert asked.status_code == 302
    assert "Check your email" in page(client.get(asked["Location"]))
    mail = mailbox.wait_for("person@example.org")
    assert mail["Subject"] == "Wayfinder: Reset your password"
    body = mailbox.body(mail)
    assert body.startswith("Hello Pat O'Neill,")
    link = next(url for url in mailbox.links(mail) if "/accounts/password/reset/key/" in url)
    assert link.startswith("http://testserver/")

    # The link stores its key in the session and moves to an address without it, so it cannot leak.
    opened = client.get(link)
    assert opened.status_code == 302
    form_page = page(client.get(opened["Location"]))
    assert "Create a new password" in form_page
    saved = client.post(opened["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert saved.status_code == 302
    assert "Your password has been changed" in page(client.get(saved["Location"]))
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert sign_in_with_password(client, "person@example.org", NEW_PASSWORD).status_code == 302

    # The link works once.
    client.post("/accounts/logout/")
    assert "This link has expired" in text(page(client.get(link)))


def test_a_reset_for_an_unknown_address_says_so(client: Client) -> None:
    html = page(client.post("/accounts/password/reset/", {"email": "nobody@example.org"}))

    assert "There is a problem" in html


def test_when_accounts_are_hidden_a_reset_for_an_unknown_address_mails_the_owner(
    client: Client, mailbox: Mailbox, settings: Any
) -> None:
    settings.ACCOUNT_PREVENT_ENUMERATION = True
    asked = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert asked.status_code == 302
    assert "Check your email" in page(client.get(asked["Location"]))
    mail = mailbox.wait_for("nobody@example.org")
    assert mail["Subject"] == "Wayfinder: You asked to reset your password"
    assert "There is no Wayfinder account with this email address" in mailbox.body(mail)
    assert "http://testserver/accounts/signup/" in mailbox.links(mail)


def test_mismatched_new_passwords_show_the_error_summary(client: Client, mailbox: Mailbox) -> None:
    new_person(email="person@example.org")
    client.post("/accounts/password/reset/", {"email": "person@example.org"})
    link = next(u for u in mailbox.links(mailbox.wait_for("person@example.org")) if "/reset/key/" in u)
    form_address = client.get(link)["Location"]

    html = page(client.post(form_address, {"password1": NEW_PASSWORD, "password2": "something-else-entirely"}))

    assert "You must type the same password each time" in error_summary(html)


def test_a_signed_in_person_changes_their_password(client: Client) -> None:
    person = new_person(email="person@example.org")
    client.force_login(person)
    assert "Change your password" in page(client.get("/accounts/password/change/"))

    wrong = page(
        client.post(
            "/accounts/password/change/",
            {"oldpassword": "not-it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    )
    assert 'href="#id_oldpassword"' in wrong
    changed = client.post(
        "/accounts/password/change/",
        {"oldpassword": f.PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert changed.status_code == 302
    assert "Your password has been changed" in text(page(client.get(changed["Location"])))
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_with_notifications_on_a_changed_password_is_reported_by_email(
    client: Client, mailbox: Mailbox, settings: Any
) -> None:
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    client.force_login(new_person(email="person@example.org"))

    client.post(
        "/accounts/password/change/",
        {"oldpassword": f.PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    mail = mailbox.wait_for("person@example.org")
    assert mail["Subject"] == "Wayfinder: Your password has been changed"
    body = mailbox.body(mail)
    assert "The password for your Wayfinder account has been changed." in body
    assert "from the internet address 127.0.0.1" in body
    assert "http://testserver/accounts/password/reset/" in body
