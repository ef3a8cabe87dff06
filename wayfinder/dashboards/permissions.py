"""Who may open which dashboard.

The system dashboard names every network in the system, so only those who oversee the system open it: its system
leads, the regional lead of its region, the national team and site admins. The regional and national dashboards
are open to anyone signed in, but show a figure worked out from fewer than DASHBOARD_MINIMUM_GROUP networks (a
system's or region's average on a dimension, say) only to those who oversee those networks, so no network's own
levels can be picked out (core/suppression.py). Confidential networks never appear on any dashboard.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from wayfinder.core import permissions as core
from wayfinder.core.permissions import can as can
from wayfinder.core.permissions import reach
from wayfinder.core.suppression import MINIMUM_GROUP
from wayfinder.networks.models import Region, System
from wayfinder.networks.permissions import oversees_system, systems_overseen_by

DASHBOARD_MINIMUM_GROUP = MINIMUM_GROUP


def can_view_system_dashboard(user: Any, system: System) -> bool:
    return user is not None and user.is_authenticated and oversees_system(user, system)


def can_view_region_dashboard(user: Any, region: Region) -> bool:
    return user is not None and user.is_authenticated


def can_view_national_dashboard(user: Any, _: Any = None) -> bool:
    return user is not None and user.is_authenticated


def oversees_region(user: Any, region: Region) -> bool:
    """Regional leads of the region, the national team and site admins see its systems broken out."""
    r = reach(user)
    return r.national or region.pk in r.region_ids


def can_set_dashboard_framework(user: Any, system: System) -> bool:
    """Choose the framework a system's dashboard shows by default: the system's own leads, and site admins."""
    if user is None or not user.is_authenticated:
        return False
    r = reach(user)
    return r.site_admin or system.pk in r.system_ids


def dashboard_systems_for(user: Any) -> QuerySet[System]:
    """Systems whose dashboards the user may open: those they lead, those in regions they lead, or all."""
    return systems_overseen_by(user)


def system_to_set_framework_or_404(user: Any, system_id: Any) -> System:
    """The system, if the user may choose its dashboard's framework; 404 otherwise."""
    r = reach(user)
    systems = System.objects.all() if r.site_admin else System.objects.filter(pk__in=r.system_ids)
    system = systems.filter(pk=system_id).first()
    if system is None:
        raise Http404("No such system")
    return system


def region_dashboard_or_404(user: Any, region_id: Any) -> Region:
    """The region, for anyone signed in; 404 otherwise."""
    regions = Region.objects.all() if user is not None and user.is_authenticated else Region.objects.none()
    region = regions.filter(pk=region_id).first()
    if region is None:
        raise Http404("No such region")
    return region


core.register_all(
    {
        "dashboard.system": can_view_system_dashboard,
        "dashboard.region": can_view_region_dashboard,
        "dashboard.national": can_view_national_dashboard,
        "dashboard.region_breakdown": oversees_region,
        "dashboard.set_framework": can_set_dashboard_framework,
    }
)
