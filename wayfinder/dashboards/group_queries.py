"""Reads behind the regional and national dashboards: each group's roll-up and the charts' distributions, read and
worked out directly, with no row per network (queries.NetworkRow) and no cell per network and dimension.

These views show only groups (systems or regions), so they read only what rolling up needs: each network's group,
whether it is a PCN and how many readiness items it has ticked, and the values of its latest two closed rounds on the
framework and filters chosen. A fixed number of queries however many networks there are. What they build is exactly
what `queries.group_dashboard(queries.dashboard(...))` builds (tests/dashboards/test_group_queries.py compares them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from wayfinder.core import suppression
from wayfinder.dashboards.queries import (
    READINESS_TOTAL,
    DimensionDistribution,
    DimensionInfo,
    DomainNeed,
    Filters,
    GroupDashboard,
    GroupTotals,
    choose_framework,
    dimensions_and_levels,
    latest_two_summaries,
    parse_cells,
    scoped_networks,
    support_counts,
    with_readiness_done,
)
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.models import Network
from wayfinder.plans.models import Plan

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
    else on the first framework by name. Seven queries."""
    today = today or timezone.localdate()
    networks = scoped_networks(base)
    if filters.place_id is not None:
        networks = networks.filter(place_id=filters.place_id)
    network_ids = networks.values("pk")
    frameworks = list(choices)
    chosen, framework_ignored = choose_framework(frameworks, filters.framework_id, default)
    dimensions, levels = dimensions_and_levels(chosen[0]) if chosen is not None else ([], [])
    members = _group_networks(networks, GROUP_FIELDS[key])
    latest = _latest_values(network_ids, chosen[0], filters, today) if chosen is not None else {}
    totals, distributions = roll_up(
        members, latest, dimensions=dimensions, positions=[p for p, _ in levels], names=names
    )
    current_plans = Plan.objects.filter(network_id__in=network_ids, starts_on__lte=today, ends_on__gte=today)
    priorities, requests = support_counts(network_ids, current_plans)
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
    """One query: each network's group, whether it is a PCN and its readiness items ticked, in the order the
    system view lists them (by name): the average change is summed in that order, as it always was."""
    return list(with_readiness_done(networks).order_by("name", "pk").values_list("pk", group_field, "is_pcn", "done"))


def _latest_values(
    network_ids: QuerySet[Network, Any], framework_id: int, filters: Filters, today: date
) -> dict[int, list[Any]]:
    """One query: each network's latest two closed rounds on the framework matching the filters, newest first, as
    their stored cells parsed (RoundSummary.cells: [values by dimension key, keys agreed])."""
    rows = list(latest_two_summaries(network_ids, framework_id, filters, today).values_list("network_id", "cells"))
    rounds: dict[int, list[Any]] = defaultdict(list)
    for (network_id, _), stored in zip(rows, parse_cells([text for _, text in rows]), strict=True):
        rounds[network_id].append(stored[0])
    return rounds


# Rolling up from plain values: no database from here on. ------------------------------------------------------


def roll_up(
    members: Sequence[GroupNetworkValues],
    latest: dict[int, list[dict[str, Any]]],
    *,
    dimensions: Sequence[DimensionInfo],
    positions: Sequence[int],
    names: Sequence[tuple[int, str]],
) -> tuple[list[GroupTotals], list[DimensionDistribution]]:
    """Each group's figures (suppression.roll_up) and how every assessed network spreads over the levels of each
    dimension, from each network's values in its latest rounds (`latest`: values by dimension key, newest first).

    A network's level on a dimension is its latest round's value there (None where not rated); its change is the
    average, rounded to two places, of the changes on the dimensions rated in both of its latest two rounds, as the
    system view shows it."""
    keys = [d.key for d in dimensions]
    not_rated: tuple[float | None, ...] = (None,) * len(keys)
    facts: dict[int, list[suppression.NetworkFacts]] = defaultdict(list)
    assessed_levels: list[tuple[float | None, ...]] = []
    for pk, group_id, is_pcn, done in members:
        rounds = latest.get(pk)
        if rounds:
            values = rounds[0]
            levels = tuple([values.get(k) for k in keys])
            assessed_levels.append(levels)
            change = None
            if len(rounds) > 1:
                before = rounds[1]
                changes = [
                    now - then
                    for now, then in ((values.get(k), before.get(k)) for k in keys)
                    if now is not None and then is not None
                ]
                change = round(sum(changes) / len(changes), 2) if changes else None
        else:
            levels, change = not_rated, None
        if group_id is not None:
            facts[group_id].append(
                suppression.NetworkFacts(
                    assessed=bool(rounds),
                    levels=levels,
                    change=change,
                    is_pcn=is_pcn,
                    ready=is_pcn and done >= READINESS_TOTAL,
                )
            )
    totals = [
        GroupTotals(id=group_id, name=name, figures=suppression.roll_up(facts.get(group_id, []), len(keys)))
        for group_id, name in names
    ]
    distributions = []
    for index, dimension in enumerate(dimensions):
        counts = Counter(int(v) for v in (levels[index] for levels in assessed_levels) if v is not None)
        distributions.append(DimensionDistribution(dimension, tuple(counts.get(p, 0) for p in positions)))
    return totals, distributions
