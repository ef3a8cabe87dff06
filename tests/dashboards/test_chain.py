"""What each round summary knows of its neighbours (dashboards.chain, RoundSummary.change and the neighbours'
closing days): worked out from plain values, and kept right by summaries.rebuild when a round's summary changes."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from tests.dashboards.conftest import assess
from tests.factories import level
from wayfinder.assessments.models import Rating, Round
from wayfinder.dashboards import chain, summaries
from wayfinder.dashboards.models import RoundSummary

D1, D2, D3 = date(2026, 1, 10), date(2026, 3, 1), date(2026, 6, 30)


def test_the_change_averages_the_dimensions_rated_in_both_rounds() -> None:
    assert chain.change_between({"a": 3.0, "b": 2.5, "c": None, "d": 4.0}, {"a": 1.0, "b": 3.0, "c": 2.0}) == 0.75
    # Rounded to two places, as the system view shows it.
    assert chain.change_between({"a": 2.0, "b": 3.0, "c": 2.5}, {"a": 1.0, "b": 1.0, "c": 2.0}) == 1.17
    assert chain.change_between({"a": 2.0, "b": None}, {"b": 1.0, "c": 1.0}) is None
    assert chain.change_between({}, {}) is None


def test_each_summary_knows_its_change_and_its_neighbours() -> None:
    links = chain.links([(D1, False, {"a": 1.0, "b": 2.0}), (D2, True, {"a": 2.0}), (D3, False, {"b": 5.0})])
    assert links == [
        chain.Link(change=None, next_closed_on=D2, next_closed_early=True),
        chain.Link(change=1.0, previous_closed_on=D1, next_closed_on=D3),
        # No dimension rated in both: no change.
        chain.Link(change=None, previous_closed_on=D2, previous_closed_early=True),
    ]
    assert chain.links([(D1, True, {"a": 1.0})]) == [chain.Link()]
    assert chain.links([]) == []


def link_of(round_: Round) -> chain.Link:
    return chain.Link(
        *RoundSummary.objects.filter(round=round_).values_list(*summaries.LINK_FIELDS).get()  # type: ignore[misc]
    )


@pytest.mark.django_db
def test_rebuild_keeps_the_chain_right_when_a_summary_changes(world: SimpleNamespace, version: Any) -> None:
    first = assess(world.restricted, version, days_ago=400, ratings=[[2, 2, 2]])
    second = assess(world.restricted, version, days_ago=60, ratings=[[3, 4, 5]])
    first.refresh_from_db()
    second.refresh_from_db()
    assert link_of(first) == chain.Link(next_closed_on=second.closes_on)
    assert link_of(second) == chain.Link(change=2.0, previous_closed_on=first.closes_on)

    # The earlier round's value changes: its successor's change follows.
    Rating.objects.filter(rater__round=first, dimension__position=1).update(level=level(version, 3))
    assert summaries.rebuild([first.pk]) == 1
    assert link_of(second) == chain.Link(change=1.67, previous_closed_on=first.closes_on)

    # The earlier round's closing date moves past the other's: the order turns round.
    moved = second.closes_on + timedelta(days=5)
    Round.objects.filter(pk=first.pk).update(closes_on=moved)
    assert summaries.rebuild([first.pk]) == 1
    assert link_of(second) == chain.Link(next_closed_on=moved)
    assert link_of(first) == chain.Link(change=-1.67, previous_closed_on=second.closes_on)

    # Nothing changed: nothing written.
    assert summaries.link([(world.restricted.pk, version.framework_id)]) == 0
    assert summaries.rebuild([first.pk, second.pk]) == 0
