"""Reads about a person's own account that pages and the two-factor check share."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models import QuerySet

from wayfinder.accounts.models import User
from wayfinder.core import generations
from wayfinder.core.permissions import REACH_SECONDS, person_generation_key


def authenticator_app_set_up(user_id: int) -> bool:
    """Read from the database: whether the person has an authenticator app (TOTP)."""
    return Authenticator.objects.filter(user_id=user_id, type=Authenticator.Type.TOTP).exists()


def has_authenticator_app(user: User) -> bool:
    """True once the person has set up an authenticator app (TOTP) for two-factor authentication. Asked on every
    page for people whose roles need it: the signed-in person's answer is read with their row (backends.py), and
    anyone else's is kept in the shared cache under the person's generation, which adding or removing an
    authenticator bumps (AccountsConfig.ready)."""
    if user.authenticator_app_held is not None:
        return user.authenticator_app_held
    return generations.remembered(
        person_generation_key(user.pk), f"totp:{user.pk}", lambda: authenticator_app_set_up(user.pk), REACH_SECONDS
    )


def memberships_for_profile(user: User) -> QuerySet[Any]:
    """The person's networks and their role in each, one query however many there are."""
    return user.memberships.select_related("network").order_by("network__name")


def appointments_for_profile(user: User) -> QuerySet[Any]:
    """Roles the person holds above one network (system, region, national), one query."""
    return user.appointments.select_related("system", "region").order_by("role")
