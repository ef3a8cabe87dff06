"""A demo development plan for `manage.py seed_demo`, started from the demo baseline round with actions for
the demo people. Made once: a plan that already exists is left as it is (people may have changed it)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.assessments.models import Round
from wayfinder.plans import naming, services
from wayfinder.plans.models import ActionStatus, Plan, PriorityKind


def seed() -> list[str]:
    round_ = Round.objects.filter(network__slug="ravensby-central-pcn", title="Baseline 2026").first()
    if round_ is None or Plan.objects.filter(round=round_).exists():
        return []
    people = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@wayfinder.test")}
    lead, member, facilitator = people["lead"], people["member"], people["facilitator"]
    keys = list(round_.version.dimensions.order_by("position").values_list("key", flat=True))
    today = timezone.localdate()
    plan = services.plan_start(
        network=round_.network,
        round_=round_,
        user=lead,
        title=naming.default_title(purpose_label=round_.get_purpose_display(), opened_on=round_.opens_on),
        starts_on=today - timedelta(days=150),
        ends_on=services.a_year_on(today - timedelta(days=150)),
        choices=[
            services.Choice(dimension_key=keys[1], support_domain_key="population-health-management"),
            services.Choice(dimension_key=keys[3], support_domain_key="organisational-development-and-change"),
        ],
    )
    first, second = list(plan.priorities.order_by("position"))[:2]
    services.action_add(
        priority=first,
        user=lead,
        title="Agree the three measures every practice reports each month",
        owner=member,
        due_on=today + timedelta(days=3),
        status=ActionStatus.IN_PROGRESS,
    )
    services.action_add(
        priority=first, user=lead, title="Run a population health workshop", owner=facilitator, due_on=today
    )
    services.action_add(
        priority=second,
        user=lead,
        title="Write down how the network's budget is shared",
        owner=lead,
        due_on=today + timedelta(days=30),
    )
    services.priority_add(
        plan=plan,
        user=lead,
        kind=PriorityKind.SERVICE_IMPROVEMENT,
        title="Quicker first contact for people referred to social prescribing",
        support_domain_key="social-prescribing-and-asset-based-community-development",
        goal="People referred hear from a link worker within a week",
        measure="Days from referral to first contact, counted monthly",
    )
    return [f"Demo plan: {plan.title} for {round_.network.name}, with actions for {member.email}."]
