"""Reads behind the regional and national dashboards: each group's roll-up and the charts' distributions, read and
worked out directly, with no row per network (queries.NetworkRow) and no cell per network and dimension.

These views show only groups (systems or regions), so they read only what rolling up needs: each network's group,
whether it is a PCN and how many readiness items it has ticked, and the values of its latest closed round on the
framework and filters chosen with its change since the round before (stored with the round's summary when no
purpose or dates are chosen, else worked out from the latest two). A fixed number of queries however many networks
there are. What they build is exactly what `queries.group_dashboard(queries.dashboard(...))` builds
(tests/dashboards/test_group_queries.py compares them).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils import timezone

from wayfinder.core import suppression
from wayfinder.dashboards import chain
from wayfinder.dashboards.queries import (
    READINESS_TOTAL,
    DimensionDistribution,
    DimensionInfo,
    DomainNeed,
    Filters,
    GroupDashboard,
    GroupTotals,
    choose_framework,
    closed_summaries,
    framework_dimensions,
    latest_two_summaries,
    parse_cells,
    scoped_networks,
    support_counts,
)
from wayfinder.dashboards.summaries import HALVES, half_levels
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.models import Network

# How each group view names a network's group in the networks query.
GROUP_FIELDS = {"system_id": "system_id", "region_id": "system__region_id"}

# A network as the roll-up reads it: id, its group's id, is a PCN, readiness items done.
GroupNetworkValues = tuple[int, int | None, bool, int]


def group_summary(
    base: QuerySet[Network],
    filters: Filters,
    *,
    key: str,
    names: Sequence[tuple[int, str]],
    choices: list[tuple[int, str]],
    default: tuple[int, str] | None = None,
    today: date | None = None,
) -> GroupDashboard:
    """The networks in `base` (already scoped by the caller) rolled up into systems or regions by `key`
    ("system_id" or "region_id"), in the order of `names`, on the framework the filters chose, else on `default`,
    else on the first framework by name. Seven queries; eight when a network's round closes today and no purpose or
    dates are chosen (`_latest_linked`)."""
    today = today or timezone.localdate()
    networks = scoped_networks(base)
    if filters.place_id is not None:
        networks = networks.filter(place_id=filters.place_id)
    network_ids = networks.values("pk")
    frameworks = list(choices)
    chosen, framework_ignored = choose_framework(frameworks, filters.framework_id, default)
    dimensions, levels, orders = framework_dimensions(chosen[0]) if chosen is not None else ([], [], {})
    members = _group_networks(networks, GROUP_FIELDS[key])
    latest = (
        _latest_values(network_ids, chosen[0], filters, today, keys=[d.key for d in dimensions], orders=orders)
        if chosen is not None
        else {}
    )
    totals, distributions = roll_up(
        members, latest, dimensions=dimensions, positions=[p for p, _ in levels], names=names
    )
    priorities, requests = support_counts(networks, today, row_by_row=True)
    return GroupDashboard(
        frameworks=frameworks,
        framework=chosen,
        dimensions=dimensions,
        levels=levels,
        needs=[
            DomainNeed(domain, name, priorities.get(domain, 0), requests.get(domain, 0))
            for domain, name in SupportDomain.objects.order_by("position").values_list("key", "name")
        ],
        framework_ignored=framework_ignored,
        network_count=len(members),
        totals=totals,
        distributions=distributions if levels else [],
    )


def _group_networks(networks: QuerySet[Network], group_field: str) -> list[GroupNetworkValues]:
    """One query: each network's group, whether it is a PCN and its readiness items ticked (stored on the network by
    support.services, Network.readiness_done), in the order the system view lists them (by name): the average change
    is summed in that order, as it always was."""
    return list(networks.order_by("name", "pk").values_list("pk", group_field, "is_pcn", "readiness_done"))


# A network's latest closed round on the framework as the roll-up reads it: its value on each dimension shown, in
# halves of a level (summaries.half_levels; None where not rated), and its change since the closed round before it
# (None without one, or with no dimension rated in both).
Latest = tuple[list[float | None], float | None]


def _latest_values(
    network_ids: QuerySet[Network, Any],
    framework_id: int,
    filters: Filters,
    today: date,
    *,
    keys: Sequence[str],
    orders: dict[int, list[str]],
) -> dict[int, Latest]:
    """Each network's latest closed round on the framework matching the filters, with its change, lined up with the
    dimension `keys` shown. With no purpose and no dates, one query reads each network's latest closed summary alone,
    with the change it stores (`_latest_linked`); otherwise the latest two of each network are read and compared
    (`_latest_two`)."""
    if filters.purpose or filters.closes_from or filters.closes_to:
        return _latest_two(network_ids, framework_id, filters, today, keys=keys)
    return _latest_linked(network_ids, framework_id, today, keys=keys, orders=orders)


def _latest_two(
    network_ids: QuerySet[Network, Any], framework_id: int, filters: Filters, today: date, *, keys: Sequence[str]
) -> dict[int, Latest]:
    """One query: each network's latest two closed rounds on the framework matching the filters, newest first, as
    their stored cells parsed (RoundSummary.cells: [values by dimension key, keys agreed]); the change between them
    worked out here."""
    rows = list(latest_two_summaries(network_ids, framework_id, filters, today).values_list("network_id", "cells"))
    rounds: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (network_id, _), stored in zip(rows, parse_cells([text for _, text in rows]), strict=True):
        rounds[network_id].append(stored[0])
    return {
        network_id: (
            [half_levels(values[0].get(key)) for key in keys],
            chain.change_between(values[0], values[1]) if len(values) > 1 else None,
        )
        for network_id, values in rounds.items()
    }


def _latest_linked(
    network_ids: QuerySet[Network, Any],
    framework_id: int,
    today: date,
    *,
    keys: Sequence[str],
    orders: dict[int, list[str]],
) -> dict[int, Latest]:
    """One query (two when a network's summaries close today): each network's latest closed summary on the
    framework, its values in its version's order (RoundSummary.ordered_values) and the change it stores
    (RoundSummary.change, kept by summaries.rebuild), read from the summary_latest index alone.

    In the order (closed_on, round_id) the closed summaries are those before today, then those closing today that
    closed early; later ones are open (a summary closed early is dated the day it closed). So a closed summary whose
    successor closes after today, or which has none, is its network's latest, and its predecessor closed before it.
    Where a network's candidate closes today, or its successor does (`edge`), which of today's summaries closed
    early decides: those networks are read again the exact way (`_latest_two`); usually there are none."""
    rows = list(
        closed_summaries(today)
        .filter(network_id__in=network_ids, framework_id=framework_id)
        .filter(Q(next_closed_on__isnull=True) | Q(next_closed_on__gte=today))
        .annotate(
            # Text ("today" or ""), not the two dates, a boolean or a number: Django converts each value of those
            # it reads back (on SQLite, dates and booleans; numbers worked out in SQL on every database), thousands
            # of times here, and text as it comes.
            edge=Case(
                When(Q(closed_on=today) | Q(next_closed_on=today), then=Value("today")),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .order_by()
        .values_list("network_id", "version_id", "change", "ordered_values", "edge")
    )
    ambiguous = {row[0] for row in rows if row[4]}
    clear = [row for row in rows if not row[4]] if ambiguous else rows
    parsed: list[list[float | None]] = json.loads("[" + ",".join([row[3] for row in clear]) + "]")
    lined_up: dict[int, list[int | None] | None] = {}
    latest: dict[int, Latest] = {}
    for (network_id, version_id, change, _, _), values in zip(clear, parsed, strict=True):
        if version_id not in lined_up:
            lined_up[version_id] = line_up(orders.get(version_id, []), keys)
        where = lined_up[version_id]
        if where is None:
            latest[network_id] = (values, change)
        else:
            latest[network_id] = ([None if i is None else values[i] for i in where], change)
    if ambiguous:
        latest.update(
            _latest_two(network_ids.filter(pk__in=sorted(ambiguous)), framework_id, Filters(), today, keys=keys)
        )
    return latest


def line_up(version_keys: Sequence[str], keys: Sequence[str]) -> list[int | None] | None:
    """Where each of the dimension `keys` shown is in a version's values (RoundSummary.ordered_values, in the order
    of `version_keys`), None where the version has no such dimension; None when they are already in that order."""
    if list(version_keys) == list(keys):
        return None
    where = {key: index for index, key in enumerate(version_keys)}
    return [where.get(key) for key in keys]


# Rolling up from plain values: no database from here on. ------------------------------------------------------


def roll_up(
    members: Sequence[GroupNetworkValues],
    latest: dict[int, Latest],
    *,
    dimensions: Sequence[DimensionInfo],
    positions: Sequence[int],
    names: Sequence[tuple[int, str]],
) -> tuple[list[GroupTotals], list[DimensionDistribution]]:
    """Each group's figures (suppression.roll_up_counted) and how every assessed network spreads over the levels of
    each dimension, from each network's latest round (`latest`: its value on each dimension in halves of a level, and
    its change).

    A network's level on a dimension is its latest round's value there (None where not rated); its change is the
    average, rounded to two places, of the changes on the dimensions rated in both of its latest two rounds, as the
    system view shows it (chain.change_between). Each group's changes are averaged in the order of `members` (by
    name), as the system view's rows are; a network not assessed adds nothing to the averages, so only the assessed
    are collected. One pass over the networks, then the work is per group and per dimension."""
    levels: dict[int, list[list[float | None]]] = defaultdict(list)
    changes: dict[int, list[float]] = defaultdict(list)
    # Per group: networks, PCNs, PCNs with the readiness checklist done.
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    assessed_levels: list[list[float | None]] = []
    for pk, group_id, is_pcn, done in members:
        found = latest.get(pk)
        if found is not None:
            assessed_levels.append(found[0])
        if group_id is None:
            continue
        counted = counts[group_id]
        counted[0] += 1
        if is_pcn:
            counted[1] += 1
            if done >= READINESS_TOTAL:
                counted[2] += 1
        if found is not None:
            levels[group_id].append(found[0])
            if found[1] is not None:
                changes[group_id].append(found[1])
    totals = []
    for group_id, name in names:
        size, pcns, ready = counts.get(group_id, (0, 0, 0))
        assessed = levels.get(group_id, [])
        figures = suppression.roll_up_counted(
            assessed,
            changes.get(group_id, []),
            dimensions=len(dimensions),
            size=size,
            assessed=len(assessed),
            pcns=pcns,
            ready=ready,
            scale=HALVES,
        )
        totals.append(GroupTotals(id=group_id, name=name, figures=figures))
    columns = list(zip(*assessed_levels, strict=True)) if assessed_levels else [()] * len(dimensions)
    distributions = []
    for dimension, column in zip(dimensions, columns, strict=True):
        bands: Counter[int] = Counter()
        for value, n in Counter(column).items():
            if value is not None:
                bands[int(value / HALVES)] += n
        distributions.append(DimensionDistribution(dimension, tuple(bands.get(p, 0) for p in positions)))
    return totals, distributions
