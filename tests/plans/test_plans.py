"""Plans: priorities proposed from gaps, starting a plan, service-improvement priorities, reviews with
movement, the history log, and what the plan page costs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.factories import add_raters, build_round
from tests.html import link_texts
from tests.plans.support import DOMAINS, add_actions, add_service_improvement, rated_round, start_plan
from tests.signing_in import sign_in
from wayfinder.assessments.models import Round
from wayfinder.plans import gaps, naming, services
from wayfinder.plans.models import Action, Plan, PlanEvent, Priority, PriorityKind, PriorityReview, Progress, Review

pytestmark = pytest.mark.django_db

# Eight for the plan itself, one to find the latest closed round, six for its results and at most three for the
# knowledge hub's recommendations; one more for the panels other apps add (core/panels.py) when what they keep is
# stale.
MAX_PLAN_PAGE_QUERIES = 19


# Proposals from gaps (pure) -------------------------------------------------------------------------------


def _now(key: str, number: int, current: float | None, target: int | None = None) -> gaps.DimensionNow:
    return gaps.DimensionNow(key=key, number=number, name=key.title(), current=current, target=target)


def test_it_proposes_the_largest_gaps_first() -> None:
    proposals = gaps.propose([_now("a", 1, 3.0, 4), _now("b", 2, 1.0, 4), _now("c", 3, 2.5, 4)], top_level=5)

    assert [p.key for p in proposals] == ["b", "c", "a"]
    assert [p.gap for p in proposals] == [3.0, 1.5, 1.0]


def test_without_a_target_the_gap_is_measured_to_the_top_level() -> None:
    (proposal,) = gaps.propose([_now("a", 1, 2.0)], top_level=5)

    assert proposal.aim == 5 and proposal.gap == 3.0 and not proposal.has_target


def test_a_dimension_with_a_target_comes_first_on_an_equal_gap() -> None:
    proposals = gaps.propose([_now("no-target", 1, 3.0), _now("target", 2, 1.0, 3)], top_level=5)

    assert [p.key for p in proposals] == ["target", "no-target"]


def test_met_targets_and_unrated_dimensions_are_not_proposed() -> None:
    proposals = gaps.propose([_now("met", 1, 4.0, 3), _now("top", 2, 5.0), _now("unrated", 3, None, 4)], top_level=5)

    assert proposals == []


def test_only_the_largest_three_are_ticked_to_start_with() -> None:
    proposals = gaps.propose([_now(f"d{n}", n, 1.0 + n / 10) for n in range(1, 6)], top_level=5)

    assert [p.suggested for p in proposals] == [True, True, True, False, False]


# Starting a plan ------------------------------------------------------------------------------------------


def test_a_plan_copies_levels_targets_and_tags_from_the_round(world: SimpleNamespace) -> None:
    plan = start_plan(world.open, world.lead, keys=["dimension-1", "dimension-2"])

    first, second = plan.priorities.order_by("position")
    assert (first.level_then, first.target_level) == (2.0, 3)  # the agreed level, not the median of 1
    assert (second.level_then, second.target_level) == (2.0, None)
    assert plan.top_level == 5
    assert first.tags == {"dimensions": ["dimension-1"], "domains": [DOMAINS[0]]}
    assert Priority.objects.filter(plan=plan).values_list("support_domain_id", flat=True)[0] == DOMAINS[0]
    event = PlanEvent.objects.get(plan=plan)
    assert event.kind == "plan_started" and event.actor == world.lead


def test_the_start_page_proposes_gaps_and_starts_the_plan(world: SimpleNamespace, client: Client) -> None:
    round_ = rated_round(world.open)
    sign_in(client, world.lead)

    page = client.get(f"/rounds/{round_.pk}/plan/new/")
    assert page.status_code == 200
    html = page.content.decode()
    # Largest gap first: dimension 2 (3 to the top level), then 3 (2 to target), then 1 (1 to target).
    assert html.index("2. Dimension 2") < html.index("3. Dimension 3") < html.index("1. Dimension 1")
    assert "4. Dimension 4" not in html
    assert "Key components of Leadership development" in html

    today = timezone.localdate()
    response = client.post(
        f"/rounds/{round_.pk}/plan/new/",
        {
            "title": "Plan for this year",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=300)).isoformat(),
            "include_dimension-2": "on",
            "domain_dimension-2": DOMAINS[2],
            "include_dimension-3": "on",
            "domain_dimension-3": DOMAINS[3],
        },
    )
    plan = Plan.objects.get(network=world.open)
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    assert list(plan.priorities.values_list("dimension_key", "support_domain_id")) == [
        ("dimension-2", DOMAINS[2]),
        ("dimension-3", DOMAINS[3]),
    ]


def test_the_suggested_name_says_which_round_the_plan_comes_from(world: SimpleNamespace, client: Client) -> None:
    round_ = rated_round(world.open)
    Round.objects.filter(pk=round_.pk).update(opens_on=date(2026, 3, 2))
    sign_in(client, world.lead)
    html = client.get(f"/rounds/{round_.pk}/plan/new/").content.decode()
    assert 'value="Development plan from the baseline of March 2026"' in html


@pytest.mark.parametrize(
    ("purpose", "opened_on", "number", "title"),
    [
        ("Baseline", date(2026, 3, 2), 1, "Development plan from the baseline of March 2026"),
        ("Progress check", date(2027, 1, 31), 1, "Development plan from the progress check of January 2027"),
        ("Annual review", date(2027, 9, 1), 2, "Development plan from the annual review of September 2027 (2)"),
    ],
)
def test_default_titles_name_the_round_and_its_month(purpose: str, opened_on: date, number: int, title: str) -> None:
    assert naming.default_title(purpose_label=purpose, opened_on=opened_on, number=number) == title


def test_a_round_with_a_plan_sends_the_person_to_it_rather_than_starting_another(
    world: SimpleNamespace, client: Client
) -> None:
    plan = start_plan(world.open, world.lead)
    assert plan.round is not None
    sign_in(client, world.lead)
    url = f"/rounds/{plan.round.pk}/plan/new/"

    page = client.get(url).content.decode()
    assert "This round already has a development plan" in page
    assert f'href="/plans/{plan.pk}/"' in page and f'href="{url}?another=yes"' in page
    assert 'name="title"' not in page

    # A form sent twice, or from an old tab, starts nothing.
    chosen = {"include_dimension-2": "on", "domain_dimension-2": DOMAINS[2]}
    response = client.post(url, _start_post(plan.round.pk, **chosen))
    assert "This round already has a development plan" in response.content.decode()
    with pytest.raises(ValidationError, match="already been started from this round"):
        start_plan(world.open, world.lead, round_=plan.round)
    assert Plan.objects.count() == 1

    # Starting another is a choice the person makes.
    form = client.get(url + "?another=yes").content.decode()
    assert "You are starting another plan from this round" in form
    assert 'name="another" value="yes"' in form and "(2)" in form
    response = client.post(url + "?another=yes", _start_post(plan.round.pk, another="yes", **chosen))
    assert response.status_code == 302
    assert Plan.objects.filter(round=plan.round).count() == 2


def _start_post(round_id: int, **extra: str) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "title": "A plan",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=200)).isoformat(),
        **extra,
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Choose at least one dimension to work on"),
        ({"include_dimension-2": "on"}, "Dimension 2 of the matrix: choose the support domain it links to"),
        ({"include_dimension-2": "on", "domain_dimension-2": "money-for-nothing"}, "Select a valid choice"),
        (
            {"include_dimension-2": "on", "domain_dimension-2": DOMAINS[0], "ends_on": "2000-01-01"},
            "The end date must be after the start date",
        ),
    ],
)
def test_bad_start_input_gets_a_clear_message_and_writes_nothing(
    world: SimpleNamespace, client: Client, extra: dict[str, str], message: str
) -> None:
    round_ = rated_round(world.open)
    sign_in(client, world.lead)

    response = client.post(f"/rounds/{round_.pk}/plan/new/", _start_post(round_.pk, **extra))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists() and not PlanEvent.objects.exists()


def test_a_plan_covers_one_year_at_most(world: SimpleNamespace) -> None:
    round_ = rated_round(world.open)
    today = timezone.localdate()

    with pytest.raises(ValidationError, match="one year at most"):
        services.plan_start(
            network=world.open,
            round_=round_,
            user=world.lead,
            title="Too long",
            starts_on=today,
            ends_on=today + timedelta(days=400),
            choices=[services.Choice(dimension_key="dimension-1", support_domain_key=DOMAINS[0])],
        )
    assert not Plan.objects.exists()


def test_a_tampered_dimension_key_is_refused(world: SimpleNamespace) -> None:
    round_ = rated_round(world.open)
    today = timezone.localdate()

    with pytest.raises(ValidationError, match="not part of this round"):
        services.plan_start(
            network=world.open,
            round_=round_,
            user=world.lead,
            title="Plan",
            starts_on=today,
            ends_on=today + timedelta(days=100),
            choices=[services.Choice(dimension_key="not-a-dimension", support_domain_key=DOMAINS[0])],
        )
    assert not Plan.objects.exists()


def test_a_round_of_another_network_cannot_start_a_plan(world: SimpleNamespace) -> None:
    round_ = rated_round(world.restricted)

    with pytest.raises(ValidationError, match="another network"):
        start_plan(world.open, world.lead, round_=round_)


def test_a_start_page_for_a_round_the_lead_cannot_run_is_404(world: SimpleNamespace, client: Client) -> None:
    other = f.NetworkFactory.create(name="Elsewhere")
    round_ = rated_round(other)
    sign_in(client, world.lead)

    assert client.get(f"/rounds/{round_.pk}/plan/new/").status_code == 404
    assert client.get("/rounds/999999/plan/new/").status_code == 404


# Service-improvement priority -----------------------------------------------------------------------------


def test_the_plan_page_warns_until_there_is_a_service_improvement_priority(
    world: SimpleNamespace, client: Client
) -> None:
    plan = start_plan(world.open, world.lead)
    sign_in(client, world.lead)
    warning = "No service-improvement priority yet"

    assert warning in client.get(f"/plans/{plan.pk}/").content.decode()

    response = client.post(
        f"/plans/{plan.pk}/priorities/new/",
        {
            "kind": PriorityKind.SERVICE_IMPROVEMENT,
            "title": "Same-day appointments for children",
            "support_domain": DOMAINS[4],
            "goal": "Every child with an urgent need is seen on the day",
            "measure": "Share of same-day requests met, from the appointment system, monthly",
        },
    )
    assert response.status_code == 302
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert warning not in html
    assert "Same-day appointments for children" in html and "Share of same-day requests met" in html


@pytest.mark.parametrize(
    ("goal", "measure", "message"),
    [
        ("", "Monthly count", "Enter the goal this service improvement serves"),
        ("Shorter waits", "", "Enter how you will measure progress"),
    ],
)
def test_a_service_improvement_priority_needs_a_goal_and_a_measure(
    world: SimpleNamespace, client: Client, goal: str, measure: str, message: str
) -> None:
    plan = start_plan(world.open, world.lead)
    sign_in(client, world.lead)
    before = Priority.objects.count()

    response = client.post(
        f"/plans/{plan.pk}/priorities/new/",
        {
            "kind": PriorityKind.SERVICE_IMPROVEMENT,
            "title": "Shorter waits",
            "support_domain": DOMAINS[0],
            "goal": goal,
            "measure": measure,
        },
    )

    assert response.status_code == 200 and message in response.content.decode()
    assert Priority.objects.count() == before


def test_changing_a_priority_is_logged_with_before_and_after(world: SimpleNamespace, client: Client) -> None:
    plan = start_plan(world.open, world.lead)
    priority = plan.priorities.order_by("position").first()
    assert priority is not None
    sign_in(client, world.lead)

    client.post(
        f"/plans/{plan.pk}/priorities/{priority.pk}/edit/",
        {"kind": PriorityKind.DEVELOPMENT, "title": "Agree who decides what", "support_domain": DOMAINS[1]},
    )

    event = PlanEvent.objects.filter(plan=plan, kind="priority_changed").get()
    assert event.changes["Title"] == ["Improve Dimension 1 of the matrix", "Agree who decides what"]
    assert event.changes["Support domain"][1] == "Organisational development and change"
    history = client.get(f"/plans/{plan.pk}/history/").content.decode()
    assert "Agree who decides what" in history and world.lead.display_name in history


# Reviews --------------------------------------------------------------------------------------------------


def test_a_review_records_progress_and_shows_movement_since_the_plan_started(
    world: SimpleNamespace, client: Client
) -> None:
    first = rated_round(world.open)
    plan = start_plan(world.open, world.lead, round_=first, keys=["dimension-2", "dimension-3"])
    later = build_round(world.open, first.version, title="Progress check", opens_on=timezone.localdate())
    add_raters(later, [[2, 4, 3, 5], [2, 4, 3, 5]])
    dim2, dim3 = plan.priorities.order_by("position")
    sign_in(client, world.lead)

    response = client.post(
        f"/plans/{plan.pk}/reviews/new/",
        {
            "reviewed_on": timezone.localdate().isoformat(),
            "round": str(later.pk),
            f"progress_{dim2.pk}": Progress.ON_TRACK,
            f"note_{dim2.pk}": "Meetings now have a shared agenda",
            f"progress_{dim3.pk}": Progress.NO_PROGRESS,
            "summary": "Half-way check",
        },
    )

    review = Review.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/reviews/{review.pk}/"
    assert review.round == later
    assert PriorityReview.objects.get(review=review, priority=dim2).note == "Meetings now have a shared agenda"
    page = client.get(response["Location"]).content.decode()
    assert "Progress check" in page
    assert "up 2" in page  # dimension 2: median 2 then, 4 now
    assert "no change" in page  # dimension 3: 3 then and now
    assert "On track" in client.get(f"/plans/{plan.pk}/").content.decode()
    assert PlanEvent.objects.filter(plan=plan, kind="review_recorded").exists()


def test_a_review_must_say_how_every_priority_is_going(world: SimpleNamespace, client: Client) -> None:
    plan = start_plan(world.open, world.lead)
    sign_in(client, world.lead)

    response = client.post(f"/plans/{plan.pk}/reviews/new/", {"reviewed_on": timezone.localdate().isoformat()})

    assert response.status_code == 200 and "choose how it is going" in response.content.decode()
    assert not Review.objects.exists()


def test_a_review_cannot_link_a_round_of_another_network(world: SimpleNamespace, client: Client) -> None:
    plan = start_plan(world.open, world.lead)
    other = rated_round(world.restricted)
    priorities = list(plan.priorities.values_list("pk", flat=True))
    sign_in(client, world.lead)

    response = client.post(
        f"/plans/{plan.pk}/reviews/new/",
        {
            "reviewed_on": timezone.localdate().isoformat(),
            "round": str(other.pk),
            **{f"progress_{pk}": Progress.SOME_PROGRESS for pk in priorities},
        },
    )

    assert response.status_code == 200
    assert "Choose a round of this network on the same framework as the plan" in response.content.decode()
    assert not Review.objects.exists()


# What the plan page costs ---------------------------------------------------------------------------------


def _grow(plan: Plan, world: SimpleNamespace, priorities: int, actions: int) -> None:
    for n in range(priorities):
        services.priority_add(
            plan=plan,
            user=world.lead,
            kind=PriorityKind.DEVELOPMENT,
            title=f"Extra {n}",
            support_domain_key=DOMAINS[n % 6],
        )
    add_actions(plan, world.member, actions)


def test_the_plan_page_costs_the_same_at_two_sizes(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    plan = start_plan(world.open, world.lead)
    add_service_improvement(plan, world.lead)
    sign_in(client, world.lead)
    counts = []
    for priorities, actions in [(1, 2), (12, 60)]:
        _grow(plan, world, priorities, actions)
        review_progress = dict.fromkeys(plan.priorities.values_list("pk", flat=True), (Progress.ON_TRACK, ""))
        services.review_record(
            plan=plan, user=world.lead, reviewed_on=timezone.localdate(), round_=None, progress=review_progress
        )

        client.get(f"/plans/{plan.pk}/")  # warm: this process reads the hub's tags once, then keeps them
        with django_assert_max_num_queries(MAX_PLAN_PAGE_QUERIES) as captured:
            response = client.get(f"/plans/{plan.pk}/")

        assert response.status_code == 200
        assert response.content.decode().count("Action number") == Action.objects.filter(priority__plan=plan).count()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_plan_links_say_which_plan_and_round_they_open(world: SimpleNamespace, client: Client) -> None:
    """Plans that kept the old default name all read "Development plan 2026 to 2027"; so did their links."""
    first = start_plan(world.open, world.lead)
    second = start_plan(world.open, world.lead)
    Plan.objects.filter(network=world.open).update(title="Development plan 2026 to 2027")
    Plan.objects.filter(pk=second.pk).update(starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31))
    sign_in(client, world.lead)
    links = link_texts(client.get("/networks/riverside-pcn/plans/").content.decode(), "/plans/")
    assert len({links[f"/plans/{first.pk}/"], links[f"/plans/{second.pk}/"]}) == 2
    assert links[f"/plans/{second.pk}/"] == "Development plan 2026 to 2027, 1 April 2026 to 31 March 2027"
    starts = link_texts(client.get("/networks/riverside-pcn/plans/").content.decode(), "/rounds/")
    assert all(", opened " in text for text in starts.values())

    add_actions(first, world.member, 1)
    add_actions(Plan.objects.get(pk=second.pk), world.member, 1)
    sign_in(client, world.member)
    mine = link_texts(client.get("/my-actions/").content.decode(), "/plans/")
    assert mine[f"/plans/{first.pk}/"] == "Development plan 2026 to 2027, Riverside PCN"
