"""Reads the support pages share, each in a fixed number of queries however many networks, ticks or requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from wayfinder.core import permissions as core_permissions
from wayfinder.frameworks.models import Dimension, FrameworkVersion, VersionStatus
from wayfinder.networks.models import Network, NetworkRole, Privacy, System
from wayfinder.support import permissions
from wayfinder.support.content import (
    CD_PLAN_ITEMS,
    READINESS_ITEMS,
    READINESS_KEYS,
    SKILL,
    UNDERSTANDING,
    PlanItem,
    ReadinessItem,
)
from wayfinder.support.models import (
    ClinicalDirectorPlan,
    ClinicalDirectorProgress,
    ReadinessTick,
    RequestStatus,
    SupportRequest,
)

# The built-in matrix whose dimensions a network picks from when it asks for support.
PCN_MATRIX, NETWORK_MATRIX = "pcn-maturity-matrix", "network-maturity-matrix"


@dataclass(frozen=True)
class ChecklistRow:
    item: ReadinessItem
    tick: ReadinessTick | None


def readiness_checklist(network: Network) -> list[ChecklistRow]:
    """Every item in checklist order, with the network's tick where there is one. One query."""
    ticks = {tick.item: tick for tick in ReadinessTick.objects.filter(network=network).select_related("ticked_by")}
    return [ChecklistRow(item=item, tick=ticks.get(item.key)) for item in READINESS_ITEMS]


@dataclass(frozen=True)
class NetworkReadiness:
    network: Network
    done: int


def system_readiness(user: Any, system: System) -> list[NetworkReadiness]:
    """The system's PCNs the user may see, each with how many checklist items it has ticked. One query."""
    networks = Network.objects.filter(system=system, is_pcn=True)
    if not core_permissions.is_site_admin(user):
        networks = networks.exclude(privacy=Privacy.CONFIDENTIAL)
    annotated = networks.annotate(
        done=Count("readiness_ticks", filter=Q(readiness_ticks__item__in=READINESS_KEYS), distinct=True)
    ).order_by("name")
    return [NetworkReadiness(network=network, done=network.done) for network in annotated]  # type: ignore[attr-defined]


def network_requests(network: Network) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(network=network).select_related("domain", "requested_by")


def system_requests(user: Any, system: System) -> QuerySet[SupportRequest]:
    return (
        permissions.support_requests_visible_to(user)
        .filter(network__system=system)
        .select_related("network", "domain")
        .annotate(
            waiting_first=Case(
                When(status=RequestStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("waiting_first", "-created_at", "-pk")
    )


def visible_request(user: Any, request_id: int) -> SupportRequest | None:
    """One request with everything its page shows, or None when the user may not see it."""
    return (
        permissions.support_requests_visible_to(user)
        .select_related("network__system__region", "domain", "requested_by", "decided_by")
        .prefetch_related("dimensions__version__framework", "commissions")
        .filter(pk=request_id)
        .first()
    )


def dimensions_for(network: Network) -> QuerySet[Dimension]:
    """The dimensions of the latest published built-in matrix for this kind of network (PCN or other)."""
    slug = PCN_MATRIX if network.is_pcn else NETWORK_MATRIX
    version = (
        FrameworkVersion.objects.filter(framework__slug=slug, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .values("pk")[:1]
    )
    return Dimension.objects.filter(version__in=version).order_by("position")


def cd_plans_for(user: Any) -> QuerySet[ClinicalDirectorPlan]:
    return (
        permissions.cd_plans_visible_to(user)
        .select_related("person", "network__system")
        .annotate(rated=Count("ratings", distinct=True))
        .order_by("network__system__name", "network__name", "person__full_name")
    )


def pcns_led_by(user: Any) -> QuerySet[Network]:
    """The PCNs the user leads: those they are Clinical Director of."""
    return Network.objects.filter(is_pcn=True, memberships__user=user, memberships__role=NetworkRole.LEAD).order_by(
        "name"
    )


def visible_cd_plan(user: Any, plan_id: int) -> ClinicalDirectorPlan | None:
    return (
        permissions.cd_plans_visible_to(user)
        .select_related("person", "network__system")
        .prefetch_related(
            "ratings",
            "support_domains",
            Prefetch("progress", queryset=ClinicalDirectorProgress.objects.select_related("author")),
        )
        .filter(pk=plan_id)
        .first()
    )


@dataclass(frozen=True)
class PlanRow:
    item: PlanItem
    rating: int | None


def plan_rows(plan: ClinicalDirectorPlan) -> dict[str, list[PlanRow]]:
    """The plan's items grouped into skills and understanding, with the self-rating (from the prefetch)."""
    ratings = {rating.item: rating.rating for rating in plan.ratings.all()}
    groups: dict[str, list[PlanRow]] = {SKILL: [], UNDERSTANDING: []}
    for item in CD_PLAN_ITEMS:
        groups[item.group].append(PlanRow(item=item, rating=ratings.get(item.key)))
    return groups


def readiness_done_counted() -> Coalesce:
    """How many items of the readiness checklist the outer query's network has ticked, counted in a subquery (a
    network ticks an item at most once), to annotate networks with: what Network.readiness_done keeps."""
    ticks = (
        ReadinessTick.objects.filter(network=OuterRef("pk"), item__in=READINESS_KEYS)
        .order_by()
        .values("network")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ticks), 0)
