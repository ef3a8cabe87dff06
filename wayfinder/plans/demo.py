"""A demo development plan for `manage.py seed_demo`, as `demo.yaml` describes it: started from the demo baseline
round with actions for the demo people. Made once: a plan that already exists is left as it is (people may have
changed it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.assessments.models import Round
from wayfinder.core.datafiles import read_yaml
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.plans import naming, services
from wayfinder.plans.models import ActionStatus, Plan, PriorityKind

DEMO = read_yaml(Path(__file__).resolve().parent / "demo.yaml")


def seed() -> list[str]:
    round_ = Round.objects.filter(network__slug=DEMO["network"], title=DEMO["round"]).first()
    if round_ is None or Plan.objects.filter(round=round_).exists():
        return []
    people = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@" + DEMO_DOMAIN)}
    lead = people[DEMO["started_by"]]
    today = timezone.localdate()
    starts_on = today + timedelta(days=DEMO["starts_in_days"])
    plan = services.plan_start(
        network=round_.network,
        round_=round_,
        user=lead,
        title=naming.default_title(purpose_label=round_.get_purpose_display(), opened_on=round_.opens_on),
        starts_on=starts_on,
        ends_on=services.a_year_on(starts_on),
        choices=[
            services.Choice(dimension_key=item["dimension"], support_domain_key=item["support_domain"])
            for item in DEMO["priorities"]
        ],
    )
    priorities = list(plan.priorities.order_by("position"))
    for priority, item in zip(priorities, DEMO["priorities"], strict=False):
        for action in item["actions"]:
            services.action_add(
                priority=priority,
                user=lead,
                title=action["title"],
                owner=people[action["owner"]],
                due_on=today + timedelta(days=action["due_in_days"]),
                status=ActionStatus(action.get("status", ActionStatus.NOT_STARTED)),
            )
    for item in DEMO["service_improvements"]:
        services.priority_add(
            plan=plan,
            user=lead,
            kind=PriorityKind.SERVICE_IMPROVEMENT,
            title=item["title"],
            support_domain_key=item["support_domain"],
            goal=item["goal"],
            measure=item["measure"],
        )
    owner = people[DEMO["priorities"][0]["actions"][0]["owner"]]
    return [f"Demo plan: {plan.title} for {round_.network.name}, with actions for {owner.email}."]
