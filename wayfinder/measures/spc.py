"""Statistical process control for one measure: an XmR chart read by the NHS "Making Data Count" rules.

Pure: no Django, no database. It takes the values in time order and says, for each point, the mean and process
limits that apply to it and which rules it is part of; then the variation icon (from the latest point) and the
assurance icon (the target against the latest limits).

- Centre line: the mean. Moving range MRᵢ = |xᵢ − xᵢ₋₁|. Process limits: mean ± 2.66 × mean MR. "Near a limit"
  (2σ): beyond mean ± (2/3) × 2.66 × mean MR.
- Rules: a point outside a process limit; a shift of 7 points in a row on one side of the mean (a point on the
  mean breaks the run); a trend of 7 points in a row each rising or each falling (a tie breaks it); two of three
  points in a row beyond 2σ on the same side, counting points beyond 3σ too (the November 2023 version of the
  method; older tools leave those out).
- A point in a signal is improvement or concern by the measure's direction (neither when it has none); when
  both apply to one point, improvement is shown.
- The series is cut into segments at the step changes a person marks (never automatically); each segment has
  its own limits and the rules never look across a cut. Limits can be fixed on a baseline: the points of a
  segment up to a chosen one. Limits worked out from fewer than 12 points are provisional.

The rules are decided with exact fractions, so a point lying exactly on a line is treated the same whatever the
scale of the numbers; the figures handed back are floats for drawing.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

LIMIT_FACTOR = Fraction(266, 100)  # 3 / d2 for moving ranges of two points, as the method rounds it
NEAR_FACTOR = LIMIT_FACTOR * Fraction(2, 3)
RUN = 7  # points in a row for a shift or a trend
FEWEST_FOR_LIMITS = 12  # fewer points than this and the limits are provisional


class Direction(enum.StrEnum):
    UP = "up"  # higher is better
    DOWN = "down"  # lower is better
    NEITHER = "neither"


class Rule(enum.StrEnum):
    OUTSIDE = "outside"  # beyond a process limit
    SHIFT = "shift"  # 7 in a row on one side of the mean
    TREND = "trend"  # 7 in a row rising or falling
    TWO_OF_THREE = "two_of_three"  # 2 of 3 beyond 2σ on one side


RULE_NAMES = {
    Rule.OUTSIDE: "outside a process limit",
    Rule.SHIFT: "shift",
    Rule.TREND: "trend",
    Rule.TWO_OF_THREE: "two of three near a limit",
}


class Kind(enum.StrEnum):
    COMMON = "common"  # common cause: no rule applies
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEITHER = "neither"  # special cause on a measure with no better direction


class Variation(enum.StrEnum):
    """The variation icon, from the latest point."""

    COMMON = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEITHER_HIGH = "neither_high"
    NEITHER_LOW = "neither_low"


class Assurance(enum.StrEnum):
    """The assurance icon: can the process be relied on to meet the target?"""

    PASS = "pass"  # noqa: S105 - not a password. The target is outside the limits on the good side: it will consistently be met
    FAIL = "fail"  # outside on the bad side: it will consistently be missed unless the process changes
    EITHER = "either"  # within the limits: it will be met and missed by chance
    NONE = "none"  # no target, no direction or no limits


VARIATION_WORDS = {
    Variation.COMMON: "Common cause variation",
    Variation.IMPROVEMENT_HIGH: "Special cause improvement (high)",
    Variation.IMPROVEMENT_LOW: "Special cause improvement (low)",
    Variation.CONCERN_HIGH: "Special cause concern (high)",
    Variation.CONCERN_LOW: "Special cause concern (low)",
    Variation.NEITHER_HIGH: "Special cause variation (high)",
    Variation.NEITHER_LOW: "Special cause variation (low)",
}

ASSURANCE_WORDS = {
    Assurance.PASS: "The target will be met consistently",
    Assurance.FAIL: "The target will be missed consistently",
    Assurance.EITHER: "The target will be met and missed by chance",
    Assurance.NONE: "No assurance: there is no target",
}

Number = int | float | Decimal | Fraction


@dataclass(frozen=True)
class Limits:
    """The lines of one segment, worked out from `basis` points starting at its first."""

    mean: float
    mean_moving_range: float
    lower: float
    upper: float
    lower_near: float
    upper_near: float
    basis: int
    provisional: bool


@dataclass(frozen=True)
class Point:
    index: int
    value: float
    moving_range: float | None  # None for the first point of a segment
    segment: int
    rules: frozenset[Rule]
    high: bool  # the signal's side: above the mean (or rising); only meaningful when `kind` is not common
    kind: Kind


@dataclass(frozen=True)
class Segment:
    start: int  # index of its first point
    end: int  # index of its last point (inclusive)
    limits: Limits


@dataclass(frozen=True)
class Analysis:
    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    direction: Direction
    target: float | None
    variation: Variation | None  # None when there are no points
    assurance: Assurance

    def limits_at(self, index: int) -> Limits:
        return self.segments[self.points[index].segment].limits

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


# Working out ---------------------------------------------------------------------------------------------------


def _exact(value: Number) -> Fraction:
    if isinstance(value, bool):
        raise TypeError("A value must be a number, not true or false")
    if isinstance(value, float) and value != value:  # NaN
        raise ValueError("A value must be a number")
    return Fraction(value)


def _limits(values: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """The mean and mean moving range of `values` (mean moving range 0 for a single value)."""
    mean = sum(values, Fraction(0)) / len(values)
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    mean_mr = sum(ranges, Fraction(0)) / len(ranges) if ranges else Fraction(0)
    return mean, mean_mr


@dataclass
class _Flags:
    rules: set[Rule]
    sides: set[bool]  # True: high side


def _mark_runs(values: Sequence[Fraction], side_of: Sequence[int], flags: list[_Flags], rule: Rule) -> None:
    """Flag every point in a run of RUN or more equal non-zero `side_of` values (1 high, -1 low, 0 breaks)."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or side_of[i] != side_of[start] or side_of[i] == 0:
            if side_of[start] != 0 and i - start >= RUN:
                for j in range(start, i):
                    flags[j].rules.add(rule)
                    flags[j].sides.add(side_of[start] > 0)
            start = i


def _segment_flags(values: Sequence[Fraction], mean: Fraction, mean_mr: Fraction) -> list[_Flags]:
    upper, lower = mean + LIMIT_FACTOR * mean_mr, mean - LIMIT_FACTOR * mean_mr
    upper_near, lower_near = mean + NEAR_FACTOR * mean_mr, mean - NEAR_FACTOR * mean_mr
    flags = [_Flags(set(), set()) for _ in values]

    for i, x in enumerate(values):
        if x > upper or x < lower:
            flags[i].rules.add(Rule.OUTSIDE)
            flags[i].sides.add(x > upper)

    # Shift: the side of the mean each point is on; a point on the mean is on neither and breaks the run.
    sides = [(x > mean) - (x < mean) for x in values]
    _mark_runs(values, sides, flags, Rule.SHIFT)

    # Trend: each point's step from the one before; the first point of a run is the one its first step leaves.
    steps = [0] + [(b > a) - (b < a) for a, b in itertools.pairwise(values)]
    start = 1
    for i in range(2, len(values) + 1):
        if i == len(values) or steps[i] != steps[start] or steps[i] == 0:
            # Points start-1 .. i-1 move the same way at every step.
            if start < len(values) and steps[start] != 0 and i - (start - 1) >= RUN:
                for j in range(start - 1, i):
                    flags[j].rules.add(Rule.TREND)
                    flags[j].sides.add(steps[start] > 0)
            start = i

    # Two of three beyond 2σ on the same side, points beyond 3σ included.
    for first in range(0, max(0, len(values) - 2)):
        window = range(first, first + 3)
        for high in (True, False):
            near = [j for j in window if (values[j] > upper_near if high else values[j] < lower_near)]
            if len(near) >= 2:
                for j in near:
                    flags[j].rules.add(Rule.TWO_OF_THREE)
                    flags[j].sides.add(high)
    return flags


def _kind(sides: set[bool], direction: Direction) -> tuple[Kind, bool]:
    """Improvement wins when a point is part of signals on both sides."""
    if not sides:
        return Kind.COMMON, False
    if direction is Direction.NEITHER:
        return Kind.NEITHER, True in sides
    good_high = direction is Direction.UP
    if good_high in sides:
        return Kind.IMPROVEMENT, good_high
    return Kind.CONCERN, not good_high


def _variation(point: Point) -> Variation:
    if point.kind is Kind.COMMON:
        return Variation.COMMON
    return {
        (Kind.IMPROVEMENT, True): Variation.IMPROVEMENT_HIGH,
        (Kind.IMPROVEMENT, False): Variation.IMPROVEMENT_LOW,
        (Kind.CONCERN, True): Variation.CONCERN_HIGH,
        (Kind.CONCERN, False): Variation.CONCERN_LOW,
        (Kind.NEITHER, True): Variation.NEITHER_HIGH,
        (Kind.NEITHER, False): Variation.NEITHER_LOW,
    }[(point.kind, point.high)]


def assurance_for(target: Number | None, limits: Limits | None, direction: Direction) -> Assurance:
    """The target against the process limits: beyond the limits on the good side the process consistently meets
    it; beyond them on the bad side it consistently misses; on or between them it meets and misses by chance."""
    if target is None or limits is None or direction is Direction.NEITHER:
        return Assurance.NONE
    t = float(target)
    if t < limits.lower:
        return Assurance.PASS if direction is Direction.UP else Assurance.FAIL
    if t > limits.upper:
        return Assurance.FAIL if direction is Direction.UP else Assurance.PASS
    return Assurance.EITHER


def analyse(
    values: Sequence[Number],
    *,
    direction: Direction | str = Direction.NEITHER,
    target: Number | None = None,
    step_changes: Sequence[int] = (),
    baseline_end: int | None = None,
) -> Analysis:
    """Read a series in time order.

    `step_changes` are the indices of points where the person says the process changed: each starts a segment
    with limits of its own. `baseline_end` (an index) fixes the limits of the segment it falls in on that
    segment's points up to and including it (at least 2); later points in the segment are judged against them.
    Every other segment's limits come from all its points.
    """
    direction = Direction(direction)
    exact = [_exact(v) for v in values]
    cuts = sorted({i for i in step_changes if 0 < i < len(exact)})
    bounds = list(zip([0, *cuts], [*cuts, len(exact)], strict=True)) if exact else []

    points: list[Point] = []
    segments: list[Segment] = []
    for number, (start, stop) in enumerate(bounds):
        part = exact[start:stop]
        basis = part
        if baseline_end is not None and start <= baseline_end < stop:
            if baseline_end - start + 1 < 2:
                raise ValueError("A baseline needs at least 2 points after the step change before it")
            basis = part[: baseline_end - start + 1]
        mean, mean_mr = _limits(basis)
        limits = Limits(
            mean=float(mean),
            mean_moving_range=float(mean_mr),
            lower=float(mean - LIMIT_FACTOR * mean_mr),
            upper=float(mean + LIMIT_FACTOR * mean_mr),
            lower_near=float(mean - NEAR_FACTOR * mean_mr),
            upper_near=float(mean + NEAR_FACTOR * mean_mr),
            basis=len(basis),
            provisional=len(basis) < FEWEST_FOR_LIMITS,
        )
        segments.append(Segment(start=start, end=stop - 1, limits=limits))
        flags = _segment_flags(part, mean, mean_mr)
        for offset, (x, flag) in enumerate(zip(part, flags, strict=True)):
            kind, high = _kind(flag.sides, direction)
            points.append(
                Point(
                    index=start + offset,
                    value=float(x),
                    moving_range=float(abs(x - part[offset - 1])) if offset else None,
                    segment=number,
                    rules=frozenset(flag.rules),
                    high=high,
                    kind=kind,
                )
            )
    latest = points[-1] if points else None
    return Analysis(
        points=tuple(points),
        segments=tuple(segments),
        direction=direction,
        target=float(target) if target is not None else None,
        variation=_variation(latest) if latest else None,
        assurance=assurance_for(target, segments[-1].limits if segments else None, direction),
    )


# Words ---------------------------------------------------------------------------------------------------------


def _run_back(analysis: Analysis, rule: Rule) -> int:
    """How many points, ending with the latest, are in its run of `rule`: on the same side of the mean for a
    shift, moving the same way for a trend."""
    points = analysis.points
    latest = points[-1]
    mean = analysis.limits_at(latest.index).mean

    def same_run(point: Point) -> bool:
        if point.segment != latest.segment or rule not in point.rules:
            return False
        if rule is Rule.SHIFT:
            return (point.value > mean) == (latest.value > mean)
        if point.index == analysis.segments[latest.segment].start:
            return True  # the first point of a trend has no step of its own
        step = point.value - points[point.index - 1].value
        rising = latest.value > points[latest.index - 1].value
        return (step > 0) == rising

    count = 0
    for point in reversed(points):
        if not same_run(point):
            break
        count += 1
    if rule is Rule.TREND:
        # A trend of n steps has n + 1 points: the one its first step leaves is in it too.
        first = latest.index - count
        if first >= analysis.segments[latest.segment].start and Rule.TREND in points[first].rules:
            count += 1
    return count


def summary(analysis: Analysis, labels: Sequence[str] | None = None) -> str:
    """One or two sentences on what the chart says now, for the page and screen readers:
    "Special cause improvement: 7 points in a row above the mean since March 2026."."""
    if not analysis.points:
        return "No values yet."
    labels = list(labels) if labels is not None else [f"point {i + 1}" for i in range(len(analysis.points))]
    latest = analysis.points[-1]
    limits = analysis.limits_at(latest.index)
    side = "above" if latest.high else "below"
    if latest.kind is Kind.COMMON:
        words = "Common cause variation: the latest value is within the process limits and shows no pattern."
    else:
        heading = {
            Kind.IMPROVEMENT: "Special cause improvement",
            Kind.CONCERN: "Special cause concern",
            Kind.NEITHER: "Special cause variation",
        }[latest.kind]
        reasons = []
        if Rule.OUTSIDE in latest.rules:
            reasons.append(f"the latest value is {side} the {'upper' if latest.high else 'lower'} process limit")
        if Rule.SHIFT in latest.rules:
            run = _run_back(analysis, Rule.SHIFT)
            reasons.append(f"{run} points in a row {side} the mean since {labels[latest.index - run + 1]}")
        if Rule.TREND in latest.rules:
            run = _run_back(analysis, Rule.TREND)
            way = "rising" if latest.high else "falling"
            reasons.append(f"{run} points in a row {way} since {labels[latest.index - run + 1]}")
        if Rule.TWO_OF_THREE in latest.rules:
            reasons.append(f"two of the last three values are near the {'upper' if latest.high else 'lower'} limit")
        words = f"{heading}: " + "; ".join(reasons) + "."
    if limits.provisional:
        words += f" The limits are provisional: they come from only {limits.basis} values."
    return words
