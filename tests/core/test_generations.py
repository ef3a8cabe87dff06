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


def test_a_remembered_value_is_read_in_one_round_trip_and_computed_again_after_a_renewal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    computed: list[int] = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    assert generations.remembered("test:person", "test:value", compute, 60) == 1
    reads: list[list[str]] = []
    get_many = generations.cache.get_many

    def counting_get_many(keys: list[str]) -> dict[str, object]:
        reads.append(list(keys))
        return get_many(keys)

    monkeypatch.setattr(generations.cache, "get_many", counting_get_many)
    assert generations.remembered("test:person", "test:value", compute, 60) == 1
    assert reads == [["test:person", "test:value"]]  # the generation and the value together
    generations.renew(["test:person", "test:other"])
    assert generations.remembered("test:person", "test:value", compute, 60) == 2


def test_a_value_computed_before_a_bump_is_never_read_as_current() -> None:
    # A reader computes from what the database held, a write commits and bumps, then the reader stores its value:
    # the value is stored with the number it was computed at, so the next reader computes again.
    def compute_while_a_write_commits() -> str:
        generations.bump(["test:gen"])
        return "old"

    assert generations.remembered("test:gen", "test:racing", compute_while_a_write_commits, 60) == "old"
    assert generations.remembered("test:gen", "test:racing", lambda: "new", 60) == "new"
