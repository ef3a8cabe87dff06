"""Who may see and change a network's measures, publish libraries of definitions and see a system's roll-up, and the
scoped selectors every measure query for a person starts from.

Members of a network see its measures, as do those who oversee it (never a confidential network); its leads and
facilitators keep them. The national team publishes national libraries and a system's leads publish its own. A
system's roll-up is for those who oversee the system and counts no confidential network.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wayfinder.core import permissions as core
from wayfinder.core.permissions import can as can
from wayfinder.core.permissions import is_site_admin, reach
from wayfinder.core.roles import NetworkRole
from wayfinder.measures.models import Library, Measure
from wayfinder.networks.models import Network, System
from wayfinder.networks.permissions import (
    belongs_or_oversees,
    get_visible_network_or_404,
    network_role,
    of_networks_visible_to,
    oversees_system,
)

MEASURE_KEEPERS = (NetworkRole.LEAD, NetworkRole.FACILITATOR)


def can_view_measures(user: Any, network: Network) -> bool:
    return user is not None and user.is_authenticated and belongs_or_oversees(user, network)


def can_edit_measures(user: Any, network: Network) -> bool:
    """Leads and facilitators define measures, enter and import values, annotate and mark step changes."""
    return network_role(user, network) in MEASURE_KEEPERS or is_site_admin(user)


def can_choose_top_five(user: Any, network: Network) -> bool:
    """Anyone who sees the measures may choose the five they see first."""
    return can_view_measures(user, network)


def can_publish_library(user: Any, system: System | None) -> bool:
    """The national team publishes national libraries (no system); a system's leads publish the system's."""
    if user is None or not user.is_authenticated:
        return False
    r = reach(user)
    if r.site_admin:
        return True
    if system is None:
        return r.national
    return system.pk in r.system_ids


def can_view_rollup(user: Any, system: System) -> bool:
    return user is not None and user.is_authenticated and oversees_system(user, system)


def measures_visible_to(user: Any) -> QuerySet[Measure]:
    """Every measure the person may see. Start every measure query for a person here."""
    return of_networks_visible_to(user, Measure.objects.all())


def libraries_usable_by(network: Network) -> QuerySet[Library]:
    """The libraries a network may pick from: the national ones and its own system's."""
    condition = Q(system__isnull=True)
    if network.system_id is not None:
        condition |= Q(system_id=network.system_id)
    return Library.objects.filter(condition)


def libraries_published_by(user: Any) -> QuerySet[Library]:
    """The libraries the person may add definitions to."""
    if user is None or not user.is_authenticated:
        return Library.objects.none()
    r = reach(user)
    if r.site_admin:
        return Library.objects.all()
    condition = Q(system_id__in=r.system_ids)
    if r.national:
        condition |= Q(system__isnull=True)
    return Library.objects.filter(condition)


def network_or_404(user: Any, slug: str, allowed: Any = can_view_measures) -> Network:
    network = get_visible_network_or_404(user, slug=slug)
    if not allowed(user, network):
        raise Http404("No such page")
    return network


def measure_or_404(user: Any, network: Network, measure_id: Any) -> Measure:
    measure = measures_visible_to(user).filter(network=network, pk=measure_id).first()
    if measure is None:
        raise Http404("No such measure")
    measure.network = network
    return measure


core.register_all(
    {
        "measures.view": can_view_measures,
        "measures.edit": can_edit_measures,
        "measures.choose": can_choose_top_five,
        "measures.rollup": can_view_rollup,
    }
)
