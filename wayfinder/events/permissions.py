"""Who may organise, see and register for events, and the scoped selectors every query for events starts from.

Organisers: a national event (no network or system) is organised by editors, the national team and site admins; a
system's event by the leads of that system; a network's event by the network's leads. Site admins may organise
any event.

Who sees a published event: an event for everyone is seen by anyone (signed in or not) unless a network hosts it,
when only those who may see the network see it. A members-only event is seen by the network's members and those
who oversee the network (never a confidential network's overseers); an event for a system's networks by the members
of networks in that system and those who oversee the system. A draft is seen by its organisers only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wayfinder.core import permissions as core
from wayfinder.core.permissions import reach
from wayfinder.core.roles import AppointmentRole, NetworkRole
from wayfinder.events.models import Audience, Event, EventStatus
from wayfinder.networks.models import Membership, Network, System
from wayfinder.networks.permissions import (
    network_role,
    networks_visible_to,
    of_networks_condition,
    systems_overseen_by,
)


def organises_national(user: Any) -> bool:
    r = reach(user)
    return r.national or AppointmentRole.EDITOR in r.roles


def led_networks(user: Any) -> QuerySet[Network]:
    if user is None or not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.filter(memberships__user=user, memberships__role=NetworkRole.LEAD)


def led_systems(user: Any) -> QuerySet[System]:
    if user is None or not user.is_authenticated:
        return System.objects.none()
    if reach(user).site_admin:
        return System.objects.all()
    return System.objects.filter(pk__in=reach(user).system_ids)


def can_create_event(user: Any, _: Any = None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return organises_national(user) or bool(reach(user).system_ids) or led_networks(user).exists()


def can_manage_event(user: Any, event: Event) -> bool:
    """Edit, publish, cancel, see who registered and order the waiting list."""
    if user is None or not user.is_authenticated:
        return False
    r = reach(user)
    if r.site_admin:
        return True
    if event.network is not None:
        return network_role(user, event.network) == NetworkRole.LEAD
    if event.system_id is not None:
        return event.system_id in r.system_ids
    return organises_national(user)


def organised_condition(user: Any) -> Q:
    """Events the user organises, in any status."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    r = reach(user)
    if r.site_admin:
        return Q(pk__isnull=False)  # every event (an empty Q would vanish when combined with |)
    condition = Q(network_id__in=led_networks(user).values("pk"))
    if r.system_ids:
        condition |= Q(system_id__in=r.system_ids)
    if organises_national(user):
        condition |= Q(network__isnull=True, system__isnull=True)
    return condition


def seen_condition(user: Any) -> Q:
    """Published (and cancelled) events the user may see, organised by them or not."""
    everyone = Q(audience=Audience.EVERYONE) & (
        Q(network__isnull=True) | Q(network_id__in=networks_visible_to(user).values("pk"))
    )
    condition = everyone
    if user is not None and user.is_authenticated:
        member_systems = Membership.objects.filter(user=user, network__system__isnull=False).values(
            "network__system_id"
        )
        condition |= Q(audience=Audience.NETWORK) & of_networks_condition(user, "network")
        condition |= Q(audience=Audience.SYSTEM) & (
            Q(system_id__in=member_systems) | Q(system_id__in=systems_overseen_by(user).values("pk"))
        )
    return Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]) & condition


def events_visible_to(user: Any) -> QuerySet[Event]:
    """Every event the user may open. Start every event query for a person here."""
    return Event.objects.filter(seen_condition(user) | organised_condition(user))


def events_organised_by(user: Any) -> QuerySet[Event]:
    return Event.objects.filter(organised_condition(user))


def event_for_user_or_404(user: Any, event_id: Any) -> Event:
    event = events_visible_to(user).select_related("network__system", "system", "series").filter(pk=event_id).first()
    if event is None:
        raise Http404("No such event")
    return event


def event_managed_or_404(user: Any, event_id: Any) -> Event:
    event = event_for_user_or_404(user, event_id)
    if not can_manage_event(user, event):
        raise Http404("No such page")
    return event


def can_view_event(user: Any, event: Event) -> bool:
    return events_visible_to(user).filter(pk=event.pk).exists()


def in_audience(user: Any, event: Event) -> bool:
    """Whether the person is one of those the event is for (what registering needs, besides it being open)."""
    if user is None or not user.is_authenticated:
        return False
    if event.audience == Audience.NETWORK:
        return event.network is not None and network_role(user, event.network) is not None
    if event.audience == Audience.SYSTEM:
        return (
            event.system_id is not None
            and Membership.objects.filter(user=user, network__system_id=event.system_id).exists()
        )
    return True


def can_register(user: Any, event: Event) -> bool:
    return (
        event.status == EventStatus.PUBLISHED
        and timezone.now() < event.closes_at
        and in_audience(user, event)
        and can_view_event(user, event)
    )


def hosts_for(user: Any) -> list[tuple[str, str]]:
    """Who the person may organise an event for, as (value, words): "national", "system:<id>", "network:<id>"."""
    hosts: list[tuple[str, str]] = []
    if user is None or not user.is_authenticated:
        return hosts
    if organises_national(user):
        hosts.append(("national", "A national event"))
    for system in led_systems(user).order_by("name"):
        hosts.append((f"system:{system.pk}", system.name))
    for network in led_networks(user).order_by("name"):
        hosts.append((f"network:{network.pk}", network.name))
    return hosts


core.register_all(
    {
        "event.view": can_view_event,
        "event.manage": can_manage_event,
        "event.register": can_register,
    }
)
core.register("event.create", can_create_event, needs_object=False)
