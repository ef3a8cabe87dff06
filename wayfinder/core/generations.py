"""Generation numbers kept in the shared cache: whatever is cached or remembered under a generation is out of
date as soon as the generation is bumped, so invalidation never has to find the old keys (they expire on their
own). Used by the dashboards (one generation per system, region and England) and by the hub (one for its pages
and what they are tagged with). `cached` keeps a value in the shared cache under generations; `Kept` keeps one in
each process."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from django.core.cache import cache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


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


def renew(keys: Iterable[str]) -> None:
    """Like `bump`, for many keys in one round trip: each generation is set to a number it has never held (the
    clock, which is past every number handed out before), so whatever was kept under it is stale."""
    unique = set(keys)
    if unique:
        number = _fresh()
        cache.set_many(dict.fromkeys(unique, number), timeout=None)


def cached(name: str, generation_keys: Sequence[str], what: Hashable, compute: Callable[[], V], seconds: int) -> V:
    """`compute()`'s result, kept in the shared cache for `seconds` under `what` (plain values with a stable repr:
    everything the result depends on) together with the numbers of the generations in `generation_keys` it was
    computed at. A bump of any of them makes the kept value stale, so the next call computes it again.

    One round trip to the cache when the value is there: the generations and the value are read together."""
    digest = hashlib.sha256(repr(what).encode()).hexdigest()[:32]
    return _kept_at(generation_keys, f"{name}:{digest}", compute, seconds)


def remembered(generation_key: str, key: str, compute: Callable[[], V], seconds: int) -> V:
    """`compute()`'s result kept under `key` while the generation `generation_key` stays where it was when it was
    computed: for a value about one thing (a person, a network) whose writes bump that thing's generation."""
    return _kept_at([generation_key], key, compute, seconds)


def _kept_at(generation_keys: Sequence[str], key: str, compute: Callable[[], V], seconds: int) -> V:
    found = cache.get_many([*generation_keys, key])
    numbers = tuple(_number(found.get(g), g) for g in generation_keys)
    kept = found.get(key)
    if kept is not None and kept[0] == numbers:
        return kept[1]  # type: ignore[no-any-return]
    # Computed after the generations were read: a write that commits meanwhile bumps them past `numbers`, so
    # what is kept here can only ever be read as stale, never as current.
    value = compute()
    cache.set(key, (numbers, value), seconds)
    return value


def _number(value: object, key: str) -> int:
    if value is None:
        return generation(key)
    return int(value)  # type: ignore[call-overload]


class Kept(Generic[K, V]):
    """Values each process keeps under a generation: `load(key)` runs again once the generation has been bumped
    since the value was loaded, or once the value is `seconds` old. The age bound is for caches that are not
    shared (locmem keeps one per process), where another process's bump is never seen. At most `most` keys are
    kept; when full, all are dropped and loaded again as they are asked for."""

    def __init__(self, generation_key: str, seconds: float, load: Callable[[K], V], most: int = 64) -> None:
        self.generation_key = generation_key
        self.seconds = seconds
        self.load = load
        self.most = most
        self._held: dict[K, tuple[int, float, V]] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        current = generation(self.generation_key)
        held = self._held.get(key)
        if held is not None and held[0] == current and time.monotonic() - held[1] < self.seconds:
            return held[2]
        with self._lock:
            value = self.load(key)
            if len(self._held) >= self.most:
                self._held.clear()
            self._held[key] = (current, time.monotonic(), value)
        return value
