"""What core.permissions shares: a reach kept per user object, never on it, and `can` by name."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from tests import factories as f
from wayfinder.accounts.models import User
from wayfinder.core import permissions
from wayfinder.core.roles import AppointmentRole

pytestmark = pytest.mark.django_db


def test_a_reach_is_read_once_per_user_object(django_assert_num_queries: Any) -> None:
    user = f.UserFactory.create()
    f.AppointmentFactory.create(user=user, role=AppointmentRole.NATIONAL_TEAM)
    with django_assert_num_queries(1):
        assert permissions.is_national(user)
        assert permissions.needs_two_factor(user)
    assert not [name for name in vars(user) if "reach" in name or "wayfinder" in name]


def test_the_same_person_loaded_again_starts_afresh() -> None:
    user = f.UserFactory.create()
    assert not permissions.is_national(user)
    f.AppointmentFactory.create(user=user, role=AppointmentRole.NATIONAL_TEAM)
    assert not permissions.is_national(user)  # kept for this object
    assert permissions.is_national(User.objects.get(pk=user.pk))
    permissions.forget_reach(user)
    assert permissions.is_national(user)


def test_a_reach_is_let_go_with_its_user() -> None:
    user = f.UserFactory.create()
    permissions.reach(user)
    key = id(user)
    assert key in permissions.reaches.values
    del user
    gc.collect()
    assert key not in permissions.reaches.values


def test_unknown_actions_and_missing_objects_are_refused() -> None:
    user = f.UserFactory.create(is_superuser=True)
    assert permissions.can(user, "network.create")  # needs no object
    assert not permissions.can(user, "network.edit")  # needs one
    assert not permissions.can(user, "no.such_action", object())
