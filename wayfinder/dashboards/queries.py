"""Reads behind the system, regional and national dashboards: a fixed number of queries however many networks,
rounds and ratings there are. Levels come from the round summaries (summaries.py), never from ratings.
The system view's dashboard is worked out per network here; the regional and national views roll up without
a row per network (group_queries.py). Views cache the result (caching.py)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from wayfinder.core import suppression
from wayfinder.core.suppression import Figure, GroupFigures
from wayfinder.dashboards.models import RoundSummary, SystemDashboardSetting
from wayfinder.dashboards.permissions import DASHBOARD_MINIMUM_GROUP
from wayfinder.frameworks.models import Dimension, Framework, Level, SupportDomain, VersionStatus
from wayfinder.networks.models import Network, Place, Privacy, Region, System
from wayfinder.plans.models import Plan, Priority
from wayfinder.support.content import READINESS_ITEMS
from wayfinder.support.models import RequestStatus, SupportRequest
from wayfinder.support.queries import readiness_done_counted

READINESS_TOTAL = len(READINESS_ITEMS)
# The built-in framework every dashboard shows first unless a system's leads chose another.
DEFAULT_FRAMEWORK_SLUG = "pcn-maturity-matrix"


@dataclass(frozen=True)
class Filters:
    """What the person chose in the filter form; None means "any"."""

    framework_id: int | None = None
    purpose: str | None = None
    closes_from: date | None = None
    closes_to: date | None = None
    place_id: int | None = None


@dataclass(frozen=True)
class DimensionInfo:
    key: str
    number: int
    name: str


class Cell(NamedTuple):
    """One network's level on one dimension: agreed in consensus, or else the median of its ratings. A named
    tuple: a national dashboard makes tens of thousands of them, and a frozen dataclass is several times slower
    to build."""

    value: float | None
    agreed: bool = False

    @property
    def band(self) -> int | None:
        """The whole level the value sits in (a median of 2.5 counts as level 2: the lower, as consensus does)."""
        return None if self.value is None else int(self.value)


NOT_RATED = Cell(None)


@dataclass
class NetworkRow:
    id: int
    name: str
    slug: str
    is_pcn: bool
    system_id: int | None
    system_name: str
    region_id: int | None
    region_name: str
    place_name: str
    readiness_done: int
    latest_round_id: int | None = None
    last_assessed: date | None = None
    previous_round_id: int | None = None
    has_current_plan: bool = False
    cells: list[Cell] = field(default_factory=list)
    previous: list[Cell] = field(default_factory=list)

    @property
    def assessed(self) -> bool:
        return self.latest_round_id is not None

    @property
    def changes(self) -> list[float]:
        """Change on each dimension rated in both the latest and the previous round."""
        return [
            now.value - then.value
            for now, then in zip(self.cells, self.previous, strict=False)
            if now.value is not None and then.value is not None
        ]

    @property
    def dimensions_up(self) -> int:
        return sum(1 for change in self.changes if change > 0)

    @property
    def dimensions_down(self) -> int:
        return sum(1 for change in self.changes if change < 0)

    @property
    def average_change(self) -> float | None:
        changes = self.changes
        return round(sum(changes) / len(changes), 2) if changes else None


@dataclass(frozen=True)
class GroupTotals:
    """A system's or region's figures, the same for every viewer, each with how many networks it is worked out
    from: what may be shown is decided per viewer (suppression.for_viewer)."""

    id: int
    name: str
    figures: GroupFigures


@dataclass(frozen=True)
class GroupRow:
    """A system's row on the regional dashboard, or a region's on the national one, as one viewer sees it: a figure
    worked out from fewer than the minimum networks is hidden unless the viewer oversees the group."""

    id: int
    name: str
    figures: GroupFigures
    may_open: bool

    @property
    def suppressed(self) -> bool:
        """The whole row shows nothing: the group itself has fewer than the minimum networks."""
        return self.figures.networks.hidden

    @property
    def cells(self) -> list[Cell | None]:
        """Each dimension's average as a heatmap cell; None where it is hidden from this viewer."""
        return [None if f.hidden else Cell(f.value) for f in self.figures.averages]


@dataclass(frozen=True)
class DomainNeed:
    key: str
    name: str
    priorities: int
    requests: int

    @property
    def total(self) -> int:
        return self.priorities + self.requests


@dataclass(frozen=True)
class DimensionDistribution:
    dimension: DimensionInfo
    counts: tuple[int, ...]

    @property
    def figure(self) -> Figure:
        """The counts, worked out from every network with a level on this dimension."""
        return Figure(self.counts, sum(self.counts))


@dataclass
class Dashboard:
    frameworks: list[tuple[int, str]]
    framework: tuple[int, str] | None
    dimensions: list[DimensionInfo]
    levels: list[tuple[int, str]]
    networks: list[NetworkRow]
    needs: list[DomainNeed]
    framework_ignored: bool = False
    # distribution() over every network assessed, once asked for.
    assessed_distribution: list[DimensionDistribution] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def max_level(self) -> int:
        return max((position for position, _ in self.levels), default=0)

    @property
    def assessed(self) -> list[NetworkRow]:
        return [row for row in self.networks if row.assessed]

    @property
    def pcns(self) -> list[NetworkRow]:
        return [row for row in self.networks if row.is_pcn]

    def distribution(self, rows: Sequence[NetworkRow] | None = None) -> list[DimensionDistribution]:
        """How many networks sit at each level on each dimension, in the order of `levels`. Over every network
        assessed unless `rows` says which, worked out once: the roll-up and the charts both ask."""
        if rows is None:
            if self.assessed_distribution is None:
                self.assessed_distribution = self.distribution(self.assessed)
            return self.assessed_distribution
        positions = [p for p, _ in self.levels]
        return [
            DimensionDistribution(
                dimension, suppression.level_counts([row.cells[index].value for row in rows], positions).value
            )
            for index, dimension in enumerate(self.dimensions)
        ]

    @property
    def moved(self) -> list[NetworkRow]:
        return [row for row in self.assessed if row.previous_round_id is not None]


# A network as the dashboard reads it: id, name, slug, is a PCN, system id, system name, region id, region name,
# place name, readiness items done.
NetworkValues = tuple[int, str, str, bool, int | None, str | None, int | None, str | None, str | None, int]
# A round's levels as RoundSummary.levels holds them: {dimension key: {"value": ..., "agreed": ..., ...}}.
Levels = dict[str, dict[str, Any]]
# What the dashboards read of them, as RoundSummary.cells holds them (parsed): [each dimension's value by key, the
# keys whose level was agreed in consensus]. Values are floats (or None).
StoredCells = list[Any]
# A closed round's summary: network id, round id, the day it closed, its levels (either form).
SummaryValues = tuple[int, int, date, Levels | StoredCells]


@dataclass(frozen=True)
class DashboardFacts:
    """What a dashboard is built from, as read from the database: plain values only."""

    frameworks: Sequence[tuple[int, str]]
    framework: tuple[int, str] | None
    framework_ignored: bool
    dimensions: Sequence[DimensionInfo]
    levels: Sequence[tuple[int, str]]
    networks: Sequence[NetworkValues]
    # Each network's latest two summaries on the framework, newest first.
    summaries: Sequence[SummaryValues]
    # The networks with a plan running today.
    planned: set[int]
    # Priorities of running plans and open support requests, by support domain key.
    priorities: dict[str, int]
    requests: dict[str, int]
    # Every support domain, key and name, in order.
    domains: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Within:
    """The networks a rolled-up view covers: `lookups` on Network (none for England, the region for a region's view)
    and the place chosen, if any; never a confidential one. The rows read with them (summaries, priorities, support
    requests) are filtered through their join to their own network (`on`), one row at a time, rather than by first
    listing every network of the scope (`network_id IN (...)`) or asking a subquery per row (EXISTS); such a query is
    quicker for Django to build too."""

    lookups: Mapping[str, Any] = field(default_factory=dict)
    place_id: int | None = None

    def on(self, path: str = "") -> Q:
        """The condition on the network at `path` from the model read ("network" from a summary or a support
        request, "plan__network" from a priority; "" for the network itself)."""
        prefix = f"{path}__" if path else ""
        condition = Q(**{prefix + name: value for name, value in self.lookups.items()})
        if self.place_id is not None:
            condition &= Q(**{f"{prefix}place_id": self.place_id})
        return condition & ~Q(**{f"{prefix}privacy": Privacy.CONFIDENTIAL})

    def networks(self) -> QuerySet[Network]:
        return Network.objects.filter(self.on())


def scoped_networks(base: QuerySet[Network]) -> QuerySet[Network]:
    """Confidential networks never appear on a dashboard, for anyone."""
    return base.exclude(privacy=Privacy.CONFIDENTIAL)


def places_of(system: System) -> list[tuple[int, str]]:
    """The system's places, (id, name), to filter its dashboard by."""
    return list(Place.objects.filter(system=system).values_list("pk", "name"))


def systems_of(region: Region) -> list[tuple[int, str]]:
    """The region's systems, (id, name), by name: the rows of its dashboard."""
    return list(System.objects.filter(region=region).order_by("name").values_list("pk", "name"))


def regions() -> list[tuple[int, str]]:
    """Every region, (id, name), by name: the rows of the national dashboard."""
    return list(Region.objects.order_by("name").values_list("pk", "name"))


def closed_summaries(today: date) -> QuerySet[RoundSummary]:
    """Summaries of rounds that have closed by `today`: closed early, or past their closing date. Decided when the
    dashboard is read (its cache keys hold the day), so a round whose closing date passes counts from the next day
    without anything being written."""
    return RoundSummary.objects.filter(Q(closed_early=True) | Q(closed_on__lt=today))


def framework_choices(base: QuerySet[Network] | Within, today: date) -> list[tuple[int, str]]:
    """Frameworks the networks' closed rounds used, (id, name), by name. One EXISTS per framework, which stops at the
    first such round (summary_by_network leads with the framework), rather than counting every round of England. A
    system's few networks (`base`) are asked of each round by a subquery; a region's or England's (`Within`) through
    the round's join to its network."""
    used = closed_summaries(today).filter(framework_id=OuterRef("pk"))
    if isinstance(base, Within):
        used = used.filter(base.on("network"))
    else:
        used = used.filter(_among(scoped_networks(base), "network_id"))
    return list(Framework.objects.filter(Exists(used)).order_by("name", "pk").values_list("pk", "name"))


def _among(networks: QuerySet[Network], field: str) -> Exists:
    """Rows whose network (`field`) is one of `networks`, asked row by row (EXISTS), where `field__in=<networks>`
    first lists every one of the networks: cheaper when the rows are fewer than the networks."""
    return Exists(networks.filter(pk=OuterRef(field)))


def default_framework(system_id: int | None = None) -> tuple[int, str] | None:
    """The framework a dashboard shows unless the filters choose another: the one the system's leads chose for a
    system's view, else the PCN Maturity Matrix (the regional and national views always start there). Fixed, so
    what people see first does not change as rounds on other frameworks come in. One or two queries."""
    if system_id is not None:
        chosen = (
            SystemDashboardSetting.objects.filter(system_id=system_id)
            .values_list("framework_id", "framework__name")
            .first()
        )
        if chosen is not None:
            return chosen
    return Framework.objects.filter(slug=DEFAULT_FRAMEWORK_SLUG).values_list("pk", "name").first()


def frameworks_for_system(system: System) -> QuerySet[Framework]:
    """Frameworks a system's dashboard may show by default: published ones, national or the system's own."""
    return (
        Framework.objects.filter(Q(owner_system__isnull=True) | Q(owner_system=system))
        .filter(versions__status=VersionStatus.PUBLISHED)
        .distinct()
        .order_by("name")
    )


def dashboard_framework_of(system: System) -> int | None:
    """The framework the system's leads chose for its dashboard, if they chose one."""
    return SystemDashboardSetting.objects.filter(system=system).values_list("framework_id", flat=True).first()


def with_default(choices: list[tuple[int, str]], default: tuple[int, str] | None) -> list[tuple[int, str]]:
    """The frameworks to choose from: those the closed rounds used, and the default even before any round used it."""
    if default is None or any(pk == default[0] for pk, _ in choices):
        return choices
    return sorted([*choices, default], key=lambda c: (c[1], c[0]))


def _dimensions_and_levels(framework_id: int) -> tuple[list[DimensionInfo], list[tuple[int, str]]]:
    """The framework's dimensions by stable key, named as in its newest version; its levels likewise."""
    dimensions, levels, _ = framework_dimensions(framework_id)
    return dimensions, levels


def framework_dimensions(
    framework_id: int,
) -> tuple[list[DimensionInfo], list[tuple[int, str]], dict[int, list[str]]]:
    """The framework's dimensions by stable key, named as in its newest version; its levels likewise; and each
    version's dimension keys in order (by position), which is the order of RoundSummary.ordered_values. Two
    queries."""
    seen: dict[str, DimensionInfo] = {}
    orders: dict[int, list[str]] = defaultdict(list)
    for version_id, key, position, name in (
        Dimension.objects.filter(version__framework_id=framework_id)
        .order_by("-version__number", "position")
        .values_list("version_id", "key", "position", "name")
    ):
        orders[version_id].append(key)
        if key not in seen:
            seen[key] = DimensionInfo(key, position, name)
    levels: dict[int, str] = {}
    for lv in (
        Level.objects.filter(version__framework_id=framework_id)
        .order_by("-version__number", "position")
        .values("position", "name")
    ):
        levels.setdefault(lv["position"], lv["name"])
    return sorted(seen.values(), key=lambda d: d.number), sorted(levels.items()), dict(orders)


# Shared with support_queries (the "support and progress" views name dimensions the same way).
dimensions_and_levels = _dimensions_and_levels


def parse_cells(texts: Sequence[str]) -> list[StoredCells]:
    """Summaries' cells (RoundSummary.cells, JSON text) parsed in one go: one parse of the joined text costs a
    fraction of one parse per row, thousands of times."""
    return json.loads("[" + ",".join(texts) + "]") if texts else []


_ABSENT = object()


def _cells(
    stored: Levels | StoredCells, dimensions: Sequence[DimensionInfo], made: dict[tuple[Any, bool], Cell]
) -> list[Cell]:
    """A round's cell on each dimension, NOT_RATED where it has no level. Equal cells are one object (`made` holds
    those made so far): a national dashboard needs tens of thousands of them, and few distinct ones, and every one
    kept alive brings the garbage collector round sooner."""
    if isinstance(stored, dict):
        values = {key: level["value"] for key, level in stored.items()}
        agreed: Sequence[str] | set[str] = {key for key, level in stored.items() if level["agreed"]}
    else:
        values, agreed = stored
    cells = []
    for d in dimensions:
        value = values.get(d.key, _ABSENT)
        if value is _ABSENT:
            cells.append(NOT_RATED)
            continue
        pair = (value, d.key in agreed)
        cell = made.get(pair)
        if cell is None:
            # Positional: a named tuple built with keywords costs noticeably more.
            cell = made[pair] = Cell(*pair)
        cells.append(cell)
    return cells


def dashboard(
    base: QuerySet[Network],
    filters: Filters,
    *,
    choices: list[tuple[int, str]],
    default: tuple[int, str] | None = None,
    today: date | None = None,
) -> Dashboard:
    """Everything a dashboard shows for the networks in `base` (already scoped by the caller), on the framework the
    filters chose, else on `default` (default_framework), else on the first framework by name."""
    return build_dashboard(dashboard_facts(base, filters, choices=choices, default=default, today=today))


def dashboard_facts(
    base: QuerySet[Network],
    filters: Filters,
    *,
    choices: list[tuple[int, str]],
    default: tuple[int, str] | None = None,
    today: date | None = None,
) -> DashboardFacts:
    """The plain values a dashboard is built from, in a fixed number of aggregation queries."""
    today = today or timezone.localdate()
    networks = scoped_networks(base)
    if filters.place_id is not None:
        networks = networks.filter(place_id=filters.place_id)
    network_ids = networks.values("pk")
    frameworks = list(choices)
    chosen, framework_ignored = choose_framework(frameworks, filters.framework_id, default)
    dimensions, levels = _dimensions_and_levels(chosen[0]) if chosen is not None else ([], [])
    current_plans = Plan.objects.filter(network_id__in=network_ids, starts_on__lte=today, ends_on__gte=today)
    priorities, requests = support_counts(networks, today)
    return DashboardFacts(
        frameworks=frameworks,
        framework=chosen,
        framework_ignored=framework_ignored,
        dimensions=dimensions,
        levels=levels,
        networks=_network_rows(networks),
        summaries=_latest_summaries(network_ids, chosen[0], filters, today) if chosen is not None else [],
        planned=set(current_plans.order_by().values_list("network_id", flat=True).distinct()),
        priorities=priorities,
        requests=requests,
        domains=list(SupportDomain.objects.order_by("position").values_list("key", "name")),
    )


def support_counts(networks: QuerySet[Network] | Within, today: date) -> tuple[dict[str, int], dict[str, int]]:
    """Two queries: the priorities of the networks' plans running `today` and the networks' support requests not
    declined, counted by support domain key. `networks` is a system's networks, listed first and their rows found by
    index (a system has few), or a region's or England's many (`Within`), each priority and request judged by its own
    network through its join."""

    def among(path: str) -> Q:
        if isinstance(networks, Within):
            return networks.on(path)
        return Q(**{f"{path}__in": networks.values("pk")})

    # The priority's support domain column holds the domain's key (the foreign key points at `key`). Grouped by the
    # values listed (values_list, then annotate): the same query as values().annotate().values_list(), built once.
    priorities = {
        str(key): n
        for key, n in Priority.objects.filter(
            among("plan__network"), plan__starts_on__lte=today, plan__ends_on__gte=today
        )
        .values_list("support_domain_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    requests = dict(
        SupportRequest.objects.filter(among("network"))
        .exclude(status=RequestStatus.DECLINED)
        .values_list("domain__key")
        .annotate(n=Count("id"))
        .order_by()
    )
    return priorities, requests


def with_readiness_done(networks: QuerySet[Network]) -> QuerySet[Any]:
    """The networks with `done`, how many readiness items each has ticked, counted in a subquery per network (a
    network ticks an item at most once), so the networks are not grouped by every column they are read with."""
    return networks.annotate(done=readiness_done_counted())


def latest_two_summaries(
    network_ids: QuerySet[Network, Any], framework_id: int, filters: Filters, today: date
) -> QuerySet[RoundSummary]:
    """Each network's latest two closed rounds on the framework that match the filters (the latest and the one
    before, for movement), by network, newest first. Closed rounds only, dated by the day they closed: an open round
    is not an assessment yet."""
    summaries = closed_summaries(today).filter(network_id__in=network_ids, framework_id=framework_id)
    if filters.purpose:
        summaries = summaries.filter(purpose=filters.purpose)
    if filters.closes_from:
        summaries = summaries.filter(closed_on__gte=filters.closes_from)
    if filters.closes_to:
        summaries = summaries.filter(closed_on__lte=filters.closes_to)
    return (
        summaries.annotate(
            newness=Window(
                RowNumber(), partition_by=[F("network_id")], order_by=[F("closed_on").desc(), F("round_id").desc()]
            )
        )
        .filter(newness__lte=2)
        .order_by("network_id", "-closed_on", "-round_id")
    )


def _network_rows(networks: QuerySet[Network]) -> list[NetworkValues]:
    """One query: each network with where it sits and how many readiness items it has ticked. Plain values, not
    model instances: at England scale, building thousands of networks with their systems, regions and places
    costs more than the query. The ticks are counted in a subquery per network (a network ticks an item at most
    once), so the networks are not grouped by every column they are read with."""
    return list(
        with_readiness_done(networks)
        .order_by("name", "pk")
        .values_list(
            "pk",
            "name",
            "slug",
            "is_pcn",
            "system_id",
            "system__name",
            "system__region_id",
            "system__region__name",
            "place__name",
            "done",
        )
    )


def _latest_summaries(
    network_ids: QuerySet[Network, Any], framework_id: int, filters: Filters, today: date
) -> list[SummaryValues]:
    """One query: each network's latest two closed rounds on the framework (the latest and the one before, for
    movement), newest first. Their cells are read as text and parsed in one go (RoundSummary.cells)."""
    rows = list(
        latest_two_summaries(network_ids, framework_id, filters, today).values_list(
            "network_id", "round_id", "closed_on", "cells"
        )
    )
    cells = parse_cells([text for _, _, _, text in rows])
    return [
        (network_id, round_id, closed_on, stored)
        for (network_id, round_id, closed_on, _), stored in zip(rows, cells, strict=True)
    ]


# Building a dashboard from plain values: no database from here on. -------------------------------------------


def choose_framework(
    frameworks: Sequence[tuple[int, str]], asked_for: int | None, default: tuple[int, str] | None
) -> tuple[tuple[int, str] | None, bool]:
    """The framework to show, and whether the one asked for was ignored (not among `frameworks`): the one asked
    for, else the default, else the first."""
    chosen = next((c for c in frameworks if c[0] == asked_for), None) if asked_for is not None else None
    ignored = asked_for is not None and chosen is None
    if chosen is None:
        chosen = default or (frameworks[0] if frameworks else None)
    return chosen, ignored


def build_dashboard(facts: DashboardFacts) -> Dashboard:
    """A dashboard from the plain values dashboard_facts reads."""
    rows = [
        NetworkRow(
            id=pk,
            name=name,
            slug=slug,
            is_pcn=is_pcn,
            system_id=system_id,
            system_name=system_name or "",
            region_id=region_id,
            region_name=region_name or "",
            place_name=place_name or "",
            readiness_done=done,
            has_current_plan=pk in facts.planned,
        )
        for pk, name, slug, is_pcn, system_id, system_name, region_id, region_name, place_name, done in facts.networks
    ]
    if facts.framework is not None:
        _fill_levels(rows, facts.summaries, facts.dimensions)
    needs = [
        DomainNeed(key, name, facts.priorities.get(key, 0), facts.requests.get(key, 0)) for key, name in facts.domains
    ]
    return Dashboard(
        frameworks=list(facts.frameworks),
        framework=facts.framework,
        dimensions=list(facts.dimensions),
        levels=list(facts.levels),
        networks=rows,
        needs=needs,
        framework_ignored=facts.framework_ignored,
    )


def _fill_levels(
    rows: list[NetworkRow], summaries: Sequence[SummaryValues], dimensions: Sequence[DimensionInfo]
) -> None:
    """Give each row its latest round's cells and the previous round's; `summaries` come newest first per network."""
    by_id = {row.id: row for row in rows}
    made: dict[tuple[Any, bool], Cell] = {}
    for network_id, round_id, closed_on, stored in summaries:
        row = by_id[network_id]
        if row.latest_round_id is None:
            row.latest_round_id, row.last_assessed = round_id, closed_on
            row.cells = _cells(stored, dimensions, made)
        elif row.previous_round_id is None:
            row.previous_round_id = round_id
            row.previous = _cells(stored, dimensions, made)
    # One list for every network not assessed (nothing changes a row's cells once built).
    not_rated = [NOT_RATED] * len(dimensions)
    for row in rows:
        if row.latest_round_id is None:
            row.cells = not_rated


def _facts(row: NetworkRow, dimensions: int) -> suppression.NetworkFacts:
    return suppression.NetworkFacts(
        assessed=row.assessed,
        levels=tuple([c.value for c in row.cells]) if row.cells else (None,) * dimensions,
        change=row.average_change if row.assessed else None,
        is_pcn=row.is_pcn,
        ready=row.is_pcn and row.readiness_done >= READINESS_TOTAL,
    )


@dataclass
class GroupDashboard:
    """A regional or national dashboard rolled up to systems or regions: the same for every viewer and a few
    kilobytes however many networks there are, so it is cached whole. `charts` holds each dimension's rendered
    chart, filled in by the view (charts are drawn by exports, which reads this module)."""

    frameworks: list[tuple[int, str]]
    framework: tuple[int, str] | None
    dimensions: list[DimensionInfo]
    levels: list[tuple[int, str]]
    needs: list[DomainNeed]
    framework_ignored: bool
    network_count: int
    totals: list[GroupTotals]
    distributions: list[DimensionDistribution]
    charts: list[Any] = field(default_factory=list)

    def distribution(self) -> list[DimensionDistribution]:
        return self.distributions

    def page_figures(self) -> suppression.PageFigures:
        """The whole page's figures: each dimension's spread over the levels, and support needs (counted over
        every network on the page)."""
        return suppression.PageFigures(
            distributions=tuple(d.figure for d in self.distributions),
            needs=Figure(self.needs, self.network_count),
        )


def group_dashboard(data: Dashboard, *, key: str, names: Sequence[tuple[int, str]]) -> GroupDashboard:
    """Roll networks up into systems or regions by `key` ("system_id" or "region_id"), in the order of `names`."""
    members: dict[int, list[NetworkRow]] = defaultdict(list)
    for row in data.networks:
        group_id = getattr(row, key)
        if group_id is not None:
            members[group_id].append(row)
    dimensions = len(data.dimensions)
    totals = [
        GroupTotals(
            id=group_id,
            name=name,
            figures=suppression.roll_up([_facts(row, dimensions) for row in members.get(group_id, [])], dimensions),
        )
        for group_id, name in names
    ]
    return GroupDashboard(
        frameworks=data.frameworks,
        framework=data.framework,
        dimensions=data.dimensions,
        levels=data.levels,
        needs=data.needs,
        framework_ignored=data.framework_ignored,
        network_count=len(data.networks),
        totals=totals,
        distributions=data.distribution() if data.levels else [],
    )


def group_rows(summary: GroupDashboard, *, oversees: set[int], openable: set[int]) -> list[GroupRow]:
    """The rows one viewer sees: no figure worked out from fewer than the minimum networks unless they oversee the
    group, and only the groups they may open are links."""
    return [
        GroupRow(
            id=t.id,
            name=t.name,
            figures=suppression.for_viewer(t.figures, overseen=t.id in oversees, minimum=DASHBOARD_MINIMUM_GROUP),
            may_open=t.id in openable,
        )
        for t in summary.totals
    ]


def groups(
    data: Dashboard,
    *,
    key: str,
    names: Sequence[tuple[int, str]],
    oversees: set[int],
    openable: set[int],
) -> list[GroupRow]:
    """Roll networks up into rows by `key` ("system_id" or "region_id"), in the order of `names`, as one viewer
    sees them."""
    return group_rows(group_dashboard(data, key=key, names=names), oversees=oversees, openable=openable)


def too_small(data: Dashboard | GroupDashboard) -> bool:
    count = data.network_count if isinstance(data, GroupDashboard) else len(data.networks)
    return count < DASHBOARD_MINIMUM_GROUP
