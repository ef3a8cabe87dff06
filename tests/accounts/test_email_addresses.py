"""Managing the email addresses on an account, and the links allauth mails out."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.sites.models import Site
from django.test import Client

from tests.accounts.support import error_summary, new_person, page, text
from tests.conftest import Mailbox
from wayfinder.accounts.adapter import AccountAdapter

pytestmark = pytest.mark.django_db


def test_a_person_adds_an_address_confirms_it_and_makes_it_their_main_one(client: Client, mailbox: Mailbox) -> None:
    person = new_person(email="old@example.org")
    client.force_login(person)

    added = client.post("/accounts/email/", {"email": "New@example.org", "action_add": ""})

    assert added.status_code == 302
    listed = text(page(client.get("/accounts/email/")))
    assert "We have sent a link to new@example.org" in listed
    assert "new@example.org Not confirmed" in listed
    mail = mailbox.wait_for("new@example.org")
    assert mail["Subject"] == "Wayfinder: Confirm your new email address"
    link = next(url for url in mailbox.links(mail) if "/accounts/confirm-email/" in url)
    client.post(link)
    client.post("/accounts/email/", {"email": "new@example.org", "action_primary": ""})

    person.refresh_from_db()
    assert person.email == "new@example.org"
    assert "Main address" in text(page(client.get("/accounts/email/")))


def test_the_main_address_cannot_be_removed(client: Client) -> None:
    person = new_person(email="only@example.org")
    client.force_login(person)

    client.post("/accounts/email/", {"email": "only@example.org", "action_remove": ""})

    assert "You cannot remove only@example.org because it is your main email address" in text(
        page(client.get("/accounts/email/"))
    )
    assert EmailAddress.objects.filter(email="only@example.org").exists()


def test_adding_an_address_already_on_the_account_shows_the_error_summary(client: Client) -> None:
    client.force_login(new_person(email="me@example.org"))

    html = page(client.post("/accounts/email/", {"email": "me@example.org", "action_add": ""}))

    assert "This email address is already on your account" in error_summary(html)


def test_the_site_is_named_wayfinder_at_the_site_url_host(settings: Any) -> None:
    site = Site.objects.get(pk=settings.SITE_ID)

    assert site.name == "Wayfinder"
    assert site.domain == urlsplit(settings.SITE_URL).netloc


def test_a_confirmation_link_made_without_a_request_uses_the_site_url(settings: Any) -> None:
    settings.SITE_URL = "https://wayfinder.example.nhs.uk"
    person = new_person(email="person@example.org")
    confirmation = EmailConfirmationHMAC(EmailAddress.objects.get(user=person))

    link = AccountAdapter().get_email_confirmation_url(None, confirmation)

    assert link == f"https://wayfinder.example.nhs.uk/accounts/confirm-email/{confirmation.key}/"
