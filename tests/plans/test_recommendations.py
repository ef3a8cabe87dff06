"""'Recommended for your network' on a plan's page: resources for the network's weakest dimensions in its latest
closed round, its priorities' dimensions and the support domains the plan chose, each with the reason, at a fixed
number of queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.factories import add_raters, build_round
from tests.plans.support import DOMAINS, rated_round, start_plan
from tests.plans.test_plans import MAX_PLAN_PAGE_QUERIES
from tests.signing_in import sign_in
from wayfinder.assessments.models import Round
from wayfinder.plans import services
from wayfinder.plans.models import PriorityKind

pytestmark = pytest.mark.django_db


def publish(slug: str, title: str, *, dimensions: tuple[str, ...] = (), domains: tuple[str, ...] = ()) -> None:
    f.hub_resource(slug, title=title, summary=f"About {title.lower()}.", dimensions=dimensions, domains=domains)


def test_the_plan_page_recommends_resources_with_the_reason(world: SimpleNamespace, client: Client) -> None:
    # The plan's round has closed: dimension 1 agreed at 2, medians 2, 3 and 5 for dimensions 2 to 4.
    plan = start_plan(world.open, world.lead)  # priorities: dimension-1 (pcn-set-up), dimension-2 (OD and change)
    publish("for-dimension-2", "Dimension two guide", dimensions=("dimension-2",))
    publish("for-dimension-3", "Dimension three guide", dimensions=("dimension-3",))
    publish("for-od", "Change guide", domains=(DOMAINS[1],))
    publish("unrelated", "Unrelated guide", domains=(DOMAINS[4],))
    sign_in(client, world.lead)

    html = client.get(f"/plans/{plan.pk}/").content.decode()

    assert "Recommended for your network" in html
    assert ">Dimension two guide</a>" in html and ">Change guide</a>" in html
    assert "Unrelated guide" not in html
    # Dimension 3 is not one of the plan's priorities, but it is among the network's weakest.
    assert ">Dimension three guide</a>" in html
    assert html.index("Dimension two guide") < html.index("Dimension three guide") < html.index("Change guide")
    assert "Because Dimension 2 of the matrix is at level 2." in html
    assert "Because Dimension 3 of the matrix is at level 3." in html
    assert "Because you chose Organisational development and change in your plan." in html


def test_levels_come_from_the_latest_closed_round(world: SimpleNamespace, client: Client) -> None:
    first = rated_round(world.open)  # opened 60 days ago: dimension 2 at level 2
    plan = start_plan(world.open, world.lead, round_=first)
    today = timezone.localdate()
    later = build_round(world.open, first.version, title="Progress", opens_on=today - timedelta(days=40))
    add_raters(later, [[4, 4, 4, 4]])
    still_open = build_round(world.open, first.version, title="Open", opens_on=today - timedelta(days=5))
    add_raters(still_open, [[1, 1, 1, 1]])
    publish("for-dimension-2", "Dimension two guide", dimensions=("dimension-2",))
    sign_in(client, world.lead)

    html = client.get(f"/plans/{plan.pk}/").content.decode()

    assert "Because Dimension 2 of the matrix is at level 4." in html
    assert "is at level 2" not in html and "is at level 1" not in html


def test_without_a_closed_round_a_priority_counts_at_its_level_when_chosen(
    world: SimpleNamespace, client: Client
) -> None:
    round_ = rated_round(world.open)
    plan = start_plan(world.open, world.lead, round_=round_)
    Round.objects.filter(pk=round_.pk).update(closes_on=timezone.localdate() + timedelta(days=7))
    publish("for-dimension-2", "Dimension two guide", dimensions=("dimension-2",))
    publish("for-dimension-3", "Dimension three guide", dimensions=("dimension-3",))
    sign_in(client, world.lead)

    html = client.get(f"/plans/{plan.pk}/").content.decode()

    assert "Because Dimension 2 of the matrix was at level 2 when you made it a priority." in html
    # With no closed round there is nothing to say about dimensions the plan does not work on.
    assert "Dimension three guide" not in html


def test_a_plan_with_nothing_to_recommend_shows_no_heading(world: SimpleNamespace, client: Client) -> None:
    plan = start_plan(world.open, world.lead)
    publish("unrelated", "Unrelated guide", domains=(DOMAINS[4],))
    sign_in(client, world.lead)

    assert "Recommended for your network" not in client.get(f"/plans/{plan.pk}/").content.decode()


def test_recommendations_cost_the_same_at_two_sizes(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    plan = start_plan(world.open, world.lead)
    sign_in(client, world.lead)
    counts = []
    for size in (5, 30):
        for n in range(size):
            publish(f"r-{size}-{n}", f"Guide {size} {n}", dimensions=("dimension-2",), domains=(DOMAINS[n % 6],))
            services.priority_add(
                plan=plan,
                user=world.lead,
                kind=PriorityKind.DEVELOPMENT,
                title=f"Extra {size} {n}",
                support_domain_key=DOMAINS[n % 6],
            )
        client.get(f"/plans/{plan.pk}/")  # warm: Wagtail caches the site's root paths after pages change
        with django_assert_max_num_queries(MAX_PLAN_PAGE_QUERIES) as captured:
            html = client.get(f"/plans/{plan.pk}/").content.decode()
        assert html.count('class="wf-meta nhsuk-body-s">Because') == 4
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_a_round_closed_early_counts_as_closed(world: SimpleNamespace, client: Client) -> None:
    first = rated_round(world.open)
    plan = start_plan(world.open, world.lead, round_=first)
    closed_early = build_round(world.open, first.version, title="Closed early")  # would close in 18 days
    add_raters(closed_early, [[3, 3, 3, 3]])
    Round.objects.filter(pk=closed_early.pk).update(closed_early_at=timezone.now())
    publish("for-dimension-2", "Dimension two guide", dimensions=("dimension-2",))
    sign_in(client, world.lead)

    html = client.get(f"/plans/{plan.pk}/").content.decode()

    assert "Because Dimension 2 of the matrix is at level 3." in html
