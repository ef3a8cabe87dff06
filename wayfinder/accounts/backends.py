"""How a signed-in person is found on each request: Django's and allauth's own backends, with the person read from
the shared cache under their generation rather than from the database every time.

Every page a signed-in person opens asked the database for their row; it changes seldom (their profile, password,
last sign-in), and every such change is a save, which bumps the person's generation (AccountsConfig.ready), so the
next request reads it again. Signing in and checking a password still go to the database."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from wayfinder.core import generations
from wayfinder.core.permissions import REACH_SECONDS, person_generation_key


def _kept_user(user_id: Any, load: Any) -> Any:
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    return generations.remembered(person_generation_key(pk), f"user:{pk}", lambda: load(pk), REACH_SECONDS)


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        return _kept_user(user_id, super().get_user)


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> Any:
        return _kept_user(user_id, super().get_user)
