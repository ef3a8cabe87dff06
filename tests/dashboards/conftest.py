"""Builders the dashboards tests share: networks with two rated rounds, a plan, a support request and ticks."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from tests import factories as f
from tests.factories import add_raters, build_round, build_version, dimension, level
from wayfinder.assessments.models import Consensus, Round
from wayfinder.core import changes
from wayfinder.dashboards.queries import DEFAULT_FRAMEWORK_SLUG
from wayfinder.frameworks.models import Framework, FrameworkVersion, SupportDomain
from wayfinder.networks.models import Network, Privacy, System
from wayfinder.plans.models import Plan, Priority
from wayfinder.support.models import ReadinessTick, SupportRequest

DOMAINS = ["pcn-set-up", "leadership-development"]


def committed() -> AbstractContextManager[Any]:
    """Run what waits for the commit (the dashboards' summary task and cache invalidation) at the end of the block,
    as a real commit would; inside a test's transaction nothing commits. Changes noted before the block (by
    fixtures) are delivered with it."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def settle() -> None:
    """Let what fixtures changed reach the dashboards now, as if their transaction had committed."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        transaction.on_commit(changes.deliver)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with nothing cached (ids are reused between tests on SQLite)."""
    cache.clear()
    yield
    cache.clear()


def assess(
    network: Network, version: FrameworkVersion, *, days_ago: int, ratings: Sequence[Sequence[int | None]]
) -> Round:
    with committed():
        round_ = build_round(network, version, opens_on=timezone.localdate() - timedelta(days=days_ago))
        add_raters(round_, ratings)
        # Built without the services, so say what changed as a bulk write does.
        changes.changed(rounds=[round_.pk])
    return round_


def grow(network: Network, version: FrameworkVersion) -> None:
    """A baseline at 1s, then a progress round (medians 2, 3, 4) with dimension 1 agreed at 3; a current plan with
    one priority, a support request and two readiness ticks."""
    with committed():
        _grow(network, version)


def _grow(network: Network, version: FrameworkVersion) -> None:
    assess(network, version, days_ago=400, ratings=[[1, 1, 1]])
    latest = assess(network, version, days_ago=60, ratings=[[2, 3, 4], [2, 3, 4]])
    Consensus.objects.create(round=latest, dimension=dimension(version, 1), level=level(version, 3))
    today = timezone.localdate()
    plan = Plan.objects.create(
        network=network,
        framework=version.framework,
        round=latest,
        title="Our plan",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=300),
        top_level=5,
    )
    Priority.objects.create(plan=plan, title="Lead together", support_domain_id=DOMAINS[1], dimension_key="dimension-1")
    SupportRequest.objects.create(
        network=network, domain=SupportDomain.objects.get(key=DOMAINS[0]), what="Coaching", why="New team"
    )
    for item in ("knows-its-journey", "one-team"):
        ReadinessTick.objects.create(network=network, item=item, evidence="Minutes", ticked_at=timezone.now())
    changes.changed(rounds=[latest.pk], networks=[network.pk])


def add_networks(system: System, version: FrameworkVersion, count: int) -> list[Network]:
    networks = []
    for _ in range(count):
        slug = f"net-{uuid.uuid4().hex[:8]}"
        network = f.NetworkFactory.create(
            name=f"Network {slug}", slug=slug, system=system, privacy=Privacy.PRIVATE, is_pcn=True, code=slug[-8:]
        )
        grow(network, version)
        networks.append(network)
    return networks


def default_stand_in(*, dimensions: int, levels: int) -> FrameworkVersion:
    """A small framework in the built-in PCN Maturity Matrix's place (its slug), so it is what every dashboard shows
    unless a filter or a system's leads choose another. The built-in one keeps its rows under another slug."""
    Framework.objects.filter(slug=DEFAULT_FRAMEWORK_SLUG).update(slug=f"{DEFAULT_FRAMEWORK_SLUG}-built-in")
    return build_version(dimensions=dimensions, levels=levels, slug=DEFAULT_FRAMEWORK_SLUG)


@pytest.fixture
def version() -> FrameworkVersion:
    return default_stand_in(dimensions=3, levels=5)


@pytest.fixture
def dworld(world: SimpleNamespace, version: FrameworkVersion) -> SimpleNamespace:
    """The shared world with the open PCN grown (two rounds, a plan) and the restricted network rated once."""
    grow(world.open, version)
    assess(world.restricted, version, days_ago=30, ratings=[[4, 4, 4]])
    assess(world.confidential, version, days_ago=30, ratings=[[5, 5, 5]])
    world.version = version
    return world


def user_named(world: SimpleNamespace, name: str) -> Any:
    return getattr(world, name)
