"""What every endpoint shares: the caller, and how a refused write is answered."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from wayfinder.accounts.models import User


def caller(request: HttpRequest) -> User:
    """The owner of the token the request came with (TokenAuth has checked it)."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)
