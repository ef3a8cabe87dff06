"""The demo plan seed_demo loads, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from wayfinder.plans.models import Action, Plan, PriorityKind

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_one_plan_with_actions_and_a_service_improvement_priority() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    plan = Plan.objects.get()
    assert plan.network.slug == "ravensby-central-pcn"
    assert plan.priorities.filter(kind=PriorityKind.SERVICE_IMPROVEMENT).count() == 1
    assert Action.objects.filter(priority__plan=plan).count() == 3
