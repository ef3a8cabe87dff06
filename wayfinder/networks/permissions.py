"""Who may see and do what with networks, and the scoped selectors every query for a person's networks starts
from, so forgetting a filter shows nothing rather than everything.

Also what the apps to the right build their own rules on: a person's role in a network (`network_role`), whether
they oversee it (`oversees`, `oversees_system`) and the rows of a model that belong to networks they may see
(`of_networks_visible_to`). An object a person may not see is answered with 404 (`get_visible_network_or_404`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import CharField, DateTimeField, Model, Q, QuerySet, Value
from django.http import Http404

from wayfinder.core import generations
from wayfinder.core import permissions as core
from wayfinder.core.permissions import can as can
from wayfinder.core.permissions import is_site_admin, reach
from wayfinder.core.roles import NetworkRole
from wayfinder.networks import caching
from wayfinder.networks.models import (
    Appointment,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Network,
    Privacy,
    System,
    SystemContact,
)

M = TypeVar("M", bound=Model)

LEAD, FACILITATOR = NetworkRole.LEAD, NetworkRole.FACILITATOR
OPEN, RESTRICTED, PRIVATE, CONFIDENTIAL = Privacy.OPEN, Privacy.RESTRICTED, Privacy.PRIVATE, Privacy.CONFIDENTIAL


# Reach and roles ---------------------------------------------------------------------------------------------


@functools.cache
def _appointments_sql(table: str) -> str:
    # The table name comes from the model; the user is a parameter.
    return f'SELECT "role", "system_id", "region_id" FROM "{table}" WHERE "user_id" = %s'  # noqa: S608


def appointments_of(user_pk: Any) -> Iterable[tuple[str, int | None, int | None]]:
    """A person's appointments as (role, system id, region id): what `core.permissions.reach` is made from.
    Read on every signed-in request, so written out: building it through the ORM cost more than running it."""
    with connections[router.db_for_read(Appointment)].cursor() as cursor:
        cursor.execute(_appointments_sql(Appointment._meta.db_table), [user_pk])
        return cursor.fetchall()


@dataclass(frozen=True)
class InNetworks:
    """What a person has in networks: their role in each network they belong to and when they asked to join the
    networks that have not decided yet, by network id."""

    roles: dict[int, str]
    asked: dict[int, datetime]


NOWHERE = InNetworks(roles={}, asked={})

in_networks_kept: core.PerUser[InNetworks] = core.PerUser()


def in_networks(user: Any) -> InNetworks:
    """What the person has in networks: read once for each user object (so once per request), from the shared
    cache while none of their memberships and requests to join has changed (caching.person_networks_changed)."""
    if user is None or not user.is_authenticated:
        return NOWHERE
    kept = in_networks_kept.get(user)
    if kept is None:
        kept = generations.remembered(
            caching.person_networks_generation_key(user.pk),
            f"networks:person:{user.pk}",
            lambda: _read_in_networks(user.pk),
            caching.PERSON_NETWORKS_SECONDS,
        )
        in_networks_kept.set(user, kept)
    return kept


def _read_in_networks(user_pk: Any) -> InNetworks:
    """One query: the memberships (with no date) and the requests waiting (with no role) together."""
    memberships = (
        Membership.objects.filter(user_id=user_pk)
        .order_by()
        .values_list("network_id", "role", Value(None, output_field=DateTimeField()))
    )
    asked = (
        JoinRequest.objects.filter(user_id=user_pk, status=JoinRequestStatus.PENDING)
        .order_by()
        .values_list("network_id", Value("", output_field=CharField()), "created_at")
    )
    roles: dict[int, str] = {}
    asked_on: dict[int, datetime] = {}
    for network_id, role, created_at in memberships.union(asked, all=True):
        if created_at is None:
            roles[network_id] = role
        else:
            asked_on[network_id] = created_at
    return InNetworks(roles=roles, asked=asked_on)


def network_role(user: Any, network: Network) -> str | None:
    """The user's role in the network, or None."""
    return in_networks(user).roles.get(network.pk)


def asked_to_join_on(user: Any, network: Network) -> datetime | None:
    """When the user asked to join the network, while the request waits for a decision; None otherwise."""
    return in_networks(user).asked.get(network.pk)


def forget_cached_roles(user: Any) -> None:
    """Call after changing a user's memberships or appointments within the same request."""
    core.forget_reach(user)
    in_networks_kept.forget(user)


def oversees(user: Any, network: Network) -> bool:
    """System, regional and national roles oversee the networks under them (never confidential ones)."""
    r = reach(user)
    if r.site_admin:
        return True
    if network.privacy == CONFIDENTIAL:
        return False
    if r.national:
        return True
    if network.system_id is None:
        return False
    if network.system_id in r.system_ids:
        return True
    if r.region_ids and network.system is not None:
        # network.system is usually select_related by the caller; this is one query at most otherwise.
        return network.system.region_id in r.region_ids
    return False


def oversees_system(user: Any, system: System) -> bool:
    r = reach(user)
    return r.national or system.pk in r.system_ids or system.region_id in r.region_ids


def belongs_or_oversees(user: Any, network: Network) -> bool:
    """Members of the network, in any role, and those who oversee it."""
    return network_role(user, network) is not None or oversees(user, network)


# Selectors ---------------------------------------------------------------------------------------------------


def networks_visible_to(user: Any) -> QuerySet[Network]:
    """Every network the user may open. Start every network query for a user here."""
    qs = Network.objects.all()
    if user is None or not user.is_authenticated:
        return qs.filter(privacy__in=[OPEN, RESTRICTED])
    r = reach(user)
    if r.site_admin:
        return qs
    return qs.filter(_visible_condition(r, in_networks(user)))


def _visible_condition(r: core.Reach, has: InNetworks) -> Q:
    """The networks a signed-in person who is not a site admin may open, from what the request already holds (their
    reach and their roles in networks): open and restricted networks, those they belong to (listed by id, as their
    roles are already read), private ones below them, and all but confidential ones for the national team. A
    condition that cannot apply to the person is left out, so the query stays small."""
    condition = ~Q(privacy=CONFIDENTIAL) if r.national else Q(privacy__in=[OPEN, RESTRICTED])
    if not r.national:
        if r.system_ids:
            condition |= Q(privacy=PRIVATE, system_id__in=sorted(r.system_ids))
        if r.region_ids:
            condition |= Q(privacy=PRIVATE, system__region_id__in=sorted(r.region_ids))
    if has.roles:
        condition |= Q(pk__in=sorted(has.roles))
    return condition


def networks_listed_for(user: Any) -> QuerySet[Network]:
    """The directory: what the user may see, less confidential networks, which are never listed."""
    return networks_visible_to(user).exclude(privacy=CONFIDENTIAL)


# What is read with the network unless the page asks for less (`get_visible_network_or_404`).
NETWORK_RELATED = ("system__region", "place")


def get_visible_network_or_404(user: Any, *, related: tuple[str, ...] = NETWORK_RELATED, **lookup: Any) -> Network:
    """The network matching `lookup` (a unique field: slug or pk), read with `related`, if the user may open it
    (`networks_visible_to`, which joins no table that could repeat a row); 404 otherwise. Read with `get`, which
    sorts nothing: the model's ordering would sort the one row found.

    A page that keeps what it shows of the network's system drawn asks for `related=()`: the network's system is
    then read with it only for a regional lead, whom `oversees` asks about the system's region."""
    if not related and reach(user).region_ids:
        related = ("system",)
    scoped = networks_visible_to(user)
    if related:  # select_related() with no names would follow every foreign key
        scoped = scoped.select_related(*related)
    try:
        return scoped.get(**lookup)
    except Network.DoesNotExist:
        raise Http404("No such network") from None


def systems_overseen_by(user: Any) -> QuerySet[System]:
    """Systems the user oversees (`oversees_system`): those they lead, those in regions they lead, or all."""
    r = reach(user)
    if r.national:
        return System.objects.all()
    return System.objects.filter(Q(pk__in=r.system_ids) | Q(region_id__in=r.region_ids))


def system_overseen_or_404(user: Any, system_id: Any) -> System:
    """The system with its region, if the user oversees it; 404 otherwise, so system ids cannot be probed."""
    system = systems_overseen_by(user).select_related("region").filter(pk=system_id).first()
    if system is None:
        raise Http404("No such system")
    return system


def of_networks_condition(user: Any, network: str = "network") -> Q:
    """A filter for rows whose network (the field path `network`) the user belongs to or oversees: members see
    their networks' rows, system and regional leads those of the networks below them, the national team all but
    confidential networks, site admins everything, signed-out people nothing."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    r = reach(user)
    if r.site_admin:
        return Q()
    # The networks they belong to, by id: their roles are already read (`in_networks`).
    condition = Q(**{f"{network}_id__in": sorted(in_networks(user).roles)})
    not_confidential = ~Q(**{f"{network}__privacy": CONFIDENTIAL})
    if r.national:
        condition |= not_confidential
    else:
        if r.system_ids:
            condition |= Q(**{f"{network}__system_id__in": r.system_ids}) & not_confidential
        if r.region_ids:
            condition |= Q(**{f"{network}__system__region_id__in": r.region_ids}) & not_confidential
    return condition


def of_networks_visible_to(user: Any, queryset: QuerySet[M], network: str = "network") -> QuerySet[M]:
    """Rows of `queryset` whose network the user belongs to or oversees (`of_networks_condition`)."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(of_networks_condition(user, network))


def of_networks_with_role(user: Any, roles: Iterable[str], network: str = "network") -> Q:
    """A filter for rows whose network the user holds one of `roles` in; every row for a site admin."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    if is_site_admin(user):
        return Q()
    wanted = set(roles)
    held = sorted(pk for pk, role in in_networks(user).roles.items() if role in wanted)
    return Q(**{f"{network}_id__in": held})


# The policy --------------------------------------------------------------------------------------------------


def can_view_network(user: Any, network: Network) -> bool:
    if network.privacy in (OPEN, RESTRICTED):
        return True
    return belongs_or_oversees(user, network)


def can_view_members(user: Any, network: Network) -> bool:
    if not user.is_authenticated or not can_view_network(user, network):
        return False
    if network.privacy == OPEN:
        return True
    return belongs_or_oversees(user, network)


def can_join_at_once(user: Any, network: Network) -> bool:
    return user.is_authenticated and network.privacy == OPEN and network_role(user, network) is None


def can_request_to_join(user: Any, network: Network) -> bool:
    return user.is_authenticated and network.privacy == RESTRICTED and network_role(user, network) is None


def can_leave(user: Any, network: Network) -> bool:
    return network_role(user, network) is not None


def can_manage_members(user: Any, network: Network) -> bool:
    return network_role(user, network) == LEAD or is_site_admin(user)


def can_invite(user: Any, network: Network) -> bool:
    return network_role(user, network) in (LEAD, FACILITATOR) or is_site_admin(user)


NETWORK_ROLES = tuple(NetworkRole)
# A facilitator brings people in but does not decide who runs the network, so invites only as these.
ROLES_A_FACILITATOR_GIVES = (NetworkRole.MEMBER, NetworkRole.EXTERNAL)


def roles_to_invite_as(user: Any, network: Network) -> tuple[str, ...]:
    """The roles the user may invite someone to the network as: any for its leads and site admins, member or
    external for its facilitators, none for anyone else. Changing a member's role is for leads and site admins
    only (`can_manage_members`)."""
    if can_manage_members(user, network):
        return NETWORK_ROLES
    if network_role(user, network) == FACILITATOR:
        return ROLES_A_FACILITATOR_GIVES
    return ()


def can_edit_network(user: Any, network: Network) -> bool:
    return network_role(user, network) == LEAD or is_site_admin(user)


def can_create_network(user: Any, _: Any = None) -> bool:
    return bool(user.is_authenticated)


def systems_for_new_pcn(user: Any) -> QuerySet[System]:
    """Systems in which the user may create a PCN: system leads in their own systems; site admins anywhere."""
    r = reach(user)
    if r.site_admin:
        return System.objects.all()
    return System.objects.filter(pk__in=r.system_ids)


def can_create_pcn(user: Any, system: System | None = None) -> bool:
    r = reach(user)
    if r.site_admin:
        return True
    if system is None:
        return bool(r.system_ids)
    return system.pk in r.system_ids


def can_import_hierarchy(user: Any, _: Any = None) -> bool:
    return is_site_admin(user)


# Who is my contact? ---------------------------------------------------------------------------------------


def can_keep_contacts(user: Any, system: System) -> bool:
    """A system's published contacts are kept by its own system leads and by the national team (and site
    admins); regional leads read them like everyone else."""
    r = reach(user)
    return r.national or system.pk in r.system_ids


def systems_whose_contacts_user_keeps(user: Any) -> QuerySet[System]:
    r = reach(user)
    if r.national:
        return System.objects.all()
    return System.objects.filter(pk__in=r.system_ids)


def contacts_system_or_404(user: Any, system_id: Any) -> System:
    """The system, if the user keeps its contacts; 404 otherwise."""
    system = systems_whose_contacts_user_keeps(user).select_related("region").filter(pk=system_id).first()
    if system is None:
        raise Http404("No such system")
    return system


def kept_contact_or_404(user: Any, contact_id: Any) -> SystemContact:
    """A contact of a system whose contacts the user keeps; 404 otherwise."""
    kept = systems_whose_contacts_user_keeps(user).values("pk")
    contact = SystemContact.objects.select_related("system").filter(pk=contact_id, system_id__in=kept).first()
    if contact is None:
        raise Http404("No such contact")
    return contact


core.register_all(
    {
        "system.keep_contacts": can_keep_contacts,
        "network.view": can_view_network,
        "network.view_members": can_view_members,
        "network.join": can_join_at_once,
        "network.request_to_join": can_request_to_join,
        "network.leave": can_leave,
        "network.manage_members": can_manage_members,
        "network.invite": can_invite,
        "network.edit": can_edit_network,
    }
)
core.register("network.create", can_create_network, needs_object=False)
core.register("network.create_pcn", can_create_pcn, needs_object=False)
core.register("hierarchy.import", can_import_hierarchy, needs_object=False)
