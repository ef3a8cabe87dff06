"""Reads behind the system, regional and national dashboards: a fixed number of queries however many networks,
rounds and ratings there are. Levels come from the round summaries (summaries.py), never from ratings.
Everything is worked out per network first, then rolled up; views cache the result (caching.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import mean
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from wayfinder.core.permissions import DASHBOARD_MINIMUM_GROUP
from wayfinder.dashboards.models import RoundSummary
from wayfinder.frameworks.models import Dimension, Level, SupportDomain
from wayfinder.networks.models import Network, Privacy
from wayfinder.plans.models import Plan, Priority
from wayfinder.support.content import READINESS_ITEMS, READINESS_KEYS
from wayfinder.support.models import RequestStatus, SupportRequest

READINESS_TOTAL = len(READINESS_ITEMS)


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


@dataclass(frozen=True)
class Cell:
    """One network's level on one dimension: agreed in consensus, or else the median of its ratings."""

    value: float | None
    agreed: bool = False

    @property
    def band(self) -> int | None:
        """The whole level the value sits in (a median of 2.5 counts as level 2: the lower, as consensus does)."""
        return None if self.value is None else int(self.value)


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
        return round(mean(changes), 2) if changes else None


@dataclass(frozen=True)
class GroupRow:
    """A system's row on the regional dashboard, or a region's on the national one."""

    id: int
    name: str
    networks: int
    assessed: int
    cells: list[Cell]
    average_change: float | None
    pcns: int
    pcns_ready: int
    # Suppressed rows show no figures: fewer than the minimum networks, and the viewer does not oversee them.
    suppressed: bool
    may_open: bool


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


@dataclass
class Dashboard:
    frameworks: list[tuple[int, str]]
    framework: tuple[int, str] | None
    dimensions: list[DimensionInfo]
    levels: list[tuple[int, str]]
    networks: list[NetworkRow]
    needs: list[DomainNeed]
    framework_ignored: bool = False

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
        """How many networks sit at each level on each dimension, in the order of `levels`."""
        rows = self.assessed if rows is None else rows
        result = []
        for index, dimension in enumerate(self.dimensions):
            counts = Counter(row.cells[index].band for row in rows if row.cells[index].band is not None)
            result.append(DimensionDistribution(dimension, tuple(counts.get(p, 0) for p, _ in self.levels)))
        return result

    @property
    def moved(self) -> list[NetworkRow]:
        return [row for row in self.assessed if row.previous_round_id is not None]


def scoped_networks(base: QuerySet[Network]) -> QuerySet[Network]:
    """Confidential networks never appear on a dashboard, for anyone."""
    return base.exclude(privacy=Privacy.CONFIDENTIAL)


def framework_choices(base: QuerySet[Network]) -> list[tuple[int, str, int]]:
    """Frameworks the networks' rounds used, by name, with how many rounds used each."""
    rows = (
        RoundSummary.objects.filter(network_id__in=scoped_networks(base).values("pk"))
        .values("framework_id", "framework__name")
        .annotate(rounds=Count("round_id"))
        .order_by("framework__name")
    )
    return [(r["framework_id"], r["framework__name"], r["rounds"]) for r in rows]


def _dimensions_and_levels(framework_id: int) -> tuple[list[DimensionInfo], list[tuple[int, str]]]:
    """The framework's dimensions by stable key, named as in its newest version; its levels likewise."""
    seen: dict[str, DimensionInfo] = {}
    for d in (
        Dimension.objects.filter(version__framework_id=framework_id)
        .order_by("-version__number", "position")
        .values("key", "position", "name")
    ):
        if d["key"] not in seen:
            seen[d["key"]] = DimensionInfo(d["key"], d["position"], d["name"])
    levels: dict[int, str] = {}
    for lv in (
        Level.objects.filter(version__framework_id=framework_id)
        .order_by("-version__number", "position")
        .values("position", "name")
    ):
        levels.setdefault(lv["position"], lv["name"])
    return sorted(seen.values(), key=lambda d: d.number), sorted(levels.items())


def _cells(levels: dict[str, dict[str, Any]], dimensions: Sequence[DimensionInfo]) -> list[Cell]:
    cells = []
    for d in dimensions:
        stored = levels.get(d.key)
        cells.append(Cell(stored["value"], agreed=stored["agreed"]) if stored else Cell(None))
    return cells


def dashboard(
    base: QuerySet[Network],
    filters: Filters,
    *,
    choices: list[tuple[int, str, int]],
    today: date | None = None,
) -> Dashboard:
    """Everything a dashboard shows for the networks in `base` (already scoped by the caller)."""
    today = today or timezone.localdate()
    networks = scoped_networks(base)
    if filters.place_id is not None:
        networks = networks.filter(place_id=filters.place_id)
    network_ids = networks.values("pk")
    rows = [
        NetworkRow(
            id=n.pk,
            name=n.name,
            slug=n.slug,
            is_pcn=n.is_pcn,
            system_id=n.system_id,
            system_name=n.system.name if n.system else "",
            region_id=n.system.region_id if n.system else None,
            region_name=n.system.region.name if n.system else "",
            place_name=n.place.name if n.place else "",
            readiness_done=n.done,  # type: ignore[attr-defined]
        )
        for n in networks.select_related("system__region", "place")
        .annotate(done=Count("readiness_ticks", filter=Q(readiness_ticks__item__in=READINESS_KEYS), distinct=True))
        .order_by("name", "pk")
    ]
    by_id = {row.id: row for row in rows}

    frameworks = [(pk, name) for pk, name, _ in choices]
    chosen: tuple[int, str] | None = None
    if filters.framework_id is not None:
        chosen = next((c for c in frameworks if c[0] == filters.framework_id), None)
    framework_ignored = filters.framework_id is not None and chosen is None
    if chosen is None and choices:
        # The framework most rounds used; ties go to the first by name.
        best = max(choices, key=lambda c: c[2])
        chosen = (best[0], best[1])

    dimensions: list[DimensionInfo] = []
    levels: list[tuple[int, str]] = []
    if chosen is not None:
        dimensions, levels = _dimensions_and_levels(chosen[0])
        summaries = RoundSummary.objects.filter(network_id__in=network_ids, framework_id=chosen[0])
        if filters.purpose:
            summaries = summaries.filter(purpose=filters.purpose)
        if filters.closes_from:
            summaries = summaries.filter(closes_on__gte=filters.closes_from)
        if filters.closes_to:
            summaries = summaries.filter(closes_on__lte=filters.closes_to)
        # Only each network's latest two rounds (the latest and the one before, for movement) leave the database.
        summaries = summaries.annotate(
            newness=Window(
                RowNumber(), partition_by=[F("network_id")], order_by=[F("closes_on").desc(), F("round_id").desc()]
            )
        ).filter(newness__lte=2)
        for network_id, round_id, closes_on, stored in summaries.order_by(
            "network_id", "-closes_on", "-round_id"
        ).values_list("network_id", "round_id", "closes_on", "levels"):
            row = by_id[network_id]
            if row.latest_round_id is None:
                row.latest_round_id, row.last_assessed = round_id, closes_on
                row.cells = _cells(stored, dimensions)
            elif row.previous_round_id is None:
                row.previous_round_id = round_id
                row.previous = _cells(stored, dimensions)
        for row in rows:
            if row.latest_round_id is None:
                row.cells = [Cell(None) for _ in dimensions]

    current_plans = Plan.objects.filter(network_id__in=network_ids, starts_on__lte=today, ends_on__gte=today)
    for network_id in current_plans.values_list("network_id", flat=True).distinct():
        by_id[network_id].has_current_plan = True

    # The priority's support domain column holds the domain's key (the foreign key points at `key`).
    priorities: dict[str, int] = {
        str(key): n
        for key, n in Priority.objects.filter(plan__in=current_plans)
        .values("support_domain_id")
        .annotate(n=Count("id"))
        .values_list("support_domain_id", "n")
    }
    requests = dict(
        SupportRequest.objects.filter(network_id__in=network_ids)
        .exclude(status=RequestStatus.DECLINED)
        .values("domain__key")
        .annotate(n=Count("id"))
        .values_list("domain__key", "n")
    )
    needs = [
        DomainNeed(key, name, priorities.get(key, 0), requests.get(key, 0))
        for key, name in SupportDomain.objects.order_by("position").values_list("key", "name")
    ]
    return Dashboard(
        frameworks=frameworks,
        framework=chosen,
        dimensions=dimensions,
        levels=levels,
        networks=rows,
        needs=needs,
        framework_ignored=framework_ignored,
    )


def _average_cells(rows: Sequence[NetworkRow], dimensions: int) -> list[Cell]:
    cells = []
    for index in range(dimensions):
        values = [row.cells[index].value for row in rows if row.cells and row.cells[index].value is not None]
        cells.append(Cell(round(mean(v for v in values if v is not None), 1) if values else None))
    return cells


def groups(
    data: Dashboard,
    *,
    key: str,
    names: Sequence[tuple[int, str]],
    oversees: set[int],
    openable: set[int],
) -> list[GroupRow]:
    """Roll networks up into rows by `key` ("system_id" or "region_id"), in the order of `names`."""
    members: dict[int, list[NetworkRow]] = defaultdict(list)
    for row in data.networks:
        group_id = getattr(row, key)
        if group_id is not None:
            members[group_id].append(row)
    result = []
    for group_id, name in names:
        rows = members.get(group_id, [])
        assessed = [row for row in rows if row.assessed]
        changes = [row.average_change for row in assessed if row.average_change is not None]
        pcns = [row for row in rows if row.is_pcn]
        result.append(
            GroupRow(
                id=group_id,
                name=name,
                networks=len(rows),
                assessed=len(assessed),
                cells=_average_cells(assessed, len(data.dimensions)),
                average_change=round(mean(changes), 2) if changes else None,
                pcns=len(pcns),
                pcns_ready=sum(1 for row in pcns if row.readiness_done >= READINESS_TOTAL),
                suppressed=group_id not in oversees and len(rows) < DASHBOARD_MINIMUM_GROUP,
                may_open=group_id in openable,
            )
        )
    return result


def too_small(data: Dashboard) -> bool:
    return len(data.networks) < DASHBOARD_MINIMUM_GROUP
