"""What every app's permissions share: a person's reach (what their roles above networks let them oversee), the
checks made from it alone, and `can(user, action, obj)`, the one entry point to every app's rules by name.

The rules for each app's objects live in that app's `permissions.py` (`networks.permissions`,
`assessments.permissions`, ...), which registers them here under names such as "network.view" or "plan.edit".
The role names are in `core.roles`. `core` knows no other app: the appointments a reach is made from are read by
a function `networks` registers (`register_appointments_reader`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from wayfinder.core import generations
from wayfinder.core.roles import ROLES_NEEDING_TWO_FACTOR, AppointmentRole

Value = TypeVar("Value")


class PerUser(Generic[Value]):
    """A value kept for one user object while it lives, such as what the person's roles are during a request.

    Kept by the object's identity, not its primary key: a user loaded again (the next request, or a test that
    changed a person's roles) starts afresh, and nothing is written onto the user object itself.
    """

    def __init__(self) -> None:
        self.values: dict[int, tuple[weakref.ref[Any], Value]] = {}

    def get(self, user: Any) -> Value | None:
        kept = self.values.get(id(user))
        if kept is None or kept[0]() is not user:
            return None
        return kept[1]

    def set(self, user: Any, value: Value) -> None:
        key = id(user)

        def drop(reference: weakref.ref[Any]) -> None:
            kept = self.values.get(key)
            if kept is not None and kept[0] is reference:
                del self.values[key]

        self.values[key] = (weakref.ref(user, drop), value)

    def forget(self, user: Any) -> None:
        kept = self.values.get(id(user))
        if kept is not None and kept[0]() is user:
            del self.values[id(user)]


# Reach ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """What a user's appointments (roles above one network) let them oversee."""

    roles: frozenset[str]
    system_ids: frozenset[int]
    region_ids: frozenset[int]
    superuser: bool

    @property
    def site_admin(self) -> bool:
        return self.superuser or AppointmentRole.SITE_ADMIN in self.roles

    @property
    def national(self) -> bool:
        return AppointmentRole.NATIONAL_TEAM in self.roles or self.site_admin


NOBODY = Reach(frozenset(), frozenset(), frozenset(), False)

# A person's appointments as (role, system id, region id) rows, given their primary key.
AppointmentsReader = Callable[[Any], Iterable[tuple[str, int | None, int | None]]]
appointments_readers: list[AppointmentsReader] = []
reaches: PerUser[Reach] = PerUser()


def register_appointments_reader(reader: AppointmentsReader) -> None:
    """Called once by the app that keeps appointments (`networks`), in its `AppConfig.ready()`."""
    appointments_readers[:] = [reader]


def reach_from(rows: Iterable[tuple[str, int | None, int | None]], *, superuser: bool) -> Reach:
    rows = list(rows)
    return Reach(
        roles=frozenset(role for role, _, _ in rows),
        system_ids=frozenset(s for role, s, _ in rows if role == AppointmentRole.SYSTEM_LEAD and s is not None),
        region_ids=frozenset(r for role, _, r in rows if role == AppointmentRole.REGIONAL_LEAD and r is not None),
        superuser=superuser,
    )


# A person's appointments are kept in the shared cache for this long at most; a change to them bumps the person's
# generation (person_changed), so they are read again at once.
REACH_SECONDS = 3600


def person_generation_key(user_id: int) -> str:
    """The generation of what is kept about one person (their appointments, their sign-in factors, their home)."""
    return f"person:{user_id}"


def person_changed(user_ids: Iterable[int | None]) -> None:
    """Call when a person's appointments (or anything else kept under their generation) change: once the write
    commits, what was kept about them is stale. A model's save and delete signals call this, so the admin, the
    imports and the services are all covered.

    Bumped at once and again after the commit: a read in between may keep what the database still held before
    the commit, and the second bump makes that stale too."""
    keys = [person_generation_key(pk) for pk in user_ids if pk is not None]
    if keys:
        generations.bump(keys)
        transaction.on_commit(lambda: generations.bump(keys), robust=True)


Appointments = tuple[tuple[str, int | None, int | None], ...]


def appointments_of(user_id: int) -> Appointments:
    """A person's appointments as (role, system id, region id) rows, read from the database."""
    if not appointments_readers:
        raise ImproperlyConfigured("No app has registered where appointments are read from.")
    return tuple(appointments_readers[0](user_id))


# Set on the signed-in person's user object by the code that reads their appointments with their row
# (accounts.backends), so `reach` asks nothing more during the request. A user object without it (one a page loaded
# itself, or a test made) has its appointments read from the shared cache.
HELD_APPOINTMENTS = "appointments_held"


def hold_appointments(user: Any, appointments: Appointments) -> None:
    setattr(user, HELD_APPOINTMENTS, appointments)


def reach(user: Any) -> Reach:
    """The user's appointments: read once for each user object (so once per request), from the shared cache when
    they have not changed since they were last read from the database. The person signed in on a request already
    holds theirs (`hold_appointments`)."""
    if user is None or not user.is_authenticated:
        return NOBODY
    kept = reaches.get(user)
    if kept is not None:
        return kept
    rows = getattr(user, HELD_APPOINTMENTS, None)
    if rows is None:
        rows = generations.remembered(
            person_generation_key(user.pk), f"reach:{user.pk}", lambda: appointments_of(user.pk), REACH_SECONDS
        )
    result = reach_from(rows, superuser=bool(user.is_superuser))
    reaches.set(user, result)
    return result


def forget_reach(user: Any) -> None:
    """Call after changing a user's appointments within the same request (the shared cache follows the commit)."""
    reaches.forget(user)
    if getattr(user, HELD_APPOINTMENTS, None) is not None:
        setattr(user, HELD_APPOINTMENTS, None)


def is_site_admin(user: Any) -> bool:
    return reach(user).site_admin


def is_national(user: Any) -> bool:
    return reach(user).national


def needs_two_factor(user: Any) -> bool:
    return two_factor_needed(reach(user))


def two_factor_needed(r: Reach) -> bool:
    return r.superuser or bool(r.roles & ROLES_NEEDING_TWO_FACTOR)


# One entry point for tables of roles × actions, for tests and for templates ---------------------------------

Rule = Callable[..., bool]
rules: dict[str, tuple[Rule, bool]] = {}


def register(action: str, rule: Rule, *, needs_object: bool = True) -> None:
    """Name an app's rule, as "<thing>.<verb>". A rule that `needs_object` is refused when asked about nothing;
    one that does not is called as `rule(user)`, or `rule(user, obj)` when an object is given."""
    rules[action] = (rule, needs_object)


def register_all(actions: dict[str, Rule]) -> None:
    for action, rule in actions.items():
        register(action, rule)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """May `user` do `action` to `obj`? Unknown actions are refused."""
    found = rules.get(action)
    if found is None:
        return False
    rule, needs_object = found
    if obj is None:
        return False if needs_object else rule(user)
    return rule(user, obj)
