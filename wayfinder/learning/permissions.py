"""Who may see what in learning.

A learner's answers, units done and workbook are theirs alone: every read of them is filtered on the person asking,
so there is no rule that lets anyone else in (not a lead, not a site admin). What others see is counts: a network
lead sees how many of their network's members are enrolled on, part way through and finished with each module; a
system lead the same for the people in the networks of their system (never confidential networks, which overseers do
not see).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from wayfinder.core.permissions import reach, register
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Membership, Network, Privacy, System


@dataclass(frozen=True)
class Group:
    """A group of people whose counts a lead may see: a network they lead, or a system they lead."""

    kind: str  # "network" or "system"
    pk: int
    name: str
    people: Any  # a queryset of user ids


def led_networks(user: Any) -> QuerySet[Network]:
    if user is None or not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.filter(memberships__user=user, memberships__role=NetworkRole.LEAD).order_by("name")


def led_systems(user: Any) -> QuerySet[System]:
    if user is None or not user.is_authenticated:
        return System.objects.none()
    return System.objects.filter(pk__in=reach(user).system_ids).order_by("name")


def groups_for(user: Any) -> list[Group]:
    """The networks and systems whose learners' counts the person may see: two queries."""
    groups = [
        Group(
            kind="network",
            pk=network.pk,
            name=network.name,
            people=Membership.objects.filter(network_id=network.pk).values("user_id"),
        )
        for network in led_networks(user)
    ]
    groups += [
        Group(
            kind="system",
            pk=system.pk,
            name=system.name,
            people=Membership.objects.filter(
                Q(network__system_id=system.pk) & ~Q(network__privacy=Privacy.CONFIDENTIAL)
            ).values("user_id"),
        )
        for system in led_systems(user)
    ]
    return groups


def can_see_counts(user: Any, _: Any = None) -> bool:
    """Leads of a network or a system see their people's counts."""
    if user is None or not user.is_authenticated:
        return False
    return bool(reach(user).system_ids) or led_networks(user).exists()


register("learning.counts", can_see_counts, needs_object=False)
