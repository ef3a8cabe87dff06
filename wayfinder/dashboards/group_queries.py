"""Reads behind the regional and national dashboards: each group's roll-up and the charts' distributions, read and
worked out directly, with no row per network (queries.NetworkRow) and no cell per network and dimension.

These views show only groups (systems or regions), so they read only what rolling up needs: each group's networks,
PCNs and PCNs with every readiness item ticked, counted by the database, and the values of each network's latest
closed round on the framework and filters chosen, with its group and its change since the round before (stored with
the round's summary when no purpose or dates are chosen, else worked out from the latest two). A fixed number of
queries however many networks there are. What they build is exactly what
`queries.group_dashboard(queries.dashboard(...))` builds (tests/dashboards/test_group_queries.py compares them).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
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
    Within,
    choose_framework,
    closed_summaries,
    framework_dimensions,
    latest_two_summaries,
    parse_cells,
    support_counts,
)
from wayfinder.dashboards.summaries import HALVES, half_levels
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.models import Network

# How each group view names a network's group, from the network.
GROUP_FIELDS = {"system_id": "system_id", "region_id": "system__region_id"}

# A group's counts as the roll-up reads them: networks, PCNs, PCNs with every readiness item done.
GroupCounts = tuple[int, int, int]


def group_summary(
    lookups: Mapping[str, Any],
    filters: Filters,
    *,
    key: str,
    names: Sequence[tuple[int, str]],
    choices: list[tuple[int, str]],
    default: tuple[int, str] | None = None,
    today: date | None = None,
) -> GroupDashboard:
    """The networks `lookups` on Network choose (none for England, `{"system__region": region}` for a region; the
    caller has scoped them) rolled up into systems or regions by `key` ("system_id" or "region_id"), in the order of
    `names`, on the framework the filters chose, else on `default`, else on the first framework by name. Seven
    queries; eight when a network's round closes today and no purpose or dates are chosen (`_latest_linked`)."""
    today = today or timezone.localdate()
    scope = Within(lookups, filters.place_id)

    frameworks = list(choices)
    chosen, framework_ignored = choose_framework(frameworks, filters.framework_id, default)
    dimensions, levels, orders = framework_dimensions(chosen[0]) if chosen is not None else ([], [], {})
    group_field = GROUP_FIELDS[key]
    counts = _group_counts(scope.networks(), group_field)
    latest = (
        _latest_values(scope, chosen[0], filters, today, group_field, keys=[d.key for d in dimensions], orders=orders)
        if chosen is not None
        else []
    )
    totals, distributions = roll_up(
        counts, latest, dimensions=dimensions, positions=[p for p, _ in levels], names=names
    )
    priorities, requests = support_counts(scope, today)
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
        network_count=sum(size for size, _, _ in counts.values()),
        totals=totals,
        distributions=distributions if levels else [],
    )


def _group_counts(networks: QuerySet[Network], group_field: str) -> dict[int | None, GroupCounts]:
    """One query: each group's networks, PCNs and PCNs with every readiness item ticked (stored on the network by
    support.services, Network.readiness_done), counted by the database (None: the networks with no group)."""
    pcn = Q(is_pcn=True)
    return {
        group_id: (size, pcns, ready)
        for group_id, size, pcns, ready in networks.order_by()
        .values(group_field)
        .annotate(
            size=Count("pk"),
            pcns=Count("pk", filter=pcn),
            ready=Count("pk", filter=pcn & Q(readiness_done__gte=READINESS_TOTAL)),
        )
        .values_list(group_field, "size", "pcns", "ready")
    }


# A network's latest closed round on the framework as the roll-up reads it: its group's id, its value on each
# dimension shown, in halves of a level (summaries.half_levels; None where not rated), and its change since the closed
# round before it (None without one, or with no dimension rated in both). Listed in the order the system view lists
# the networks (by name, then id): each group's average change sums the changes in that order, as it always did.
Latest = tuple[int | None, list[float | None], float | None]


def _latest_values(
    scope: Within,
    framework_id: int,
    filters: Filters,
    today: date,
    group_field: str,
    *,
    keys: Sequence[str],
    orders: dict[int, list[str]],
) -> list[Latest]:
    """Each network's latest closed round on the framework matching the filters, with its group and change, lined up
    with the dimension `keys` shown, in the networks' order. With no purpose and no dates, one query reads each
    network's latest closed summary alone, with the change it stores (`_latest_linked`); otherwise the latest two of
    each network are read and compared (`_latest_two`)."""
    if filters.purpose or filters.closes_from or filters.closes_to:
        return list(_latest_two(scope.networks(), framework_id, filters, today, group_field, keys=keys).values())
    return _latest_linked(scope.on("network"), framework_id, today, group_field, keys=keys, orders=orders)


def _latest_two(
    networks: QuerySet[Network],
    framework_id: int,
    filters: Filters,
    today: date,
    group_field: str,
    *,
    keys: Sequence[str],
) -> dict[int, Latest]:
    """One query: each network's latest two closed rounds on the framework matching the filters, newest first, as
    their stored cells parsed (RoundSummary.cells: [values by dimension key, keys agreed]); the change between them
    worked out here. By network, in the networks' order."""
    rows = list(
        latest_two_summaries(networks.values("pk"), framework_id, filters, today)
        .order_by("network__name", "network_id", "-closed_on", "-round_id")
        .values_list("network_id", f"network__{group_field}", "cells")
    )
    groups: dict[int, int | None] = {}
    rounds: dict[int, list[dict[str, Any]]] = {}
    for (network_id, group_id, _), stored in zip(rows, parse_cells([text for _, _, text in rows]), strict=True):
        if network_id not in rounds:
            groups[network_id] = group_id
            rounds[network_id] = []
        rounds[network_id].append(stored[0])
    return {
        network_id: (
            groups[network_id],
            [half_levels(values[0].get(key)) for key in keys],
            chain.change_between(values[0], values[1]) if len(values) > 1 else None,
        )
        for network_id, values in rounds.items()
    }


def _latest_linked(
    scope: Q,
    framework_id: int,
    today: date,
    group_field: str,
    *,
    keys: Sequence[str],
    orders: dict[int, list[str]],
) -> list[Latest]:
    """One query (two when a network's summaries close today): each network's latest closed summary on the
    framework, its values in its version's order (RoundSummary.ordered_values) and the change it stores
    (RoundSummary.change, kept by summaries.rebuild), read from the summary_latest index with its network (`scope`,
    the view's networks as seen from a summary; the network's name for the order, its group).

    In the order (closed_on, round_id) the closed summaries are those before today, then those closing today that
    closed early; later ones are open (a summary closed early is dated the day it closed). So a closed summary whose
    successor closes after today, or which has none, is its network's latest, and its predecessor closed before it.
    Where a network's candidate closes today, or its successor does (`edge`), which of today's summaries closed
    early decides: those networks are read again the exact way (`_latest_two`), and take their place in the order
    where they first came; usually there are none."""
    rows = list(
        closed_summaries(today)
        .filter(scope, framework_id=framework_id)
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
        .order_by("network__name", "network_id")
        .values_list("network_id", f"network__{group_field}", "version_id", "change", "ordered_values", "edge")
    )
    if any(map(itemgetter(5), rows)):
        return _with_edges(rows, framework_id, today, group_field, keys=keys, orders=orders)
    return _lined_up(rows, keys=keys, orders=orders)


# A row of _latest_linked: network id, group id, version id, change, values (text), edge.
LinkedRow = tuple[int, int | None, int, float | None, str, str]


def _lined_up(rows: Sequence[LinkedRow], *, keys: Sequence[str], orders: dict[int, list[str]]) -> list[Latest]:
    """The rows' values parsed in one go and lined up with the dimension `keys` shown, once per version."""
    parsed: list[list[float | None]] = json.loads("[" + ",".join([row[4] for row in rows]) + "]")
    lined_up: dict[int, list[int | None] | None] = {}
    latest: list[Latest] = []
    for (_, group_id, version_id, change, _, _), values in zip(rows, parsed, strict=True):
        if version_id not in lined_up:
            lined_up[version_id] = line_up(orders.get(version_id, []), keys)
        where = lined_up[version_id]
        if where is None:
            latest.append((group_id, values, change))
        else:
            latest.append((group_id, [None if i is None else values[i] for i in where], change))
    return latest


def _with_edges(
    rows: Sequence[LinkedRow],
    framework_id: int,
    today: date,
    group_field: str,
    *,
    keys: Sequence[str],
    orders: dict[int, list[str]],
) -> list[Latest]:
    """`_latest_linked`'s answer when some networks' rounds close today: theirs read again the exact way, in one more
    query, each in the place its network first came in the order."""
    ambiguous = {row[0] for row in rows if row[5]}
    exact = _latest_two(
        Network.objects.filter(pk__in=sorted(ambiguous)), framework_id, Filters(), today, group_field, keys=keys
    )
    clear = [row for row in rows if row[0] not in ambiguous]
    lined_up = iter(_lined_up(clear, keys=keys, orders=orders))
    latest: list[Latest] = []
    for network_id, *_ in rows:
        if network_id not in ambiguous:
            latest.append(next(lined_up))
        elif network_id in exact:
            latest.append(exact.pop(network_id))
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
    counts: dict[int | None, GroupCounts],
    latest: Sequence[Latest],
    *,
    dimensions: Sequence[DimensionInfo],
    positions: Sequence[int],
    names: Sequence[tuple[int, str]],
) -> tuple[list[GroupTotals], list[DimensionDistribution]]:
    """Each group's figures (suppression.roll_up_counted) and how every assessed network spreads over the levels of
    each dimension, from each group's counts and each assessed network's latest round (`latest`: its group, its value
    on each dimension in halves of a level, and its change), in the order the system view lists the networks.

    A network's level on a dimension is its latest round's value there (None where not rated); its change is the
    average, rounded to two places, of the changes on the dimensions rated in both of its latest two rounds, as the
    system view shows it (chain.change_between). Each group's changes are averaged in the order of `latest` (by
    name), as the system view's rows are; a network not assessed adds nothing to the averages, so only the assessed
    are listed. One pass over the networks, then the work is per group and per dimension."""
    levels: dict[int, list[list[float | None]]] = defaultdict(list)
    changes: dict[int, list[float]] = defaultdict(list)
    for group_id, values, change in latest:
        if group_id is None:
            continue
        levels[group_id].append(values)
        if change is not None:
            changes[group_id].append(change)
    assessed_levels = [values for _, values, _ in latest]
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
