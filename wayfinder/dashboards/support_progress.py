"""Did the support work? Pairing delivered support with a network's rounds before and after it, the comparison
group of networks that were not supported, and the roll-ups by support domain, provider and funding source.

Plain values in, plain values out (no Django): support_queries.py reads the facts, the views cache what this
builds. The rules:
- the round before is the last closed round that closed before the support started; the round after is the first
  closed round that closed after it ended; a round that closed while the support ran counts as neither;
- movement is the change in level on the dimensions the support was for, averaged across those rated in both
  rounds; without a round after (or before) there is no movement;
- the comparison group for a set of support is every other network in view that had no delivered support at any
  point of the period that support covered (its earliest start to its latest end), measured over that same period
  on the same dimensions. It is a comparison, not proof that the support caused the change.
"""

from __future__ import annotations

import bisect
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from wayfinder.core.suppression import Figure, hide_small


class RoundLevels(NamedTuple):
    """A closed round: its id, the day it closed, and its level by dimension key (None: not rated)."""

    round_id: int
    closed_on: date
    levels: Mapping[str, float | None]


class Pair(NamedTuple):
    before: RoundLevels | None
    after: RoundLevels | None


def pair_rounds(rounds: Sequence[RoundLevels], starts_on: date, ends_on: date) -> Pair:
    """The last round that closed before `starts_on` and the first that closed after `ends_on`. `rounds` is sorted
    by the day they closed (then id); a round that closed between the two days (inclusive) is neither."""
    days = [r.closed_on for r in rounds]
    before_end = bisect.bisect_left(days, starts_on)
    after_start = bisect.bisect_right(days, ends_on)
    before = rounds[before_end - 1] if before_end > 0 else None
    after = rounds[after_start] if after_start < len(rounds) else None
    return Pair(before, after)


def changes(pair: Pair, keys: Iterable[str]) -> dict[str, float]:
    """The change in level on each dimension in `keys` rated in both rounds of the pair."""
    if pair.before is None or pair.after is None:
        return {}
    result = {}
    for key in keys:
        then, now = pair.before.levels.get(key), pair.after.levels.get(key)
        if then is not None and now is not None:
            result[key] = round(now - then, 2)
    return result


def movement(pair: Pair, keys: Iterable[str]) -> float | None:
    """The average change in level on `keys` between the rounds of the pair; None without both rounds or without a
    dimension rated in both."""
    found = changes(pair, keys)
    return round(sum(found.values()) / len(found), 2) if found else None


def overlaps(periods: Iterable[tuple[date, date]], starts_on: date, ends_on: date) -> bool:
    """Whether any (start, end) period shares at least one day with `starts_on`..`ends_on`."""
    return any(start <= ends_on and end >= starts_on for start, end in periods)


class Spread(NamedTuple):
    """The middle and spread of some movements: median, lowest, highest, and how many there are."""

    median: float | None
    lowest: float | None
    highest: float | None
    networks: int


def spread(values: Sequence[float]) -> Spread:
    if not values:
        return Spread(None, None, None, 0)
    return Spread(round(statistics.median(values), 2), min(values), max(values), len(values))


class Piece(NamedTuple):
    """One piece of delivered support: what the system commissioned for a request it marked delivered."""

    id: int
    request_id: int
    network_id: int
    system_id: int | None
    region_id: int | None
    domain_key: str
    domain_name: str
    # The dimension keys the support was for, on the framework being viewed.
    dimension_keys: tuple[str, ...]
    provider: str
    cost: Decimal
    funding_key: str
    funding_name: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class NetworkOutcome:
    """One network's support within a group (all its pieces there) and its movement across them."""

    network_id: int
    starts_on: date
    ends_on: date
    keys: tuple[str, ...]
    pair: Pair
    movement: float | None


@dataclass(frozen=True)
class GroupStats:
    """One group (a domain, a provider, a funding source, a system or a region): figures the same for every
    viewer, each with how many networks it is worked out from."""

    key: str
    name: str
    networks: Figure
    pieces: Figure
    spent: Figure
    moved: Figure  # value: Spread of supported networks' movements
    comparison: Figure  # value: Spread of comparison networks' movements
    starts_on: date | None
    ends_on: date | None


def network_outcomes(pieces: Sequence[Piece], rounds: Mapping[int, Sequence[RoundLevels]]) -> list[NetworkOutcome]:
    """Each supported network's outcome across its pieces: from its earliest start to its latest end, on every
    dimension any of them was for."""
    by_network: dict[int, list[Piece]] = defaultdict(list)
    for piece in pieces:
        by_network[piece.network_id].append(piece)
    outcomes = []
    for network_id, own in sorted(by_network.items()):
        starts_on = min(p.starts_on for p in own)
        ends_on = max(p.ends_on for p in own)
        keys = tuple(sorted({k for p in own for k in p.dimension_keys}))
        pair = pair_rounds(rounds.get(network_id, ()), starts_on, ends_on)
        outcomes.append(NetworkOutcome(network_id, starts_on, ends_on, keys, pair, movement(pair, keys)))
    return outcomes


def comparison_movements(
    *,
    network_ids: Iterable[int],
    supported_periods: Mapping[int, Sequence[tuple[date, date]]],
    rounds: Mapping[int, Sequence[RoundLevels]],
    starts_on: date,
    ends_on: date,
    keys: Sequence[str],
) -> list[float]:
    """The movement over `starts_on`..`ends_on` on `keys` of every network in `network_ids` that had no delivered
    support during that period (only those with a round before and after it)."""
    found = []
    for network_id in network_ids:
        if overlaps(supported_periods.get(network_id, ()), starts_on, ends_on):
            continue
        moved = movement(pair_rounds(rounds.get(network_id, ()), starts_on, ends_on), keys)
        if moved is not None:
            found.append(moved)
    return found


def group_stats(
    key: str,
    name: str,
    pieces: Sequence[Piece],
    *,
    network_ids: Sequence[int],
    supported_periods: Mapping[int, Sequence[tuple[date, date]]],
    rounds: Mapping[int, Sequence[RoundLevels]],
) -> GroupStats:
    """A group's figures: networks supported, pieces, money spent, the spread of the supported networks' movement,
    and the spread of the comparison group's over the same period and dimensions."""
    outcomes = network_outcomes(pieces, rounds)
    moved = [o.movement for o in outcomes if o.movement is not None]
    supported = len(outcomes)
    if not pieces:
        empty = Figure(spread([]), 0)
        return GroupStats(key, name, Figure(0, 0), Figure(0, 0), Figure(Decimal(0), 0), empty, empty, None, None)
    starts_on = min(p.starts_on for p in pieces)
    ends_on = max(p.ends_on for p in pieces)
    keys = sorted({k for p in pieces for k in p.dimension_keys})
    compared = comparison_movements(
        network_ids=network_ids,
        supported_periods=supported_periods,
        rounds=rounds,
        starts_on=starts_on,
        ends_on=ends_on,
        keys=keys,
    )
    return GroupStats(
        key=key,
        name=name,
        networks=Figure(supported, supported),
        pieces=Figure(len(pieces), supported),
        spent=Figure(sum((p.cost for p in pieces), Decimal(0)), supported),
        moved=Figure(spread(moved), len(moved)),
        comparison=Figure(spread(compared), len(compared)),
        starts_on=starts_on,
        ends_on=ends_on,
    )


def periods_of(pieces: Iterable[Piece]) -> dict[int, list[tuple[date, date]]]:
    """Each network's periods of delivered support (any domain, provider or funding source)."""
    periods: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for piece in pieces:
        periods[piece.network_id].append((piece.starts_on, piece.ends_on))
    return dict(periods)


def roll_up(
    pieces: Sequence[Piece],
    by: Callable[[Piece], tuple[str, str]],
    *,
    network_ids: Sequence[int],
    rounds: Mapping[int, Sequence[RoundLevels]],
    order: Sequence[tuple[str, str]] = (),
) -> list[GroupStats]:
    """Group the pieces by `by(piece)` → (key, name) and work out each group's figures. Groups in `order` come
    first in that order (shown even with no support, so a domain nobody was supported in still has its row),
    then the rest by name."""
    grouped: dict[str, list[Piece]] = defaultdict(list)
    names = dict(order)
    for piece in pieces:
        key, name = by(piece)
        grouped[key].append(piece)
        names.setdefault(key, name)
    periods = periods_of(pieces)
    keys = [k for k, _ in order] + sorted((k for k in grouped if k not in dict(order)), key=lambda k: names[k])
    return [
        group_stats(
            key, names[key], grouped.get(key, []), network_ids=network_ids, supported_periods=periods, rounds=rounds
        )
        for key in keys
    ]


def for_viewer(stats: GroupStats, *, overseen: bool, minimum: int) -> GroupStats:
    """A group's figures as one viewer sees them: none worked out from fewer than `minimum` networks unless the
    viewer oversees them (the dashboards' rule, suppression.hide_small)."""

    def hide(figure: Figure) -> Figure:
        return hide_small(figure, overseen=overseen, minimum=minimum)

    return GroupStats(
        key=stats.key,
        name=stats.name,
        networks=hide(stats.networks),
        pieces=hide(stats.pieces),
        spent=hide(stats.spent),
        moved=hide(stats.moved),
        comparison=hide(stats.comparison),
        starts_on=stats.starts_on if overseen or stats.networks.sources >= minimum else None,
        ends_on=stats.ends_on if overseen or stats.networks.sources >= minimum else None,
    )
