"""Helpers for the API tests: tokens, the Authorization header and a two-factor stand-in."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.test import Client

from wayfinder.api import services
from wayfinder.core import permissions

API = "/api/v1"


def with_two_factor(user: Any) -> Any:
    """Give a role that needs two-factor authentication an authenticator app, as the real sign-in would."""
    if permissions.needs_two_factor(user):
        Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}})
    return user


def token_for(user: Any, *, expires_in_days: int | None = 90, name: str = "Test script") -> str:
    _, secret = services.api_token_create(user=with_two_factor(user), name=name, expires_in_days=expires_in_days)
    return secret


def call(client: Client, method: str, path: str, secret: str | None, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
    url = f"{API}{path}"
    if body is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(url, body, content_type="application/json", headers=headers)
