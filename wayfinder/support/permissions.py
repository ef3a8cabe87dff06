"""Who may see and change readiness checklists, support requests and Clinical Director plans, and the scoped
selectors every query for them starts from.

The readiness checklist is for PCNs: their members and overseers see it; the lead and steering group tick it.
A network's lead or steering group asks its system for support; the system's leads decide. A Clinical Director is
the lead of a PCN; their personal plan is private to them and their system's development lead, who is the system
lead of the PCN's system (there is no separate development-lead role). Site admins, regional and national teams do
not see personal plans.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from wayfinder.core import permissions as core
from wayfinder.core.permissions import can as can
from wayfinder.core.permissions import reach
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Network, Privacy, System
from wayfinder.networks.permissions import belongs_or_oversees, network_role, of_networks_visible_to, oversees_system
from wayfinder.support.models import ClinicalDirectorPlan, SupportRequest

NETWORK_DEVELOPERS = (NetworkRole.LEAD, NetworkRole.STEERING)


def can_view_readiness(user: Any, network: Network) -> bool:
    return network.is_pcn and belongs_or_oversees(user, network)


def can_edit_readiness(user: Any, network: Network) -> bool:
    return network.is_pcn and network_role(user, network) in NETWORK_DEVELOPERS


def can_view_system_readiness(user: Any, system: System) -> bool:
    """A system's page of PCNs and their readiness: its system leads and those above it."""
    return user is not None and user.is_authenticated and oversees_system(user, system)


def can_view_support_requests(user: Any, network: Network) -> bool:
    return belongs_or_oversees(user, network)


def can_request_support(user: Any, network: Network) -> bool:
    """Only a network in a system can ask; a confidential one is hidden from its system, so it cannot."""
    return (
        network.system_id is not None
        and network.privacy != Privacy.CONFIDENTIAL
        and network_role(user, network) in NETWORK_DEVELOPERS
    )


def can_view_support_request(user: Any, support_request: SupportRequest) -> bool:
    return can_view_support_requests(user, support_request.network)


def can_decide_support_request(user: Any, support_request: SupportRequest) -> bool:
    """Accept, decline, mark delivered and record what was commissioned: the leads of the network's system."""
    network = support_request.network
    return network.privacy != Privacy.CONFIDENTIAL and network.system_id in reach(user).system_ids


def support_requests_visible_to(user: Any) -> QuerySet[SupportRequest]:
    """Every support request the user may see. Start every support request query for a user here."""
    return of_networks_visible_to(user, SupportRequest.objects.all())


def is_clinical_director(user: Any, network: Network) -> bool:
    return network.is_pcn and network_role(user, network) == NetworkRole.LEAD


def is_development_lead_for(user: Any, network: Network) -> bool:
    return network.privacy != Privacy.CONFIDENTIAL and network.system_id in reach(user).system_ids


def can_start_cd_plan(user: Any, network: Network) -> bool:
    return is_clinical_director(user, network)


def can_view_cd_plan(user: Any, plan: ClinicalDirectorPlan) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return plan.person_id == user.pk or is_development_lead_for(user, plan.network)


def can_edit_cd_plan(user: Any, plan: ClinicalDirectorPlan) -> bool:
    """Self-ratings, needs and chosen support are the Clinical Director's own."""
    return user is not None and user.is_authenticated and plan.person_id == user.pk


def can_add_cd_progress(user: Any, plan: ClinicalDirectorPlan) -> bool:
    return can_view_cd_plan(user, plan)


def cd_plans_visible_to(user: Any) -> QuerySet[ClinicalDirectorPlan]:
    """Plans the user may open: their own, and those of Clinical Directors in systems they lead."""
    if user is None or not user.is_authenticated:
        return ClinicalDirectorPlan.objects.none()
    condition = Q(person=user)
    system_ids = reach(user).system_ids
    if system_ids:
        condition |= Q(network__system_id__in=system_ids) & ~Q(network__privacy=Privacy.CONFIDENTIAL)
    return ClinicalDirectorPlan.objects.filter(condition)


core.register_all(
    {
        "readiness.view": can_view_readiness,
        "readiness.edit": can_edit_readiness,
        "system.view_readiness": can_view_system_readiness,
        "support.view": can_view_support_requests,
        "support.request": can_request_support,
        "support_request.view": can_view_support_request,
        "support_request.decide": can_decide_support_request,
        "cd_plan.start": can_start_cd_plan,
        "cd_plan.view": can_view_cd_plan,
        "cd_plan.edit": can_edit_cd_plan,
        "cd_plan.add_progress": can_add_cd_progress,
    }
)
