"""Reads that pages share, written once so each page costs a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.core import permissions
from wayfinder.networks.models import (
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Network,
    NetworkRole,
    System,
)

MEMBERS_PREVIEW = 12


def directory(
    user: Any, *, q: str = "", system: System | None = None, type: str = "", stage: str = ""
) -> QuerySet[Network]:
    networks = permissions.networks_listed_for(user).select_related("system")
    if q:
        networks = networks.filter(Q(name__icontains=q.strip()) | Q(code__iexact=q.strip()))
    if system is not None:
        networks = networks.filter(system=system)
    if type:
        networks = networks.filter(network_type=type)
    if stage:
        networks = networks.filter(stage=stage)
    return networks.order_by("name", "pk")


def with_member_counts(networks: Sequence[Network]) -> list[Network]:
    """The networks given, each with `member_count`: one query for the few shown on a page of the directory.

    Counted for the page only, after paging: counting every listed network's members to show twenty of them read
    all 200,000 memberships on every page (about 0.6 s at England scale)."""
    counts = dict(
        Membership.objects.filter(network__in=[network.pk for network in networks])
        .values_list("network_id")
        .annotate(n=Count("id"))
        .values_list("network_id", "n")
    )
    for network in networks:
        network.member_count = counts.get(network.pk, 0)  # type: ignore[attr-defined]
    return list(networks)


def home_for(user: User) -> dict[str, Any]:
    memberships = list(
        Membership.objects.filter(user=user).select_related("network", "network__system").order_by("network__name")
    )
    led_ids = [m.network_id for m in memberships if m.role == NetworkRole.LEAD]
    waiting = dict(
        JoinRequest.objects.filter(network_id__in=led_ids, status=JoinRequestStatus.PENDING)
        .values_list("network_id")
        .annotate(n=Count("id"))
        .values_list("network_id", "n")
    )
    my_requests = list(
        JoinRequest.objects.filter(user=user, status=JoinRequestStatus.PENDING).select_related("network")
    )
    return {
        "memberships": memberships,
        "waiting_requests": [(m.network, waiting[m.network_id]) for m in memberships if waiting.get(m.network_id)],
        "my_requests": my_requests,
        "profile_incomplete": not (user.full_name and user.job_title and user.organisation),
    }


def members(network: Network) -> QuerySet[Membership]:
    # Leads first, then facilitators, steering group, members and externals; by name within each.
    order = {
        NetworkRole.LEAD: 0,
        NetworkRole.FACILITATOR: 1,
        NetworkRole.STEERING: 2,
        NetworkRole.MEMBER: 3,
        NetworkRole.EXTERNAL: 4,
    }
    rank = Case(*[When(role=role, then=Value(n)) for role, n in order.items()], output_field=IntegerField())
    return (
        Membership.objects.filter(network=network)
        .select_related("user")
        .annotate(rank=rank)
        .order_by("rank", "user__full_name", "user__email")
    )


def members_preview(network: Network) -> list[Membership]:
    return list(members(network)[:MEMBERS_PREVIEW])


def pending_request(user: User, network: Network) -> JoinRequest | None:
    return JoinRequest.objects.filter(user=user, network=network, status=JoinRequestStatus.PENDING).first()


def pending_requests(network: Network) -> list[JoinRequest]:
    return list(
        JoinRequest.objects.filter(network=network, status=JoinRequestStatus.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def pending_requests_count(network: Network) -> int:
    return JoinRequest.objects.filter(network=network, status=JoinRequestStatus.PENDING).count()


def pending_invitations(network: Network) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            network=network, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )
