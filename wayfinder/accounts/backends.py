"""How a signed-in person is found on each request: Django's and allauth's own backends, with the person read from
the shared cache under their generation rather than from the database every time.

Every page a signed-in person opens asked the database for their row; it changes seldom (their profile, password,
last sign-in), and every such change is a save, which bumps the person's generation (AccountsConfig.ready), so the
next request reads it again. Their appointments and whether they have an authenticator app, which every page asks
too, are kept with the row, so finding the person is one round trip to the cache. Signing in and checking a
password still go to the database."""

from __future__ import annotations

from typing import Any, NamedTuple

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from wayfinder.accounts import queries
from wayfinder.core import generations
from wayfinder.core.permissions import (
    REACH_SECONDS,
    Appointments,
    appointments_of,
    hold_appointments,
    person_generation_key,
    reach_from,
    two_factor_needed,
)


class Person(NamedTuple):
    """What every request asks about the signed-in person, kept together so it is one round trip to the cache:
    their row, their appointments (what their roles let them oversee) and, for those whose roles need two-factor
    authentication, whether they have an authenticator app (None for everyone else: nobody asks). All three are kept
    under the person's generation, which a change to any of them bumps."""

    user: Any
    appointments: Appointments
    authenticator_app: bool | None


def _read_person(pk: int, load: Any) -> Person | None:
    user = load(pk)
    if user is None:
        return None
    appointments = appointments_of(pk)
    asked = two_factor_needed(reach_from(appointments, superuser=bool(user.is_superuser)))
    return Person(user, appointments, queries.authenticator_app_set_up(pk) if asked else None)


def _kept_user(user_id: Any, load: Any) -> Any:
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    person = generations.remembered(
        person_generation_key(pk), f"signed-in:{pk}", lambda: _read_person(pk, load), REACH_SECONDS
    )
    if person is None:
        return None
    hold_appointments(person.user, person.appointments)
    person.user.authenticator_app_held = person.authenticator_app
    return person.user


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        return _kept_user(user_id, super().get_user)


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> Any:
        return _kept_user(user_id, super().get_user)
