"""Signing in, for every kind of test: a test client signed in at once, the real sign-in form in a test client, and
the same form in a browser. People whose role needs two-factor authentication get an authenticator app first, as
their real sign-in would have given them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from allauth.mfa.models import Authenticator
from django.test import Client

from tests.factories import PASSWORD
from wayfinder.core import permissions

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

Person = TypeVar("Person")


def with_authenticator(user: Person) -> Person:
    """Give this person an authenticator app (two-factor authentication set up), whatever their role."""
    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
    return user


def with_two_factor(user: Person) -> Person:
    """Give a role that needs two-factor authentication an authenticator app, as the real sign-in would."""
    return with_authenticator(user) if permissions.needs_two_factor(user) else user


def sign_in(client: Client, user: Any) -> Client:
    """The client, signed in as this person without going through the form."""
    client.force_login(with_two_factor(user))
    return client


def sign_in_with_password(client: Client, email: str, password: str = PASSWORD) -> TestResponse:
    """Sign in through allauth's form, as a person would (this also records when they signed in)."""
    return client.post("/accounts/login/", {"login": email, "password": password})


def sign_in_browser(page: Any, base: str, email: str, password: str = PASSWORD, *, check: bool = True) -> None:
    """Sign in through the form in a browser; the sign-in page is checked with axe unless JavaScript is off
    (`check=False`), since axe needs it."""
    from tests.e2e.conftest import assert_accessible, go

    page.goto(f"{base}/accounts/login/")
    if check:
        assert_accessible(page)
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    go(page, page.get_by_role("button", name="Sign in"))
