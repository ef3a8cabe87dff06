"""Who may start, see, edit and update development plans and their actions, and the scoped selector every plan
query for a person starts from."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wayfinder.core import permissions as core
from wayfinder.core.permissions import can as can
from wayfinder.core.permissions import is_site_admin
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Network
from wayfinder.networks.permissions import belongs_or_oversees, network_role, of_networks_visible_to
from wayfinder.plans.models import Action, Plan

PLAN_EDITORS = (NetworkRole.LEAD, NetworkRole.FACILITATOR)


def can_start_plan(user: Any, network: Network) -> bool:
    """Leads and facilitators start and edit a network's development plan (site admins may too)."""
    return network_role(user, network) in PLAN_EDITORS or is_site_admin(user)


def can_view_plan(user: Any, plan: Plan) -> bool:
    """Members see their network's plans; system, regional and national roles see those they oversee."""
    return belongs_or_oversees(user, plan.network)


def can_edit_plan(user: Any, plan: Plan) -> bool:
    return can_view_plan(user, plan) and can_start_plan(user, plan.network)


def can_update_action(user: Any, action: Action) -> bool:
    """Editors change everything about an action; its owner, while still a member, may change its status and
    notes. Pass an action loaded with select_related("priority__plan__network")."""
    plan = action.priority.plan
    if can_edit_plan(user, plan):
        return True
    return user.is_authenticated and action.owner_id == user.pk and network_role(user, plan.network) is not None


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    """Every plan the user may see. Start every plan query for a user here."""
    return of_networks_visible_to(user, Plan.objects.all())


core.register_all(
    {
        "plan.start": can_start_plan,
        "plan.view": can_view_plan,
        "plan.edit": can_edit_plan,
        "action.update": can_update_action,
    }
)
