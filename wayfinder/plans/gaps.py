"""Which dimensions to propose as priorities: pure arithmetic on plain values, no Django.

The gap is the target level minus where the network is now (its agreed level, or the median rating before a
level is agreed). Where a dimension has no target, the gap is measured to the framework's top level, because
a network that has not set a target has not said it is content with where it is. Dimensions already at or
above their target, or with no rating at all, are not proposed.
"""

from __future__ import annotations

from dataclasses import dataclass

# How many of the largest gaps are ticked for the lead to start from; they can tick more or fewer.
SUGGESTED = 3


@dataclass(frozen=True)
class DimensionNow:
    key: str
    number: int
    name: str
    current: float | None
    target: int | None


@dataclass(frozen=True)
class Proposal:
    key: str
    number: int
    name: str
    current: float
    aim: int
    gap: float
    has_target: bool
    suggested: bool


def propose(dimensions: list[DimensionNow], top_level: int) -> list[Proposal]:
    """Dimensions with a gap, largest first; on equal gaps, those with a target come first, then matrix order."""
    candidates: list[tuple[DimensionNow, int, float]] = []
    for d in dimensions:
        if d.current is None:
            continue
        aim = d.target if d.target is not None else top_level
        gap = aim - d.current
        if gap > 0:
            candidates.append((d, aim, gap))
    candidates.sort(key=lambda item: (-item[2], item[0].target is None, item[0].number))
    return [
        Proposal(
            key=d.key,
            number=d.number,
            name=d.name,
            current=float(d.current or 0),
            aim=aim,
            gap=gap,
            has_target=d.target is not None,
            suggested=n < SUGGESTED,
        )
        for n, (d, aim, gap) in enumerate(candidates)
    ]
