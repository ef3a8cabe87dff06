"""Every write a person can cause to their API tokens: create, revoke, and the note of when one was last used.

Only the SHA-256 hash of a secret is stored; the secret itself is returned once, by `api_token_create`.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.accounts.queries import has_authenticator_app
from wayfinder.api.models import ApiToken
from wayfinder.core import permissions

# Every secret starts with this, so a leaked one is easy to recognise (and for secret scanners to find).
SECRET_START = "wf_"  # noqa: S105 - a marker, not a secret
# The secret's first characters, kept in clear so a person can tell their tokens apart.
PREFIX_LENGTH = len(SECRET_START) + 8
NAME_MAX_LENGTH = 100
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often per token, so the API does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return SECRET_START + secrets.token_urlsafe(32)


def two_factor_satisfied(user: User) -> bool:
    """False for someone whose role needs two-factor authentication and who has not turned it on: they may not
    create tokens, and their tokens are refused (RequireTwoFactorMiddleware asks the same of every page)."""
    return not permissions.needs_two_factor(user) or has_authenticator_app(user)


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_in_days: int | None) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret. The secret is not stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ValidationError("Enter a name for the token", code="name")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(f"The name must be {NAME_MAX_LENGTH} characters or fewer", code="name")
    if expires_in_days is not None and expires_in_days < 1:
        raise ValidationError("A token must last at least one day", code="expires")
    if not two_factor_satisfied(user):
        raise ValidationError("Turn on two-factor authentication before you create an API token", code="two_factor")
    now = timezone.now()
    active = (
        ApiToken.objects.select_for_update()
        .filter(user=user, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
        .count()
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"You already have {MAX_ACTIVE_TOKENS} tokens. Revoke one you no longer use, then try again.",
            code="too_many",
        )
    secret = new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=hash_secret(secret),
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days is not None else None,
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a token working at once. Revoking a token twice changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_touch(*, token: ApiToken, now: datetime) -> None:
    """Note that the token was used, at most once a minute: one conditional UPDATE, no read."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
