"""The one permission policy: every "may this user ..." question is answered here, and every query for
a user starts from a scoped selector here, so forgetting a filter shows nothing rather than everything.

Views and the API call these functions; they never re-implement a rule. An object a user may not see is
answered with 404 by the caller (see `get_visible_network_or_404`).

`core` sits at the centre of the dependency graph, so models are looked up lazily by app label.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connections, router
from django.db.models import Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from wayfinder.networks.models import Network


OPEN, RESTRICTED, PRIVATE, CONFIDENTIAL = "open", "restricted", "private", "confidential"
LEAD, FACILITATOR, STEERING, MEMBER, EXTERNAL = "lead", "facilitator", "steering", "member", "external"
SYSTEM_LEAD, REGIONAL_LEAD, NATIONAL_TEAM, EDITOR, SITE_ADMIN = (
    "system_lead",
    "regional_lead",
    "national_team",
    "editor",
    "site_admin",
)

# Roles whose holders must turn on two-factor authentication before they can use Wayfinder.
ROLES_NEEDING_TWO_FACTOR = frozenset({NATIONAL_TEAM, SITE_ADMIN})


def _model(name: str) -> Any:
    return apps.get_model("networks", name)


@dataclass(frozen=True)
class Reach:
    """What a user's appointments (roles above one network) let them oversee."""

    roles: frozenset[str]
    system_ids: frozenset[int]
    region_ids: frozenset[int]
    superuser: bool

    @property
    def site_admin(self) -> bool:
        return self.superuser or SITE_ADMIN in self.roles

    @property
    def national(self) -> bool:
        return NATIONAL_TEAM in self.roles or self.site_admin


NOBODY = Reach(frozenset(), frozenset(), frozenset(), False)


@functools.cache
def _reach_sql(table: str) -> str:
    # The table name comes from the model; the user is a parameter.
    return f'SELECT "role", "system_id", "region_id" FROM "{table}" WHERE "user_id" = %s'  # noqa: S608


def reach(user: Any) -> Reach:
    """The user's appointments, read once per request and kept on the user object."""
    if user is None or not user.is_authenticated:
        return NOBODY
    cached = getattr(user, "_wayfinder_reach", None)
    if cached is not None:
        return cached
    appointment = _model("Appointment")
    # Read on every signed-in request, so written out: building it through the ORM cost more than running it.
    with connections[router.db_for_read(appointment)].cursor() as cursor:
        cursor.execute(_reach_sql(appointment._meta.db_table), [user.pk])
        rows = cursor.fetchall()
    result = Reach(
        roles=frozenset(role for role, _, _ in rows),
        system_ids=frozenset(system for role, system, _ in rows if role == SYSTEM_LEAD and system),
        region_ids=frozenset(region for role, _, region in rows if role == REGIONAL_LEAD and region),
        superuser=bool(user.is_superuser),
    )
    user._wayfinder_reach = result
    return result


def forget_cached_roles(user: Any) -> None:
    """Call after changing a user's memberships or appointments within the same request."""
    for attribute in ("_wayfinder_reach", "_wayfinder_roles"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def is_site_admin(user: Any) -> bool:
    return reach(user).site_admin


def needs_two_factor(user: Any) -> bool:
    r = reach(user)
    return r.superuser or bool(r.roles & ROLES_NEEDING_TWO_FACTOR)


def network_role(user: Any, network: Network) -> str | None:
    """The user's role in the network, or None; memberships are read once per request."""
    if user is None or not user.is_authenticated:
        return None
    roles = getattr(user, "_wayfinder_roles", None)
    if roles is None:
        roles = dict(_model("Membership").objects.filter(user=user).values_list("network_id", "role"))
        user._wayfinder_roles = roles
    return roles.get(network.pk)


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


def oversees_system(user: Any, system: Any) -> bool:
    r = reach(user)
    return r.national or system.pk in r.system_ids or system.region_id in r.region_ids


# Selectors -----------------------------------------------------------------------------------------------


def networks_visible_to(user: Any) -> QuerySet[Network]:
    """Every network the user may open. Start every network query for a user here."""
    Network = _model("Network")
    qs = Network.objects.all()
    if user is None or not user.is_authenticated:
        return qs.filter(privacy__in=[OPEN, RESTRICTED])
    r = reach(user)
    if r.site_admin:
        return qs
    member_of = Q(memberships__user=user)
    condition = Q(privacy__in=[OPEN, RESTRICTED])
    if r.national:
        condition |= ~Q(privacy=CONFIDENTIAL)
    else:
        if r.system_ids:
            condition |= Q(privacy=PRIVATE, system_id__in=r.system_ids)
        if r.region_ids:
            condition |= Q(privacy=PRIVATE, system__region_id__in=r.region_ids)
    member_ids = Network.objects.filter(member_of).values("pk")
    return qs.filter(condition | Q(pk__in=member_ids))


def networks_listed_for(user: Any) -> QuerySet[Network]:
    """The directory: what the user may see, less confidential networks, which are never listed."""
    return networks_visible_to(user).exclude(privacy=CONFIDENTIAL)


def get_visible_network_or_404(user: Any, **lookup: Any) -> Network:
    network = networks_visible_to(user).select_related("system__region", "place").filter(**lookup).first()
    if network is None:
        raise Http404("No such network")
    return network


# The policy ------------------------------------------------------------------------------------------------


def can_view_network(user: Any, network: Network) -> bool:
    if network.privacy in (OPEN, RESTRICTED):
        return True
    return network_role(user, network) is not None or oversees(user, network)


def can_view_members(user: Any, network: Network) -> bool:
    if not user.is_authenticated or not can_view_network(user, network):
        return False
    if network.privacy == OPEN:
        return True
    return network_role(user, network) is not None or oversees(user, network)


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


NETWORK_ROLES = (LEAD, FACILITATOR, STEERING, MEMBER, EXTERNAL)
# A facilitator brings people in but does not decide who runs the network, so invites only as these.
ROLES_A_FACILITATOR_GIVES = (MEMBER, EXTERNAL)


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


def can_create_network(user: Any) -> bool:
    return bool(user.is_authenticated)


def systems_for_new_pcn(user: Any) -> QuerySet[Any]:
    """Systems in which the user may create a PCN: system leads in their own systems; site admins anywhere."""
    System = _model("System")
    r = reach(user)
    if r.site_admin:
        return System.objects.all()
    return System.objects.filter(pk__in=r.system_ids)


def can_create_pcn(user: Any, system: Any = None) -> bool:
    r = reach(user)
    if r.site_admin:
        return True
    if system is None:
        return bool(r.system_ids)
    return system.pk in r.system_ids


def can_import_hierarchy(user: Any) -> bool:
    return is_site_admin(user)


# One entry point for tables of roles × actions, for tests and for templates.
POLICY: dict[str, Callable[[Any, Any], bool]] = {
    "network.view": can_view_network,
    "network.view_members": can_view_members,
    "network.join": can_join_at_once,
    "network.request_to_join": can_request_to_join,
    "network.leave": can_leave,
    "network.manage_members": can_manage_members,
    "network.invite": can_invite,
    "network.edit": can_edit_network,
}


def can(user: Any, action: str, obj: Any = None) -> bool:
    """may `user` do `action` to `obj`? Unknown actions are refused."""
    if action == "network.create":
        return can_create_network(user)
    if action == "network.create_pcn":
        return can_create_pcn(user, obj)
    if action == "hierarchy.import":
        return can_import_hierarchy(user)
    if action == "framework.tailor":
        return can_tailor_frameworks(user)
    rule = POLICY.get(action)
    if rule is None or obj is None:
        return False
    return rule(user, obj)


# Frameworks -----------------------------------------------------------------------------------------------


def can_tailor_frameworks(user: Any) -> bool:
    """System leads, the national team and site admins may clone and tailor frameworks."""
    r = reach(user)
    return r.national or bool(r.system_ids)


def can_edit_framework(user: Any, framework: Any) -> bool:
    """Edit drafts and publish versions: the owning system's leads; national frameworks by the national team."""
    r = reach(user)
    if r.site_admin:
        return True
    if framework.built_in:
        return False
    if framework.owner_system_id is None:
        return r.national
    return framework.owner_system_id in r.system_ids or r.national


def can_view_version(user: Any, version: Any) -> bool:
    """Anyone signed in reads published versions; drafts are seen only by those who may edit them."""
    if not user.is_authenticated:
        return False
    if version.status != "draft":
        return True
    return can_edit_framework(user, version.framework)


# Assessment rounds ----------------------------------------------------------------------------------------

ROUND_RUNNERS = (LEAD, FACILITATOR)


def can_open_round(user: Any, network: Network) -> bool:
    return network_role(user, network) in ROUND_RUNNERS or is_site_admin(user)


def can_manage_round(user: Any, round_: Any) -> bool:
    """Invite raters, change dates, run a live session, record consensus and targets."""
    return can_open_round(user, round_.network)


def can_view_results(user: Any, round_: Any) -> bool:
    """Results (aggregates and anonymous ratings) are for the network's members and those who oversee it.
    Nobody but the rater sees a named rating."""
    network = round_.network
    return network_role(user, network) is not None or oversees(user, network)


def _of_networks_visible_to(user: Any, model: Any) -> QuerySet[Any]:
    """Rows of `model` (which has a `network`) whose network the user belongs to or oversees: members see their
    networks' rows, system and regional leads those of the networks below them, the national team all but
    confidential networks, site admins everything."""
    if user is None or not user.is_authenticated:
        return model.objects.none()
    r = reach(user)
    if r.site_admin:
        return model.objects.all()
    member_networks = _model("Membership").objects.filter(user=user).values("network_id")
    condition = Q(network_id__in=member_networks)
    if r.national:
        condition |= ~Q(network__privacy=CONFIDENTIAL)
    else:
        if r.system_ids:
            condition |= Q(network__system_id__in=r.system_ids) & ~Q(network__privacy=CONFIDENTIAL)
        if r.region_ids:
            condition |= Q(network__system__region_id__in=r.region_ids) & ~Q(network__privacy=CONFIDENTIAL)
    return model.objects.filter(condition)


def rounds_visible_to(user: Any) -> QuerySet[Any]:
    """Every round whose results the user may see. Start every round query for a user here."""
    return _of_networks_visible_to(user, apps.get_model("assessments", "Round"))


POLICY.update(
    {
        "round.open": can_open_round,
        "round.manage": can_manage_round,
        "round.view_results": can_view_results,
        "framework.edit": can_edit_framework,
        "version.view": can_view_version,
    }
)


# Development plans ----------------------------------------------------------------------------------------

PLAN_EDITORS = (LEAD, FACILITATOR)


def can_start_plan(user: Any, network: Network) -> bool:
    """Leads and facilitators start and edit a network's development plan (site admins may too)."""
    return network_role(user, network) in PLAN_EDITORS or is_site_admin(user)


def can_view_plan(user: Any, plan: Any) -> bool:
    """Members see their network's plans; system, regional and national roles see those they oversee."""
    network = plan.network
    return network_role(user, network) is not None or oversees(user, network)


def can_edit_plan(user: Any, plan: Any) -> bool:
    return can_view_plan(user, plan) and can_start_plan(user, plan.network)


def can_update_action(user: Any, action: Any) -> bool:
    """Editors change everything about an action; its owner, while still a member, may change its status and
    notes. Pass an action loaded with select_related("priority__plan__network")."""
    plan = action.priority.plan
    if can_edit_plan(user, plan):
        return True
    return user.is_authenticated and action.owner_id == user.pk and network_role(user, plan.network) is not None


def plans_visible_to(user: Any) -> QuerySet[Any]:
    """Every plan the user may see. Start every plan query for a user here."""
    return _of_networks_visible_to(user, apps.get_model("plans", "Plan"))


POLICY.update(
    {
        "plan.start": can_start_plan,
        "plan.view": can_view_plan,
        "plan.edit": can_edit_plan,
        "action.update": can_update_action,
    }
)


# Support, readiness and Clinical Director plans ------------------------------------------------------------
#
# The readiness checklist is for PCNs: their members and overseers see it; the lead and steering group tick it.
# A network's lead or steering group asks its system for support; the system's leads decide. A Clinical Director
# is the lead of a PCN; their personal plan is private to them and their system's development lead, who is the
# system lead of the PCN's system (there is no separate development-lead role). Site admins, regional and
# national teams do not see personal plans.

NETWORK_DEVELOPERS = (LEAD, STEERING)


def can_view_readiness(user: Any, network: Network) -> bool:
    return network.is_pcn and (network_role(user, network) is not None or oversees(user, network))


def can_edit_readiness(user: Any, network: Network) -> bool:
    return network.is_pcn and network_role(user, network) in NETWORK_DEVELOPERS


def can_view_system_readiness(user: Any, system: Any) -> bool:
    """A system's page of PCNs and their readiness: its system leads and those above it."""
    return user is not None and user.is_authenticated and oversees_system(user, system)


def can_view_support_requests(user: Any, network: Network) -> bool:
    return network_role(user, network) is not None or oversees(user, network)


def can_request_support(user: Any, network: Network) -> bool:
    """Only a network in a system can ask; a confidential one is hidden from its system, so it cannot."""
    return (
        network.system_id is not None
        and network.privacy != CONFIDENTIAL
        and network_role(user, network) in NETWORK_DEVELOPERS
    )


def can_view_support_request(user: Any, support_request: Any) -> bool:
    return can_view_support_requests(user, support_request.network)


def can_decide_support_request(user: Any, support_request: Any) -> bool:
    """Accept, decline, mark delivered and record what was commissioned: the leads of the network's system."""
    network = support_request.network
    return network.privacy != CONFIDENTIAL and network.system_id in reach(user).system_ids


def support_requests_visible_to(user: Any) -> QuerySet[Any]:
    """Every support request the user may see. Start every support request query for a user here."""
    return _of_networks_visible_to(user, apps.get_model("support", "SupportRequest"))


def is_clinical_director(user: Any, network: Network) -> bool:
    return network.is_pcn and network_role(user, network) == LEAD


def is_development_lead_for(user: Any, network: Network) -> bool:
    return network.privacy != CONFIDENTIAL and network.system_id in reach(user).system_ids


def can_start_cd_plan(user: Any, network: Network) -> bool:
    return is_clinical_director(user, network)


def can_view_cd_plan(user: Any, plan: Any) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return plan.person_id == user.pk or is_development_lead_for(user, plan.network)


def can_edit_cd_plan(user: Any, plan: Any) -> bool:
    """Self-ratings, needs and chosen support are the Clinical Director's own."""
    return user is not None and user.is_authenticated and plan.person_id == user.pk


def can_add_cd_progress(user: Any, plan: Any) -> bool:
    return can_view_cd_plan(user, plan)


def cd_plans_visible_to(user: Any) -> QuerySet[Any]:
    """Plans the user may open: their own, and those of Clinical Directors in systems they lead."""
    Plan = apps.get_model("support", "ClinicalDirectorPlan")
    if user is None or not user.is_authenticated:
        return Plan.objects.none()
    condition = Q(person=user)
    system_ids = reach(user).system_ids
    if system_ids:
        condition |= Q(network__system_id__in=system_ids) & ~Q(network__privacy=CONFIDENTIAL)
    return Plan.objects.filter(condition)


POLICY.update(
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


# Live consensus sessions ----------------------------------------------------------------------------------
#
# The people who run a round run its live sessions. Anyone who belongs to the network, in any role, or who was
# invited to rate in the round (an external rater with an account) may take part from their phone.


def can_run_session(user: Any, session: Any) -> bool:
    """Show the big screen, move between dimensions, record agreed levels and priorities, end the session.
    Pass a session loaded with select_related("round__network")."""
    return can_manage_round(user, session.round)


def can_take_part_in_session(user: Any, session: Any) -> bool:
    """Join with the code and answer. Pass a session loaded with select_related("round__network")."""
    if user is None or not user.is_authenticated:
        return False
    round_ = session.round
    if network_role(user, round_.network) is not None:
        return True
    return apps.get_model("assessments", "Rater").objects.filter(round_id=round_.pk, user=user).exists()


POLICY.update({"session.run": can_run_session, "session.join": can_take_part_in_session})


# Dashboards -----------------------------------------------------------------------------------------------
#
# The system dashboard names every network in the system, so only those who oversee the system open it: its
# system leads, the regional lead of its region, the national team and site admins. The regional and national
# dashboards are open to anyone signed in, but show a figure worked out from fewer than DASHBOARD_MINIMUM_GROUP
# networks (a system's or region's average on a dimension, say) only to those who oversee those networks, so no
# network's own levels can be picked out (dashboards/suppression.py). Confidential networks never appear on any
# dashboard.

DASHBOARD_MINIMUM_GROUP = 5


def can_view_system_dashboard(user: Any, system: Any) -> bool:
    return user is not None and user.is_authenticated and oversees_system(user, system)


def can_view_region_dashboard(user: Any, region: Any) -> bool:
    return user is not None and user.is_authenticated


def can_view_national_dashboard(user: Any, _: Any = None) -> bool:
    return user is not None and user.is_authenticated


def oversees_region(user: Any, region: Any) -> bool:
    """Regional leads of the region, the national team and site admins see its systems broken out."""
    r = reach(user)
    return r.national or region.pk in r.region_ids


def can_set_dashboard_framework(user: Any, system: Any) -> bool:
    """Choose the framework a system's dashboard shows by default: the system's own leads, and site admins."""
    if user is None or not user.is_authenticated:
        return False
    r = reach(user)
    return r.site_admin or system.pk in r.system_ids


def dashboard_systems_for(user: Any) -> QuerySet[Any]:
    """Systems whose dashboards the user may open: those they lead, those in regions they lead, or all."""
    System = _model("System")
    r = reach(user)
    if r.national:
        return System.objects.all()
    return System.objects.filter(Q(pk__in=r.system_ids) | Q(region_id__in=r.region_ids))


POLICY.update(
    {
        "dashboard.system": can_view_system_dashboard,
        "dashboard.region": can_view_region_dashboard,
        "dashboard.national": can_view_national_dashboard,
        "dashboard.region_breakdown": oversees_region,
        "dashboard.set_framework": can_set_dashboard_framework,
    }
)


# Rating in a round ----------------------------------------------------------------------------------------
#
# Only the person invited rates, and only they see their own answers. Signed-in raters are matched by their
# account; external raters without one are let in by the secret link in their email (the link is the
# permission, so those views look the rater up by the token's hash and need no policy check).


def can_rate(user: Any, rater: Any) -> bool:
    """Open the rating pages of `rater`: only the invited person's own account."""
    return user is not None and user.is_authenticated and rater.user_id is not None and rater.user_id == user.pk


def can_view_round(user: Any, round_: Any) -> bool:
    """See a round's page: anyone invited to rate in it, and those who may see its results. Pass a round loaded
    with select_related("network__system")."""
    if user is None or not user.is_authenticated:
        return False
    if can_view_results(user, round_):
        return True
    return apps.get_model("assessments", "Rater").objects.filter(round_id=round_.pk, user=user).exists()


POLICY.update({"rater.rate": can_rate, "round.view": can_view_round})
