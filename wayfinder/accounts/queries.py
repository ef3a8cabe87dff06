"""Reads about a person's own account that pages and the two-factor check share."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models import QuerySet

from wayfinder.accounts.models import User
from wayfinder.core import generations
from wayfinder.core.permissions import REACH_SECONDS, person_generation_key


def has_authenticator_app(user: User) -> bool:
    """True once the person has set up an authenticator app (TOTP) for two-factor authentication. Asked on every
    page for people whose roles need it, so kept in the shared cache under the person's generation, which adding or
    removing an authenticator bumps (AccountsConfig.ready)."""
    return generations.remembered(
        person_generation_key(user.pk),
        f"totp:{user.pk}",
        lambda: Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        REACH_SECONDS,
    )


def memberships_for_profile(user: User) -> QuerySet[Any]:
    """The person's networks and their role in each, one query however many there are."""
    return user.memberships.select_related("network").order_by("network__name")


def appointments_for_profile(user: User) -> QuerySet[Any]:
    """Roles the person holds above one network (system, region, national), one query."""
    return user.appointments.select_related("system", "region").order_by("role")
