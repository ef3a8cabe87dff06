"""What the dashboards read of each round's levels (RoundSummary.cells): the same levels as `levels`, as compact
text parsed in one go, kept right by every write that changes a summary."""

from __future__ import annotations

import importlib
import json
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.conftest import assess, committed
from tests.dashboards.test_dashboard_build import DIMENSIONS, facts, network
from tests.factories import dimension, level
from wayfinder.assessments import live, services
from wayfinder.assessments.models import Rater, Rating, Round
from wayfinder.core import changes
from wayfinder.dashboards import summaries
from wayfinder.dashboards.models import RoundSummary
from wayfinder.dashboards.queries import SummaryValues, build_dashboard, parse_cells
from wayfinder.dashboards.summaries import cells_text
from wayfinder.frameworks.models import Dimension

KEYS = st.sampled_from(["leadership", "data", "workforce", "estates", "purpose-and-direction"])
VALUES = st.one_of(st.none(), st.integers(min_value=0, max_value=10).map(lambda n: n / 2))
LEVEL = st.fixed_dictionaries({"value": VALUES, "agreed": st.booleans(), "raters": st.integers(0, 8)})
LEVELS = st.dictionaries(KEYS, LEVEL, max_size=5)


# Pure: the text and its parse --------------------------------------------------------------------------------


def test_the_text_holds_each_value_by_key_and_the_keys_agreed() -> None:
    levels: dict[str, dict[str, Any]] = {
        "leadership": {"value": 2.0, "agreed": True, "raters": 3},
        "data": {"value": 1.5, "agreed": False, "raters": 3},
    }
    assert cells_text(levels) == '[{"data":1.5,"leadership":2.0},["leadership"]]'
    assert cells_text({}) == "[{},[]]"


def test_many_summaries_parse_in_one_go_in_their_order() -> None:
    texts = ['[{"data":1.5},[]]', "[{},[]]", '[{"data":3.0},["data"]]']
    assert parse_cells(texts) == [[{"data": 1.5}, []], [{}, []], [{"data": 3.0}, ["data"]]]
    assert parse_cells([]) == []


@given(st.lists(LEVELS, max_size=6))
def test_parsed_text_gives_back_every_value_and_agreement(many: list[dict[str, dict[str, Any]]]) -> None:
    parsed = parse_cells([cells_text(levels) for levels in many])
    assert len(parsed) == len(many)
    for (values, agreed), levels in zip(parsed, many, strict=True):
        assert values == {key: level["value"] for key, level in levels.items()}
        assert sorted(agreed) == sorted(key for key, level in levels.items() if level["agreed"])


@given(LEVELS, LEVELS)
def test_a_dashboard_built_from_the_text_is_the_one_built_from_the_levels(
    latest: dict[str, dict[str, Any]], previous: dict[str, dict[str, Any]]
) -> None:
    """Both forms of a summary give the same cells, movement and distribution: the view reads the text, and
    anything handing build_dashboard the levels as stored gets the same dashboard."""
    stored: list[SummaryValues] = [(1, 20, date(2026, 3, 31), latest), (1, 10, date(2025, 3, 31), previous)]
    parsed = parse_cells([cells_text(latest), cells_text(previous)])
    compact: list[SummaryValues] = [(1, 20, date(2026, 3, 31), parsed[0]), (1, 10, date(2025, 3, 31), parsed[1])]
    from_levels = build_dashboard(facts([network(1, "Alpha"), network(2, "Beta")], stored))
    from_text = build_dashboard(facts([network(1, "Alpha"), network(2, "Beta")], compact))
    for a, b in zip(from_levels.networks, from_text.networks, strict=True):
        assert repr(a) == repr(b)
        assert (a.dimensions_up, a.dimensions_down, a.average_change) == (
            b.dimensions_up,
            b.dimensions_down,
            b.average_change,
        )
    assert from_levels.distribution() == from_text.distribution()
    assert len(from_text.networks[0].cells) == len(DIMENSIONS)


# The column follows every write ----------------------------------------------------------------------------


def assert_cells_follow_levels() -> None:
    """Both texts follow `levels`: the cells, and the values in the order of the round's version's dimensions."""
    stored = list(
        RoundSummary.objects.values_list("levels", "cells", "version_id", "round__version_id", "ordered_values")
    )
    assert stored
    for levels, cells, version_id, round_version_id, ordered in stored:
        assert cells == cells_text(levels)
        assert version_id == round_version_id
        keys = Dimension.objects.filter(version_id=version_id).order_by("position").values_list("key", flat=True)
        values = [levels[key]["value"] if key in levels else None for key in keys]
        # In halves of a level: whole numbers.
        assert json.loads(ordered) == [None if value is None else value * 2 for value in values]
        assert all(isinstance(half, int) for half in json.loads(ordered) if half is not None)


def a_rating(round_: Round, position: int) -> Rating:
    return Rating.objects.filter(rater__round=round_, dimension__position=position).order_by("pk").first()  # type: ignore[return-value]


@pytest.mark.django_db
def test_the_text_follows_each_kind_of_write(world: SimpleNamespace, version: Any) -> None:
    round_ = assess(world.restricted, version, days_ago=10, ratings=[[4, 4, 4], [4, 2, 4], [2, 2, 4]])
    # A new round.
    assert (
        RoundSummary.objects.get(round=round_).cells == '[{"dimension-1":4.0,"dimension-2":2.0,"dimension-3":4.0},[]]'
    )
    assert_cells_follow_levels()
    # A changed rating.
    rating = a_rating(round_, 1)
    with committed():
        services.rating_save(rater=rating.rater, dimension_id=rating.dimension_id, level_id=level(version, 1).pk)
    assert RoundSummary.objects.get(round=round_).cells.startswith('[{"dimension-1":2.0,')
    assert_cells_follow_levels()
    # An agreed level recorded, then removed.
    with committed():
        agreed = live.consensus_record(
            round_=round_,
            dimension_id=dimension(version, 2).pk,
            level_id=level(version, 3).pk,
            notes="",
            user=world.lead,
        )
    assert RoundSummary.objects.get(round=round_).cells.endswith('["dimension-2"]]')
    assert_cells_follow_levels()
    with committed():
        agreed.delete()
        changes.changed(rounds=[round_.pk])
    assert RoundSummary.objects.get(round=round_).cells.endswith(",[]]")
    assert_cells_follow_levels()
    # A deleted rating and a deleted rater.
    with committed():
        a_rating(round_, 3).delete()
        Rater.objects.filter(round=round_).order_by("pk").first().delete()  # type: ignore[union-attr]
        changes.changed(rounds=[round_.pk])
    assert_cells_follow_levels()
    # A rebuild from nothing, and a repair of text that went wrong.
    RoundSummary.objects.all().delete()
    with committed():
        assert summaries.rebuild() == 1
    assert_cells_follow_levels()
    RoundSummary.objects.update(cells="[{},[]]")
    with committed():
        assert summaries.rebuild() == 1
    assert_cells_follow_levels()
    RoundSummary.objects.update(ordered_values="[]")
    with committed():
        assert summaries.rebuild() == 1
    assert_cells_follow_levels()


@pytest.mark.django_db
def test_the_migration_fills_the_text_of_summaries_stored_before_it(dworld: SimpleNamespace) -> None:
    RoundSummary.objects.update(cells="[{},[]]")
    migration = importlib.import_module("wayfinder.dashboards.migrations.0004_roundsummary_cells")
    migration.fill_cells(apps, None)
    assert RoundSummary.objects.count() == 4
    assert_cells_follow_levels()


@pytest.mark.django_db
def test_the_migration_fills_the_ordered_values_of_summaries_stored_before_it(dworld: SimpleNamespace) -> None:
    RoundSummary.objects.update(ordered_values="[]")
    migration = importlib.import_module("wayfinder.dashboards.migrations.0006_roundsummary_ordered_values")
    migration.fill_ordered_values(apps, None)
    assert RoundSummary.objects.count() == 4
    assert_cells_follow_levels()


def test_the_ordered_text_holds_each_value_in_halves_in_the_version_order_and_null_where_not_rated() -> None:
    levels: dict[str, dict[str, Any]] = {
        "leadership": {"value": 2.0, "agreed": True, "raters": 3},
        "data": {"value": 1.5, "agreed": False, "raters": 2},
        "workforce": {"value": None, "agreed": False, "raters": 0},
    }
    assert summaries.ordered_values_text(levels, ["leadership", "estates", "data", "workforce"]) == "[4,null,3,null]"


def test_a_level_in_halves_is_a_whole_number_and_exact() -> None:
    assert [summaries.half_levels(v) for v in (None, 0.0, 1.5, 2.0, 4.5)] == [None, 0, 3, 4, 9]
    assert summaries.half_levels(1.25) == 2.5
