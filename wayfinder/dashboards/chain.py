"""What each round summary knows of its neighbours: the summaries of the same network and framework in the order
(closed_on, round_id). Worked out from plain values, with no database, by summaries.rebuild (which stores it on
RoundSummary) and by the dashboards' exact path (which works out a network's change from its latest two rounds).

A network's change is the average, rounded to two places, of (this round's value - the round before's value) over
the dimensions rated in both: as the system view shows it (queries.NetworkRow.average_change). The values are
halves, so the sum is the same in any order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple


class Link(NamedTuple):
    """A summary's change since its predecessor, and the predecessor's and successor's closing day and whether
    each closed early (None and False where there is none)."""

    change: float | None = None
    previous_closed_on: date | None = None
    previous_closed_early: bool = False
    next_closed_on: date | None = None
    next_closed_early: bool = False


# A summary as the chain reads it: its closing day, whether it closed early, and its value by dimension key.
Step = tuple[date, bool, Mapping[str, Any]]


def change_between(now: Mapping[str, Any], before: Mapping[str, Any]) -> float | None:
    """The average change over the dimension keys rated (not None) in both, rounded to two places; None with no
    such key."""
    changes = [
        value - then
        for value, then in ((value, before.get(key)) for key, value in now.items())
        if value is not None and then is not None
    ]
    return round(sum(changes) / len(changes), 2) if changes else None


def links(steps: Sequence[Step]) -> list[Link]:
    """Each summary's link, for one network's summaries on one framework already in the order (closed_on,
    round_id)."""
    result = []
    for index, (_, _, values) in enumerate(steps):
        previous = steps[index - 1] if index > 0 else None
        following = steps[index + 1] if index + 1 < len(steps) else None
        result.append(
            Link(
                change=change_between(values, previous[2]) if previous is not None else None,
                previous_closed_on=previous[0] if previous is not None else None,
                previous_closed_early=previous[1] if previous is not None else False,
                next_closed_on=following[0] if following is not None else None,
                next_closed_early=following[1] if following is not None else False,
            )
        )
    return result
