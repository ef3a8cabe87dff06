"""Pure arithmetic of results: medians, range, spread, disagreement, default consensus and self-view gaps.

No Django here: these functions take plain level positions (1 = lowest) and are tested with properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

# Raters who differ by this many levels or more are flagged for discussion.
DISAGREEMENT_SPREAD = 2
# Survey results are shown only once this many people have answered, so no one can be singled out.
SURVEY_MINIMUM_RESPONSES = 5
# The network is warned that it rates itself higher than outsiders when, on at least this share of the
# dimensions both rated, the internal median is above the external one (and never below it).
SELF_VIEW_SHARE = 0.75
SELF_VIEW_MINIMUM_DIMENSIONS = 3


@dataclass(frozen=True)
class Summary:
    count: int
    median: float | None
    lowest: int | None
    highest: int | None

    @property
    def spread(self) -> int | None:
        if self.lowest is None or self.highest is None:
            return None
        return self.highest - self.lowest

    @property
    def flagged(self) -> bool:
        """Raters differ by two levels or more: talk about this dimension."""
        return self.spread is not None and self.spread >= DISAGREEMENT_SPREAD

    @property
    def default_consensus(self) -> int | None:
        """Where views differ, the lowest level is recorded (and the range noted)."""
        return self.lowest


EMPTY = Summary(count=0, median=None, lowest=None, highest=None)


def summarise(levels: Iterable[int]) -> Summary:
    values = sorted(levels)
    if not values:
        return EMPTY
    return Summary(count=len(values), median=float(median(values)), lowest=values[0], highest=values[-1])


def is_disagreement(levels: Iterable[int]) -> bool:
    return summarise(levels).flagged


def default_consensus(levels: Iterable[int]) -> int | None:
    return summarise(levels).default_consensus


def rates_itself_higher(pairs: Sequence[tuple[float | None, float | None]]) -> bool:
    """Given (internal median, external median) per dimension, does the network consistently rate itself
    higher than outsiders do?"""
    both = [(inside, outside) for inside, outside in pairs if inside is not None and outside is not None]
    if len(both) < SELF_VIEW_MINIMUM_DIMENSIONS:
        return False
    higher = sum(1 for inside, outside in both if inside > outside)
    lower = sum(1 for inside, outside in both if inside < outside)
    return lower == 0 and higher / len(both) >= SELF_VIEW_SHARE


def gap(current: float | None, target: int | None) -> float | None:
    """How far a dimension is below its target (0 when at or above it)."""
    if current is None or target is None:
        return None
    return max(0.0, target - current)


def survey_summary(scores: Iterable[int]) -> Summary | None:
    """Survey results only in aggregate, and only once enough people have answered."""
    result = summarise(scores)
    return result if result.count >= SURVEY_MINIMUM_RESPONSES else None


def distribution(levels: Iterable[int], positions: Sequence[int]) -> list[int]:
    """How many answers fell on each level, in the order of `positions` (for live sessions and charts)."""
    counts = dict.fromkeys(positions, 0)
    for level in levels:
        if level in counts:
            counts[level] += 1
    return [counts[p] for p in positions]
