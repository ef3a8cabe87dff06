"""Reads of a person's API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from wayfinder.accounts.models import User
from wayfinder.api.models import ApiToken


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's own tokens, newest first. Start every token query for a person here."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_of_or_404(user: User, token_id: int) -> ApiToken:
    """Someone else's token answers 404, the same as one that does not exist."""
    token = tokens_of(user).filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token")
    return token
