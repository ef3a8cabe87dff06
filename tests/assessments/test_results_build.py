"""A round's results built from plain values: no database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from wayfinder.assessments.queries import (
    ConsensusRow,
    DimensionRow,
    LevelInfo,
    RaterRow,
    RoundFacts,
    build_round_results,
    tally_raters,
)

SUBMITTED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LEVELS = tuple(LevelInfo(position, f"Level {position}") for position in range(5))


def facts(rater_rows: Sequence[RaterRow], **changes: object) -> RoundFacts:
    base = RoundFacts(
        round_id=10,
        title="",
        purpose="baseline",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
        closed_early_on=None,
        network_id=1,
        network_name="North Shore PCN",
        network_slug="north-shore",
        framework_id=7,
        framework_name="PCN Maturity Matrix",
        framework_slug="pcn-maturity-matrix",
        version_number=1,
        is_survey=False,
        dimensions=[
            DimensionRow(101, "leadership", "Leadership", "Foundations"),
            DimensionRow(102, "data", "Data", ""),
        ],
        levels=LEVELS,
        rater_rows=rater_rows,
        consensus_rows=[],
        target_rows=[],
        earlier_rating_rows=[],
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_it_counts_invited_rated_and_submitted_raters() -> None:
    tally = tally_raters(
        [
            (1, "member", SUBMITTED, 101, 2, "high", ""),
            (1, "member", SUBMITTED, 102, 3, "", ""),
            (2, "external", None, 101, 4, "", ""),
            (3, "member", None, None, None, None, None),
            # A rating of a dimension the version no longer has counts for nothing.
            (4, "member", SUBMITTED, 999, 1, "", ""),
        ],
        {101, 102},
    )
    assert (tally.counts.invited, tally.counts.rated, tally.counts.submitted) == (4, 2, 2)
    assert (tally.counts.rated_internal, tally.counts.rated_external) == (1, 1)
    assert [entry[2] for entry in tally.by_dimension[101]] == [2, 4]


def test_it_flags_a_two_level_disagreement_and_defaults_to_the_lowest() -> None:
    results = build_round_results(
        facts([(1, "member", SUBMITTED, 101, 1, "", ""), (2, "external", SUBMITTED, 101, 3, "", "")])
    )
    leadership, data = results.dimensions
    assert leadership.flagged and leadership.all.median == 2
    assert leadership.agreed is not None and not leadership.agreed.agreed and leadership.agreed.level == 1
    assert leadership.internal_higher is False
    assert data.all.count == 0 and data.agreed is None
    assert results.flagged_count == 1


def test_the_gap_is_measured_from_the_agreed_level_to_the_target() -> None:
    consensus = ConsensusRow(10, "", "baseline", date(2026, 3, 1), 101, "leadership", 2, 1, 3, "We agreed")
    results = build_round_results(
        facts(
            [(1, "member", SUBMITTED, 101, 1, "", ""), (2, "member", SUBMITTED, 101, 3, "", "")],
            consensus_rows=[consensus],
            target_rows=[("leadership", 4, date(2027, 3, 31))],
        )
    )
    leadership = results.dimensions[0]
    assert leadership.agreed is not None and leadership.agreed.agreed and leadership.agreed.notes == "We agreed"
    assert leadership.current == 2.0
    assert leadership.target is not None and leadership.target.level_name == "Level 4"
    assert leadership.gap == 2.0
    assert results.agreed_count == 1 and results.has_targets


def test_earlier_rounds_are_compared_by_dimension_key_newest_first() -> None:
    results = build_round_results(
        facts(
            [(1, "member", SUBMITTED, 101, 3, "", "")],
            earlier_rating_rows=[
                (8, "First look", "baseline", date(2025, 3, 1), "leadership", 1),
                (9, "", "review", date(2025, 9, 1), "leadership", 2),
            ],
        )
    )
    assert [r.round_id for r in results.earlier_rounds] == [9, 8]
    assert results.earlier_rounds[1].label == "First look"
    assert [(e.round_id, e.median) for e in results.dimensions[0].earlier] == [(9, 2.0), (8, 1.0)]


def test_ratings_are_numbered_without_names_and_listed_by_rater() -> None:
    results = build_round_results(
        facts([(41, "member", SUBMITTED, 102, 2, "", "Notes"), (42, "external", SUBMITTED, 101, 1, "", "")])
    )
    assert sorted(r.rater_number for r in results.ratings) == [1, 2]
    assert [r.rater_number for r in results.ratings] == sorted(r.rater_number for r in results.ratings)
    assert {r.level_name for r in results.ratings} == {"Level 1", "Level 2"}


def test_a_survey_hides_a_statement_and_comments_until_enough_answered() -> None:
    few = [(n, "member", SUBMITTED, 101, 3, "", "Good") for n in range(1, 3)]
    results = build_round_results(facts(few, is_survey=True))
    assert results.dimensions[0].suppressed and results.dimensions[0].all.median is None
    assert results.survey is not None and not results.survey.enough and results.survey.comments == ()
    assert results.ratings == () and results.earlier_rounds == ()


def test_a_survey_shows_figures_and_sorted_comments_once_enough_answered() -> None:
    rows: list[RaterRow] = [
        (n, "member", SUBMITTED, 101, 3, "", text) for n, text in enumerate(["beta", "Alpha", " ", "", "gamma"])
    ]
    results = build_round_results(facts(rows, is_survey=True))
    assert not results.dimensions[0].suppressed and results.dimensions[0].all.median == 3
    assert results.survey is not None and results.survey.enough
    assert [c.text for c in results.survey.comments] == ["Alpha", "beta", "gamma"]
