"""measures/spc.py with plain values: hand-worked series for each rule and its edge cases, properties that must
hold for any series, and a check against an existing implementation's published results."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wayfinder.measures import spc
from wayfinder.measures.spc import Assurance, Kind, Rule, Variation

# A baseline worked by hand: 12, 10, 12, 10, ... (12 points). Mean 11; every moving range is 2, so the mean
# moving range is 2. Process limits 11 ± 2.66 × 2 = 5.68 and 16.32; near a limit (2σ) 11 ± 3.5466… = 7.4533…
# and 14.5466…. Fixing the limits on these 12 points (baseline_end=11) keeps those lines for whatever follows.
BASE = [12, 10] * 6


def test_limits_worked_by_hand() -> None:
    limits = spc.analyse(BASE).segments[0].limits
    assert limits.mean == 11
    assert limits.mean_moving_range == 2
    assert limits.upper == pytest.approx(16.32)
    assert limits.lower == pytest.approx(5.68)
    assert limits.upper_near == pytest.approx(11 + 2.66 * 2 * 2 / 3)
    assert limits.lower_near == pytest.approx(11 - 2.66 * 2 * 2 / 3)
    assert not limits.provisional


def test_a_point_outside_a_limit() -> None:
    analysis = spc.analyse([*BASE, 17], direction="up", baseline_end=11)
    latest = analysis.points[-1]
    assert Rule.OUTSIDE in latest.rules
    assert latest.kind is Kind.IMPROVEMENT and latest.high
    assert analysis.variation is Variation.IMPROVEMENT_HIGH
    # 16.32 is inside (on the line is not beyond it); 5 is below the lower limit: concern when up is better.
    assert Rule.OUTSIDE not in spc.analyse([*BASE, Decimal("16.32")], baseline_end=11).points[-1].rules
    low = spc.analyse([*BASE, 5], direction="up", baseline_end=11)
    assert low.points[-1].kind is Kind.CONCERN and low.variation is Variation.CONCERN_LOW


def test_a_shift_of_seven_and_a_point_on_the_mean_breaks_it() -> None:
    # The baseline ends below the mean (10). Six points above (12), one on the mean (11), six above: no shift.
    broken = spc.analyse([*BASE, *[12] * 6, 11, *[12] * 6], direction="down", baseline_end=11)
    assert not any(Rule.SHIFT in p.rules for p in broken.points)
    assert broken.variation is Variation.COMMON
    # One more above the mean makes seven in a row: all seven are flagged, concern because down is better.
    shifted = spc.analyse([*BASE, *[12] * 6, 11, *[12] * 7], direction="down", baseline_end=11)
    flagged = [p.index for p in shifted.points if Rule.SHIFT in p.rules]
    assert flagged == list(range(19, 26))
    assert shifted.variation is Variation.CONCERN_HIGH
    assert spc.summary(shifted).startswith("Special cause concern: 7 points in a row above the mean since point 20")


def test_a_trend_of_seven_and_a_tie_breaks_it() -> None:
    # After the baseline's last 10: 8 falls, then 8 9 10 10 11 12 13 14 rises with a tie (10, 10) in the middle:
    # runs of 3 and 5 rising points, so no trend.
    tied = spc.analyse([*BASE, 8, 9, 10, 10, 11, 12, 13, 14], direction="up", baseline_end=11)
    assert not any(Rule.TREND in p.rules for p in tied.points)
    # Without the tie: 8 9 10 10.5 11 12 13 are seven rising points. None is beyond 2σ and the shift is broken on the
    # mean (11), so the trend is the only rule.
    rising = spc.analyse([*BASE, 8, 9, 10, 10.5, 11, 12, 13], direction="up", baseline_end=11)
    assert [p.index for p in rising.points if p.rules] == list(range(12, 19))
    assert all(p.rules == {Rule.TREND} for p in rising.points[12:])
    assert rising.variation is Variation.IMPROVEMENT_HIGH
    assert "7 points in a row rising since point 13" in spc.summary(rising)


def test_two_of_three_near_a_limit_counts_points_beyond_three_sigma() -> None:
    # 15 is beyond 2σ (14.55) but inside the limit; 11 is not. Two of the three: the two 15s are flagged.
    near = spc.analyse([*BASE, 15, 11, 15], direction="up", baseline_end=11)
    assert [p.index for p in near.points if Rule.TWO_OF_THREE in p.rules] == [12, 14]
    assert near.points[13].kind is Kind.COMMON
    # 17 is beyond the process limit (3σ): it still counts towards two of three (the method since November 2023).
    beyond = spc.analyse([*BASE, 17, 11, 15], direction="up", baseline_end=11)
    assert beyond.points[12].rules == {Rule.OUTSIDE, Rule.TWO_OF_THREE}
    assert beyond.points[14].rules == {Rule.TWO_OF_THREE}
    # Near opposite limits is not two of three on the same side.
    opposite = spc.analyse([*BASE, 15, 7], direction="up", baseline_end=11)
    assert not any(Rule.TWO_OF_THREE in p.rules for p in opposite.points)


def test_improvement_wins_when_a_point_is_in_both() -> None:
    # Seven points below the mean that rise: a shift below (concern when up is better) and a rising trend
    # (improvement). The first, 4, is also below the lower limit, and 4 to 7 are below 2σ (7.45): two of three.
    # Improvement is shown for all seven.
    analysis = spc.analyse([*BASE, 4, 5, 6, 7, 8, 9, 10], direction="up", baseline_end=11)
    assert analysis.points[12].rules == {Rule.OUTSIDE, Rule.SHIFT, Rule.TREND, Rule.TWO_OF_THREE}
    assert analysis.points[18].rules == {Rule.SHIFT, Rule.TREND}
    assert all(p.kind is Kind.IMPROVEMENT for p in analysis.points[12:])
    assert analysis.variation is Variation.IMPROVEMENT_HIGH
    # The baseline's last point (10) is in the shift below but not the trend: concern.
    assert analysis.points[11].rules == {Rule.SHIFT}
    assert analysis.points[11].kind is Kind.CONCERN


def test_no_direction_is_neither_improvement_nor_concern() -> None:
    analysis = spc.analyse([*BASE, 17], direction="neither", baseline_end=11)
    assert analysis.points[-1].kind is Kind.NEITHER
    assert analysis.variation is Variation.NEITHER_HIGH
    assert analysis.assurance is Assurance.NONE


def test_assurance_from_the_target_against_the_limits() -> None:
    def assurance(target: float, direction: str) -> Assurance:
        return spc.analyse(BASE, direction=direction, target=target).assurance

    # Limits 5.68 to 16.32.
    assert assurance(5, "up") is Assurance.PASS
    assert assurance(17, "up") is Assurance.FAIL
    assert assurance(11, "up") is Assurance.EITHER
    assert assurance(17, "down") is Assurance.PASS
    assert assurance(5, "down") is Assurance.FAIL
    assert spc.analyse(BASE, direction="up").assurance is Assurance.NONE


def test_fewer_than_twelve_points_give_provisional_limits() -> None:
    assert spc.analyse(BASE[:11]).segments[0].limits.provisional
    assert "provisional" in spc.summary(spc.analyse(BASE[:11]))
    assert not spc.analyse(BASE).segments[0].limits.provisional
    # Limits fixed on 6 points are provisional however many points follow.
    assert spc.analyse(BASE * 2, baseline_end=5).segments[0].limits.provisional


def test_a_step_change_starts_new_limits_and_nothing_is_recalculated_without_one() -> None:
    values = [*BASE, *[v + 10 for v in BASE]]  # the process moves up by 10 after 12 points
    single = spc.analyse(values, direction="up")
    assert len(single.segments) == 1  # never cut automatically: the step shows as a shift
    assert any(Rule.SHIFT in p.rules for p in single.points)
    cut = spc.analyse(values, direction="up", step_changes=[12])
    assert [(s.start, s.end) for s in cut.segments] == [(0, 11), (12, 23)]
    assert [s.limits.mean for s in cut.segments] == [11, 21]
    assert cut.variation is Variation.COMMON
    # The first point after the cut has no moving range: ranges never cross a step change.
    assert cut.points[12].moving_range is None


def test_short_and_flat_series() -> None:
    assert spc.analyse([]).variation is None
    assert spc.summary(spc.analyse([])) == "No values yet."
    one = spc.analyse([5])
    assert one.segments[0].limits.mean == 5 and one.segments[0].limits.provisional
    flat = spc.analyse([3] * 14, direction="up")
    assert all(p.kind is Kind.COMMON for p in flat.points)  # every point on the mean: no shift, ties: no trend


def test_values_must_be_numbers() -> None:
    with pytest.raises(ValueError, match="number"):
        spc.analyse([1, float("nan")])
    with pytest.raises(TypeError):
        spc.analyse([1, True])
    with pytest.raises(ValueError, match="baseline"):
        spc.analyse([1, 2, 3], baseline_end=0)


def test_matches_plot_the_dots() -> None:
    """Checked against NHSRplotthedots, the NHS-R Community's R implementation of Making Data Count, on the data
    of its own tests: `set.seed(123); rnorm(20)`. Its published test snapshot gives mean 0.142, lower limit -3.01
    and upper limit 3.29 for the 20 points, and for the two halves as separate groups 0.0746, -2.60, 2.75 and
    0.209, -3.28, 3.70, all common cause. That tool by default leaves moving ranges above 3.267 × the mean moving
    range out of the mean; none of these is (the largest is 2.67 against 3.87), so the method here, which keeps
    every moving range as the issue asks, gives the same limits."""
    y = [
        -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
        -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
        -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
    ]  # fmt: skip
    whole = spc.analyse(y, direction="up").segments[0].limits
    assert (round(whole.mean, 3), round(whole.lower, 2), round(whole.upper, 2)) == (0.142, -3.01, 3.29)
    halves = spc.analyse(y, direction="up", step_changes=[10])
    first, second = (s.limits for s in halves.segments)
    assert (round(first.mean, 4), round(first.lower, 2), round(first.upper, 2)) == (0.0746, -2.60, 2.75)
    assert (round(second.mean, 3), round(second.lower, 2), round(second.upper, 2)) == (0.209, -3.28, 3.70)
    assert all(p.kind is Kind.COMMON for p in halves.points)
    # The same tool's check that two points near opposite limits are not two of three (its issue 143).
    data: list[float] = [1.0, -1.0] * 8
    data[14], data[15] = 5.5, -5.5
    assert [p.kind for p in spc.analyse(data, direction="up").points[-2:]] == [Kind.COMMON, Kind.COMMON]


# Properties ------------------------------------------------------------------------------------------------------

series = st.lists(st.integers(min_value=-10_000, max_value=10_000), min_size=2, max_size=40)
cuts = st.lists(st.integers(min_value=1, max_value=39), max_size=3)
directions = st.sampled_from(["up", "down", "neither"])


def _signals(analysis: spc.Analysis) -> list[tuple[frozenset[Rule], Kind, bool]]:
    return [(p.rules, p.kind, p.high if p.kind is not Kind.COMMON else False) for p in analysis.points]


@settings(max_examples=150, deadline=None)
@given(series, cuts, directions)
def test_limits_are_symmetric_about_the_mean(values: list[int], steps: list[int], direction: str) -> None:
    for segment in spc.analyse(values, direction=direction, step_changes=steps).segments:
        limits = segment.limits
        assert limits.upper - limits.mean == pytest.approx(limits.mean - limits.lower, abs=1e-9)
        assert limits.upper_near - limits.mean == pytest.approx(limits.mean - limits.lower_near, abs=1e-9)
        assert limits.lower <= limits.lower_near <= limits.mean <= limits.upper_near <= limits.upper


@settings(max_examples=150, deadline=None)
@given(series, cuts, directions, st.integers(min_value=-100_000, max_value=100_000))
def test_adding_a_constant_shifts_everything(values: list[int], steps: list[int], direction: str, c: int) -> None:
    before = spc.analyse(values, direction=direction, step_changes=steps, target=values[0])
    after = spc.analyse([v + c for v in values], direction=direction, step_changes=steps, target=values[0] + c)
    for a, b in zip(before.segments, after.segments, strict=True):
        assert b.limits.mean == pytest.approx(a.limits.mean + c)
        assert b.limits.lower == pytest.approx(a.limits.lower + c)
        assert b.limits.upper == pytest.approx(a.limits.upper + c)
        assert b.limits.mean_moving_range == pytest.approx(a.limits.mean_moving_range)
    assert _signals(after) == _signals(before)
    assert (after.variation, after.assurance) == (before.variation, before.assurance)


@settings(max_examples=150, deadline=None)
@given(
    series,
    cuts,
    directions,
    st.one_of(st.integers(min_value=1, max_value=1000), st.sampled_from([0.5, 0.25, 0.125, 2.5])),
)
def test_scaling_scales_limits_and_keeps_signals(values: list[int], steps: list[int], direction: str, k: float) -> None:
    before = spc.analyse(values, direction=direction, step_changes=steps)
    after = spc.analyse([Fraction(v) * Fraction(k) for v in values], direction=direction, step_changes=steps)
    for a, b in zip(before.segments, after.segments, strict=True):
        assert b.limits.mean == pytest.approx(a.limits.mean * k)
        assert b.limits.upper == pytest.approx(a.limits.upper * k)
        assert b.limits.lower == pytest.approx(a.limits.lower * k)
    assert _signals(after) == _signals(before)
    assert after.variation == before.variation
