"""Generation numbers, and values a process keeps under one until it is bumped or the value grows old."""

from __future__ import annotations

import time

import pytest

from wayfinder.core import generations


class Loads:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, key: str) -> str:
        self.count += 1
        return f"{key} #{self.count}"


def test_a_kept_value_is_loaded_once_until_its_generation_is_bumped() -> None:
    load = Loads()
    kept = generations.Kept("test:kept", 60, load)
    assert kept.get("a") == kept.get("a") == "a #1"
    assert kept.get("b") == "b #2"

    generations.bump(["test:kept"])

    assert kept.get("a") == "a #3"
    assert load.count == 3


def test_a_kept_value_is_loaded_again_once_it_is_old(monkeypatch: pytest.MonkeyPatch) -> None:
    load = Loads()
    kept = generations.Kept("test:old", 60, load)
    assert kept.get("a") == "a #1"
    later = time.monotonic() + 61
    monkeypatch.setattr(generations.time, "monotonic", lambda: later)
    assert kept.get("a") == "a #2"


def test_a_full_store_starts_again() -> None:
    load = Loads()
    kept = generations.Kept("test:full", 60, load, most=2)
    kept.get("a"), kept.get("b"), kept.get("c")  # the third drops the first two
    assert kept.get("c") == "c #3"
    assert kept.get("a") == "a #4"


def test_a_lost_generation_starts_again_from_the_clock_never_from_an_old_number() -> None:
    first = generations.generation("test:lost")
    generations.bump(["test:lost"])
    from django.core.cache import cache

    cache.delete("test:lost")
    assert generations.generation("test:lost") not in (first, first + 1)


def test_a_cached_value_is_computed_once_until_one_of_its_generations_is_bumped() -> None:
    computed: list[str] = []

    def compute() -> str:
        computed.append("x")
        return f"value #{len(computed)}"

    def read(what: tuple[str, ...] = ("a",)) -> str:
        return generations.cached("test:cached", ["test:first", "test:second"], what, compute, 60)

    assert read() == read() == "value #1"
    assert read(("b",)) == "value #2"  # another question is another entry
    generations.bump(["test:second"])
    assert read() == "value #3"
    generations.bump(["test:first"])
    assert read() == "value #4"
    assert read() == "value #4"
