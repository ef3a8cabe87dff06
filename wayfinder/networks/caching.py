"""Generations for what is drawn about one network (its page, its rounds' results) and for each person's home
page, bumped by the changes services announce through `core.changes`.

`follow_changes` listens to `core.changes.committed`; apps to the right that know more (assessments knows which
network a round belongs to and who rates it) call `networks_changed` with what they worked out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from wayfinder.core import generations, home
from wayfinder.core.changes import Changes
from wayfinder.networks.models import Appointment, Membership, Network, System

# What is drawn about a network is kept at most this long; a change bumps its generation long before.
NETWORK_SECONDS = 24 * 3600


# What a person has in networks (their roles, their requests to join) is kept at most this long; a change to their
# memberships or requests renews their generation long before.
PERSON_NETWORKS_SECONDS = 3600


def network_generation_key(network_id: int) -> str:
    return f"network:{network_id}"


def person_networks_generation_key(user_id: int) -> str:
    """The generation of a person's roles in networks and requests to join (`permissions.in_networks`), renewed for
    every person a change names: services name the people whose memberships and requests they write."""
    return f"networks:person:{user_id}:generation"


def follow_changes(sender: Any, changes: Changes, **kwargs: Any) -> None:
    """`core.changes.committed` listener (rounds are followed by assessments, which knows their networks)."""
    networks_changed(changes.networks, people=changes.people, systems=changes.systems, regions=changes.regions)


def networks_changed(
    network_ids: Iterable[int],
    *,
    people: Iterable[int] = (),
    systems: Iterable[int] = (),
    regions: Iterable[int] = (),
) -> None:
    """The networks' own pages and results are drawn again (the networks named, those of the people named, whose
    names show on their networks' pages, and those in the systems and regions named), and so is the home page of
    everyone the change reaches: the people named, the members of the networks and the system and regional leads
    above them. The roles and requests to join of the people named are read again. A few queries, on writes only.

    Members' home pages show their networks' system names too; a system renamed reaches those after HOME_SECONDS
    at most, rather than renewing the home of everyone in a region at once."""
    network_ids = set(network_ids)
    people = set(people)
    named = set(people)
    system_ids = set(systems)
    region_ids = set(regions)
    # Pages to draw again: these networks and, below, those of the people named and those in the systems and
    # regions named (a network's page names its system and region).
    pages = set(network_ids)
    if system_ids or region_ids:
        pages |= set(
            Network.objects.filter(Q(system_id__in=system_ids) | Q(system__region_id__in=region_ids)).values_list(
                "pk", flat=True
            )
        )
    if people:
        pages |= set(Membership.objects.filter(user_id__in=people).values_list("network_id", flat=True))
    if network_ids:
        people |= set(Membership.objects.filter(network_id__in=network_ids).values_list("user_id", flat=True))
        for system_id, region_id in Network.objects.filter(pk__in=network_ids).values_list(
            "system_id", "system__region_id"
        ):
            system_ids.update(pk for pk in (system_id,) if pk is not None)
            region_ids.update(pk for pk in (region_id,) if pk is not None)
    if system_ids:
        region_ids |= set(System.objects.filter(pk__in=system_ids).values_list("region_id", flat=True))
    if system_ids or region_ids:
        people |= set(
            Appointment.objects.filter(Q(system_id__in=system_ids) | Q(region_id__in=region_ids)).values_list(
                "user_id", flat=True
            )
        )
    generations.renew(
        [*(network_generation_key(pk) for pk in pages), *(person_networks_generation_key(pk) for pk in named)]
    )
    home.homes_changed(people)
