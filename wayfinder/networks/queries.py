"""Reads that pages share, written once so each page costs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Case, Count, IntegerField, Min, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.core import home
from wayfinder.core import permissions as core_permissions
from wayfinder.networks import permissions
from wayfinder.networks.models import (
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Network,
    NetworkRole,
    Place,
    Region,
    System,
    SystemContact,
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
    """What the home page shows a signed-in person: their to-do list (their networks' join requests here, and what
    the apps registered with `core.home` add), their networks, and sections such as their dashboards."""
    memberships = list(
        Membership.objects.filter(user=user).select_related("network", "network__system").order_by("network__name")
    )
    today = timezone.localdate()
    viewer = _viewer(user, memberships, today)
    my_requests = list(
        JoinRequest.objects.filter(user=user, status=JoinRequestStatus.PENDING).select_related("network")
    )
    return {
        "memberships": memberships,
        "my_requests": my_requests,
        "to_dos": home.ordered([*_own_to_dos(user, memberships), *home.to_dos_for(viewer)], today),
        "sections": home.sections_for(viewer),
        "today": today,
        "oversees": bool(viewer.systems or viewer.regions) or viewer.reach.national,
    }


def _viewer(user: User, memberships: Sequence[Membership], today: date) -> home.Viewer:
    reach = core_permissions.reach(user)
    return home.Viewer(
        user=user,
        reach=reach,
        today=today,
        roles={m.network_id: m.role for m in memberships},
        systems=_names(System.objects.filter(pk__in=reach.system_ids)) if reach.system_ids else {},
        regions=_names(Region.objects.filter(pk__in=reach.region_ids)) if reach.region_ids else {},
    )


def _names(places: QuerySet[System] | QuerySet[Region]) -> dict[int, str]:
    return dict(places.order_by("name").values_list("pk", "name"))


def _own_to_dos(user: User, memberships: Sequence[Membership]) -> list[home.ToDo]:
    """The to-dos this app knows of: join requests to decide, and a profile to complete."""
    to_dos = _join_requests_to_decide(memberships)
    if not (user.full_name and user.job_title and user.organisation):
        to_dos.append(
            home.ToDo(
                title="Your profile",
                action="Complete your profile",
                href=reverse("accounts:profile-edit"),
                detail="Add your name, job title and organisation so other members know who you are",
                optional=True,
            )
        )
    return to_dos


def _join_requests_to_decide(memberships: Sequence[Membership]) -> list[home.ToDo]:
    led = {m.network_id: m.network for m in memberships if m.role == NetworkRole.LEAD}
    if not led:
        return []
    waiting = (
        JoinRequest.objects.filter(network_id__in=led, status=JoinRequestStatus.PENDING)
        .values_list("network_id")
        .annotate(n=Count("id"), since=Min("created_at"))
        .values_list("network_id", "n", "since")
    )
    return [
        home.ToDo(
            title=f"{count} {'request' if count == 1 else 'requests'} to join {led[network_id].name}",
            action="Decide",
            href=reverse("networks:members", kwargs={"slug": led[network_id].slug}),
            detail=f"Waiting since {home.day(since)}",
            rank=10,
        )
        for network_id, count, since in waiting
    ]


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


# Who is my contact? ------------------------------------------------------------------------------------------


@dataclass
class ContactListing:
    """One system in the contacts directory: its contacts and, when someone searched, the places and networks
    in it whose names matched, so they can see why it is listed."""

    system: System
    contacts: list[SystemContact]
    matched_places: list[str] = field(default_factory=list)
    matched_networks: list[str] = field(default_factory=list)


def contacts_directory(user: Any, *, q: str = "", region: Region | None = None) -> list[ContactListing]:
    """Every system with its published contacts, optionally only those whose own name, region, places or listed
    networks match `q` (networks the person may not see never match). Four queries however many systems."""
    q = q.strip()
    systems = System.objects.select_related("region").prefetch_related(
        Prefetch("contacts", queryset=SystemContact.objects.order_by("position", "name"))
    )
    if region is not None:
        systems = systems.filter(region=region)
    places: dict[int, list[str]] = defaultdict(list)
    networks: dict[int, list[str]] = defaultdict(list)
    if q:
        for system_id, name in (
            Place.objects.filter(name__icontains=q).order_by("name").values_list("system_id", "name")
        ):
            places[system_id].append(name)
        listed = permissions.networks_listed_for(user).filter(Q(name__icontains=q) | Q(code__iexact=q))
        for system_id, name in listed.filter(system__isnull=False).order_by("name").values_list("system_id", "name"):
            networks[system_id].append(name)
        systems = systems.filter(
            Q(name__icontains=q) | Q(code__iexact=q) | Q(region__name__icontains=q) | Q(pk__in=[*places, *networks])
        )
    return [
        ContactListing(
            system=system,
            contacts=list(system.contacts.all()),
            matched_places=places.get(system.pk, []),
            matched_networks=networks.get(system.pk, []),
        )
        for system in systems.order_by("name")
    ]


def system_contacts(system: System) -> list[SystemContact]:
    return list(SystemContact.objects.filter(system=system).order_by("position", "name"))
