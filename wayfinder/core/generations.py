"""Generation numbers kept in the shared cache: whatever is cached or remembered under a generation is out of
date as soon as the generation is bumped, so invalidation never has to find the old keys (they expire on their
own). Used by the dashboards (one generation per system, region and England) and by the hub (one for its
resources)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.core.cache import cache


def _fresh() -> int:
    # A generation that was lost (evicted, or the cache restarted) starts again from the clock, so it never comes
    # back to a number that old data may still be stored under.
    return time.time_ns()


def generation(key: str) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh(), timeout=None)
        value = cache.get(key, _fresh())
    return int(value)


def bump(keys: Iterable[str]) -> None:
    for key in set(keys):
        try:
            cache.incr(key)
        except ValueError:  # not set yet: nothing can be cached under it, but start it fresh anyway
            cache.add(key, _fresh(), timeout=None)
