"""The home page's to-do list, with plain values: what comes first, how due dates are tagged, how sections from
several apps are put together, and that every app registers its providers."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from wayfinder.core import home
from wayfinder.core.home import Link, Section, ToDo

TODAY = date(2027, 3, 10)


def to_do(title: str, due_in: int | None = None, rank: int = 50, optional: bool = False) -> ToDo:
    due_on = None if due_in is None else TODAY + timedelta(days=due_in)
    return ToDo(title=title, action="Do it", href="/", due_on=due_on, rank=rank, optional=optional)


def test_overdue_comes_first_then_due_soon_then_undated_then_later_then_optional() -> None:
    items = [
        to_do("optional", rank=0, optional=True),
        to_do("later", 30),
        to_do("undated"),
        to_do("soon", 3),
        to_do("overdue", -2),
        to_do("today", 0),
        to_do("long overdue", -20),
    ]

    titles = [item.title for item in home.ordered(items, TODAY)]

    assert titles == ["long overdue", "overdue", "today", "soon", "undated", "later", "optional"]


def test_undated_to_dos_keep_rank_then_the_order_they_were_given() -> None:
    items = [to_do("b", rank=60), to_do("a1", rank=10), to_do("c", rank=60), to_do("a2", rank=10)]

    assert [item.title for item in home.ordered(items, TODAY)] == ["a1", "a2", "b", "c"]


@given(st.lists(st.one_of(st.none(), st.integers(min_value=-400, max_value=400)), max_size=30))
def test_nothing_overdue_ever_follows_something_that_is_not(days: list[int | None]) -> None:
    ordered = home.ordered([to_do(str(n), d) for n, d in enumerate(days)], TODAY)

    overdue = [item.due_on is not None and item.due_on < TODAY for item in ordered]
    assert overdue == sorted(overdue, reverse=True)


def test_due_dates_are_tagged_in_words() -> None:
    assert home.due_tag(TODAY - timedelta(days=1), TODAY) == ("Overdue", "red")
    assert home.due_tag(TODAY, TODAY) == ("Today", "orange")
    assert home.due_tag(TODAY + timedelta(days=1), TODAY) == ("Tomorrow", "yellow")
    assert home.due_tag(TODAY + timedelta(days=home.SOON_DAYS), TODAY) == (f"In {home.SOON_DAYS} days", "yellow")
    assert home.due_tag(TODAY + timedelta(days=home.SOON_DAYS + 1), TODAY) is None
    assert home.due_tag(None, TODAY) is None


def test_sections_with_the_same_key_become_one_with_links_in_rank_order() -> None:
    sections = home.merged(
        [
            Section(key="system:1", heading="Riverside ICS", links=(Link("Support", "/s", rank=20),), order=30),
            Section(key="england", heading="England", links=(Link("National", "/n"),), order=10),
            Section(key="system:1", heading="Riverside ICS", links=(Link("Dashboard", "/d", rank=10),), order=30),
            Section(key="empty", heading="Nothing here", links=(), order=5),
        ]
    )

    assert [(s.heading, [link.text for link in s.links]) for s in sections] == [
        ("England", ["National"]),
        ("Riverside ICS", ["Dashboard", "Support"]),
    ]


def test_registering_twice_adds_a_provider_once() -> None:
    def provider(viewer: home.Viewer) -> list[ToDo]:
        return []

    try:
        home.register_to_dos(provider)
        home.register_to_dos(provider)
        assert home.to_do_providers.count(provider) == 1
    finally:
        home.to_do_providers.remove(provider)


def test_each_app_on_the_right_registers_what_it_adds() -> None:
    modules = {provider.__module__ for provider in [*home.to_do_providers, *home.section_providers]}

    assert modules == {
        "wayfinder.assessments.home",
        "wayfinder.plans.home",
        "wayfinder.support.home",
        "wayfinder.dashboards.home",
        "wayfinder.community.home",
        "wayfinder.community.purpose_home",
    }
