"""Builders the plans tests share: a rated round on a small matrix, and a plan started from it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from tests.factories import add_raters, build_round, build_version, dimension, level
from wayfinder.assessments.models import Consensus, Round, Target
from wayfinder.frameworks.models import FrameworkVersion
from wayfinder.networks.models import Network
from wayfinder.plans import services
from wayfinder.plans.models import Action, Plan, Priority, PriorityKind

DOMAINS = [
    "pcn-set-up",
    "organisational-development-and-change",
    "leadership-development",
    "supporting-collaborative-working",
    "population-health-management",
    "social-prescribing-and-asset-based-community-development",
]


def rated_round(network: Network, *, version: FrameworkVersion | None = None, title: str = "Baseline") -> Round:
    """Four dimensions on five levels: medians 1, 2, 3 and 5; dimension 1 agreed at 2; targets on 1 and 3."""
    version = version or build_version(dimensions=4, levels=5)
    round_ = build_round(network, version, title=title, opens_on=timezone.localdate() - timedelta(days=60))
    add_raters(round_, [[1, 2, 3, 5], [1, 2, 3, 5], [1, 2, 3, 5]])
    Consensus.objects.create(round=round_, dimension=dimension(version, 1), level=level(version, 2))
    for key, position in (("dimension-1", 3), ("dimension-3", 5)):
        Target.objects.create(
            network=network,
            framework=version.framework,
            dimension_key=key,
            level_position=position,
            due_on=date(2099, 3, 31),
        )
    return round_


def start_plan(
    network: Network, user: Any, *, round_: Round | None = None, keys: list[str] | None = None, another: bool = False
) -> Plan:
    round_ = round_ or rated_round(network)
    today = timezone.localdate()
    return services.plan_start(
        network=network,
        round_=round_,
        user=user,
        title="Our plan",
        starts_on=today,
        ends_on=services.a_year_on(today),
        choices=[
            services.Choice(dimension_key=key, support_domain_key=DOMAINS[n])
            for n, key in enumerate(keys if keys is not None else ["dimension-1", "dimension-2"])
        ],
        another=another,
    )


def add_service_improvement(plan: Plan, user: Any) -> Priority:
    return services.priority_add(
        plan=plan,
        user=user,
        kind=PriorityKind.SERVICE_IMPROVEMENT,
        title="Faster access to social prescribing",
        support_domain_key=DOMAINS[5],
        goal="People wait less than two weeks to see a link worker",
        measure="Median wait in days, from the referral log, every month",
    )


def add_actions(plan: Plan, owner: Any, count: int, *, due_in_days: int = 30) -> list[Action]:
    priorities = list(plan.priorities.order_by("position"))
    return [
        services.action_add(
            priority=priorities[n % len(priorities)],
            user=owner,
            title=f"Action number {n}",
            owner=owner,
            due_on=timezone.localdate() + timedelta(days=due_in_days),
        )
        for n in range(count)
    ]


def make_overdue(action: Action, days: int = 2) -> Action:
    """Move an action's due date into the past, as time passing would."""
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=days))
    action.refresh_from_db()
    return action
