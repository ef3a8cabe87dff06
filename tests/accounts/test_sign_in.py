"""Signing in and out, and the limit on repeated failed sign-ins."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.support import error_summary, new_person, page, text
from tests.signing_in import sign_in_with_password

pytestmark = pytest.mark.django_db


def test_a_person_signs_in_and_out(client: Client) -> None:
    person = new_person(email="person@example.org", full_name="Pat Person")

    response = sign_in_with_password(client, "Person@Example.org")

    assert response.status_code == 302
    home = page(client.get(response["Location"]))
    assert "You are signed in" in text(home)
    assert "Pat Person" in home
    assert client.get("/").wsgi_request.user == person

    assert "Are you sure you want to sign out" in page(client.get("/accounts/logout/"))
    signed_out = client.post("/accounts/logout/")

    assert signed_out.status_code == 302
    after = page(client.get(signed_out["Location"]))
    assert "You have signed out" in text(after)
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_wrong_password_shows_the_error_summary(client: Client) -> None:
    new_person(email="person@example.org")

    html = page(sign_in_with_password(client, "person@example.org", "not-the-password"))

    assert "The email address or password is not right" in error_summary(html)
    assert "<title>Error: Sign in" in html


def test_an_empty_sign_in_form_says_what_to_enter(client: Client) -> None:
    html = page(client.post("/accounts/login/", {"login": "", "password": ""}))

    summary = error_summary(html)
    assert 'href="#id_login"' in html
    assert 'href="#id_password"' in html
    assert "There is a problem" in summary


def test_repeated_failed_sign_ins_are_throttled(client: Client) -> None:
    # ACCOUNT_RATE_LIMITS["login_failed"] allows 5 failures for one address in 5 minutes.
    new_person(email="person@example.org")
    for _ in range(5):
        html = page(sign_in_with_password(client, "person@example.org", "guess"))
        assert "The email address or password is not right" in error_summary(html)

    # Now even the right password is refused until the limit has passed.
    blocked = page(sign_in_with_password(client, "person@example.org"))

    assert "You have tried to sign in too many times" in error_summary(blocked)
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_throttling_one_address_does_not_lock_out_another(client: Client) -> None:
    new_person(email="person@example.org")
    new_person(email="other@example.org")
    for _ in range(5):
        sign_in_with_password(client, "person@example.org", "guess")

    assert sign_in_with_password(client, "other@example.org").status_code == 302
