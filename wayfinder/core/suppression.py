"""Small-group suppression, shared by the dashboards and the measures roll-up. Which figures of the regional and
national dashboards a viewer may see: none worked out from fewer than `minimum`
networks is shown to someone who does not oversee those networks, so no figure can be one network's own level.

Plain values in, plain values out (no Django): queries.py rolls each group's networks up with `roll_up`, which
notes how many networks each figure is worked out from, and the views hide what a viewer may not see with
`for_viewer` and `page_for_viewer`.

What each figure is worked out from:
- a dimension's average: the networks with a level on that dimension;
- the average change: the networks with a previous round to compare with;
- PCNs with the checklist done: the group's primary care networks;
- how many networks, how many were assessed and how many are PCNs: every network in the group. These are counts
  over the whole group, not anyone's levels, so a group of at least `minimum` networks shows them even when fewer
  were assessed: "1 of 6 assessed" says why the averages are hidden without saying what any network scored;
- how many networks are at each level on a dimension: the networks with a level on that dimension;
- support needs (plan priorities and support requests by domain): every network on the page, counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

# The fewest networks a figure may be worked out from and still be shown to someone who does not oversee them:
# the dashboards and the measures roll-up.
MINIMUM_GROUP = 5


class Figure(NamedTuple):
    """A figure, how many networks it was worked out from, and whether this viewer may not see it (then `value`
    is None)."""

    value: Any
    sources: int
    hidden: bool = False


class NetworkFacts(NamedTuple):
    """What the roll-ups need of one network."""

    assessed: bool
    # One per dimension: the level of its latest round that matches the filters, None where not rated.
    levels: tuple[float | None, ...]
    # The average change in level since its previous round, None without one.
    change: float | None
    is_pcn: bool
    # A PCN with every readiness checklist item done.
    ready: bool


class GroupFigures(NamedTuple):
    networks: Figure
    assessed: Figure
    averages: tuple[Figure, ...]
    average_change: Figure
    pcns: Figure
    pcns_ready: Figure


def _mean(values: Sequence[float], digits: int, scale: int = 1) -> float | None:
    # Divided by the scale before the count: sum / 1 is the sum itself, and halving is exact, so a mean of values
    # given in halves is the mean of the levels to the last bit.
    return round(sum(values) / scale / len(values), digits) if values else None


def roll_up(networks: Sequence[NetworkFacts], dimensions: int) -> GroupFigures:
    """A group's figures, each with the number of networks it is worked out from."""
    pcns = [n for n in networks if n.is_pcn]
    return roll_up_counted(
        [n.levels for n in networks],
        [n.change for n in networks if n.change is not None],
        dimensions=dimensions,
        size=len(networks),
        assessed=sum(1 for n in networks if n.assessed),
        pcns=len(pcns),
        ready=sum(1 for n in pcns if n.ready),
    )


def roll_up_counted(
    levels: Sequence[Sequence[float | None]],
    changes: Sequence[float],
    *,
    dimensions: int,
    size: int,
    assessed: int,
    pcns: int,
    ready: int,
    scale: int = 1,
) -> GroupFigures:
    """A group's figures from its networks' levels (one per dimension, None where not rated; networks not assessed
    may be left out, as they add nothing), their changes (those with one), and how many networks, assessed
    networks, PCNs and ready PCNs it has. What `roll_up` works out, without a NetworkFacts per network: the regional
    and national views roll up thousands of networks. Each average sums the values in the order given. `scale` says
    what the levels are counted in: 2 for halves of a level (the averages are still of levels)."""
    columns = list(zip(*levels, strict=True)) if levels else []
    averages = []
    for index in range(dimensions):
        values = [v for v in columns[index] if v is not None] if index < len(columns) else []
        averages.append(Figure(_mean(values, 1, scale), len(values)))
    return GroupFigures(
        networks=Figure(size, size),
        assessed=Figure(assessed, size),
        averages=tuple(averages),
        average_change=Figure(_mean(changes, 2), len(changes)),
        pcns=Figure(pcns, size),
        pcns_ready=Figure(ready, pcns),
    )


def level_counts(levels: Sequence[float | None], positions: Sequence[int]) -> Figure:
    """How many networks sit at each level (in the order of `positions`) on one dimension, from each network's
    level there (None: not rated). A median halfway between two levels counts at the lower one."""
    bands = [int(v) for v in levels if v is not None]
    counts = Counter(bands)
    return Figure(tuple(counts.get(p, 0) for p in positions), len(bands))


def hide_small(figure: Figure, *, overseen: bool, minimum: int) -> Figure:
    if overseen or figure.sources >= minimum:
        return figure
    return Figure(None, figure.sources, hidden=True)


def for_viewer(figures: GroupFigures, *, overseen: bool, minimum: int) -> GroupFigures:
    """A group's figures as one viewer sees them: those who oversee the group see everything."""

    def hide(figure: Figure) -> Figure:
        return hide_small(figure, overseen=overseen, minimum=minimum)

    return GroupFigures(
        networks=hide(figures.networks),
        assessed=hide(figures.assessed),
        averages=tuple(hide(f) for f in figures.averages),
        average_change=hide(figures.average_change),
        pcns=hide(figures.pcns),
        pcns_ready=hide(figures.pcns_ready),
    )


class PageFigures(NamedTuple):
    """The figures of a whole page: how networks spread over the levels of each dimension, and support needs."""

    distributions: tuple[Figure, ...]
    needs: Figure


def page_for_viewer(page: PageFigures, *, overseen: bool, minimum: int) -> PageFigures:
    """The page's figures as one viewer sees them: those who oversee every network on it see everything."""
    return PageFigures(
        distributions=tuple(hide_small(f, overseen=overseen, minimum=minimum) for f in page.distributions),
        needs=hide_small(page.needs, overseen=overseen, minimum=minimum),
    )
