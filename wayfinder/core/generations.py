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


def cached(name: str, generation_keys: Sequence[str], what: Hashable, compute: Callable[[], V], seconds: int) -> V:
    """`compute()`'s result, kept in the shared cache for `seconds` under the current number of each generation
    in `generation_keys` and `what` (plain values with a stable repr: everything the result depends on). A bump
    of any of the generations makes the old entry unreachable, so the next call computes it again."""
    numbers = ".".join(str(generation(key)) for key in generation_keys)
    digest = hashlib.sha256(repr(what).encode()).hexdigest()[:32]
    key = f"{name}:{numbers}:{digest}"
    value: V | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


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
