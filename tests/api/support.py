"""Helpers for the API tests: tokens, the Authorization header and a two-factor stand-in."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.signing_in import with_two_factor
from wayfinder.api import services

API = "/api/v1"


def token_for(user: Any, *, expires_in_days: int | None = 90, name: str = "Test script") -> str:
    _, secret = services.api_token_create(user=with_two_factor(user), name=name, expires_in_days=expires_in_days)
    return secret


def call(client: Client, method: str, path: str, secret: str | None, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
    url = f"{API}{path}"
    if body is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(url, body, content_type="application/json", headers=headers)
