"""Fixtures for the support app: the shared world plus a steering-group member, a Clinical Director's plan and
support requests from networks in both systems."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tests import factories as f
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.models import NetworkRole
from wayfinder.support import services


@pytest.fixture
def sworld(world: SimpleNamespace) -> SimpleNamespace:
    steering = f.UserFactory.create(email="steering@example.org", full_name="Stella Steering")
    f.MembershipFactory.create(user=steering, network=world.open, role=NetworkRole.STEERING)
    domain = SupportDomain.objects.order_by("position").first()
    assert domain is not None, "the built-in support domains are loaded by a data migration"
    world.steering = steering
    world.domain = domain
    world.plan = services.cd_plan_start(person=world.lead, network=world.open)
    world.request = services.support_request_create(
        network=world.open, requested_by=world.lead, domain=domain, what="Coaching for the team", why="Low scores"
    )
    # A request from a network in the other system (private, system B): system A's lead must never reach it.
    world.other_request = services.support_request_create(
        network=world.private, requested_by=world.lead, domain=domain, what="Facilitation", why="New network"
    )
    return world


def who(world: SimpleNamespace, name: str) -> Any:
    return AnonymousUser() if name == "anonymous" else getattr(world, name)
