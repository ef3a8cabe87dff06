"""The dashboards' cache: computed dashboard data (never per-person HTML) kept per scope, a system, a region or
England, under a generation number that a change to one of the scope's networks bumps.

A key looks like `dashboards:system:12:<generation>:<hash of what was asked>`. Bumping a generation makes every
old key of that scope unreachable at once (they expire on their own), so invalidation never has to find keys."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from wayfinder.core import generations
from wayfinder.core.changes import Changes
from wayfinder.networks.models import Network, System

T = TypeVar("T")

# A scope is ("system", id), ("region", id) or ("national", 0).
Scope = tuple[str, int]
NATIONAL: Scope = ("national", 0)

# Anything the invalidation map does not cover (a renamed framework or support domain) is right again within this.
DATA_SECONDS = 15 * 60


def system_scope(system_id: int) -> Scope:
    return ("system", system_id)


def region_scope(region_id: int) -> Scope:
    return ("region", region_id)


def _generation_key(scope: Scope) -> str:
    return f"dashboards:generation:{scope[0]}:{scope[1]}"


def generation(scope: Scope) -> int:
    return generations.generation(_generation_key(scope))


def bump(scopes: Iterable[Scope]) -> None:
    generations.bump(_generation_key(scope) for scope in scopes)


def scopes_for_networks(network_ids: Iterable[int]) -> set[Scope]:
    """The system, region and England views that show these networks (one query)."""
    ids = set(network_ids)
    if not ids:
        return set()
    scopes: set[Scope] = {NATIONAL}
    for system_id, region_id in Network.objects.filter(pk__in=ids).values_list("system_id", "system__region_id"):
        if system_id is not None:
            scopes.add(system_scope(system_id))
        if region_id is not None:
            scopes.add(region_scope(region_id))
    return scopes


def scopes_for_changes(changes: Changes) -> set[Scope]:
    """The views that show what changed (a query or three). Rounds are left out: their views change only when
    their summaries do, and refreshing a summary bumps its own scopes."""
    scopes = scopes_for_networks(changes.networks)
    if not (changes.systems or changes.regions or changes.national):
        return scopes
    scopes.add(NATIONAL)
    scopes |= {region_scope(pk) for pk in changes.regions}
    for system_id, region_id in System.objects.filter(pk__in=changes.systems).values_list("pk", "region_id"):
        scopes |= {system_scope(system_id), region_scope(region_id)}
    # A system that no longer exists still had a view: its scope goes too.
    scopes |= {system_scope(pk) for pk in changes.systems}
    if changes.regions:
        systems = System.objects.filter(region_id__in=changes.regions).values_list("pk", flat=True)
        scopes |= {system_scope(pk) for pk in systems}
    return scopes


def scopes_for_system(system_id: int | None, region_id: int | None) -> set[Scope]:
    scopes: set[Scope] = {NATIONAL}
    if system_id is not None:
        scopes.add(system_scope(system_id))
    if region_id is not None:
        scopes.add(region_scope(region_id))
    return scopes


def cached(scope: Scope, what: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`'s result for this scope and `what` (a tuple of plain values with a stable repr)."""
    name = f"dashboards:{scope[0]}:{scope[1]}"
    return generations.cached(name, [_generation_key(scope)], what, compute, DATA_SECONDS)
