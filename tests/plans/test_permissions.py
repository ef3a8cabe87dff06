"""Who sees and who changes a development plan, as tables of roles × actions; what a person may not see
answers 404."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests import factories as f
from tests.assessments.test_results import sign_in
from tests.plans.support import add_actions, rated_round, start_plan
from wayfinder.networks.models import NetworkRole
from wayfinder.plans import permissions
from wayfinder.plans.models import Plan

pytestmark = pytest.mark.django_db

# Who: as in tests/networks/test_permissions.py, plus a facilitator of every network. The lead, facilitator and
# member belong to all four networks; the external belongs to the restricted one only. The system lead leads
# system A (open, restricted, confidential); the regional lead's region holds system A; private is in system B.
PEOPLE = [
    "anonymous",
    "outsider",
    "member",
    "external",
    "facilitator",
    "lead",
    "system_lead",
    "regional_lead",
    "national",
    "admin",
]

VIEW = {
    #                anon   outsider member external facil  lead  system regional national admin
    "open": [False, False, True, False, True, True, True, True, True, True],
    "restricted": [False, False, True, True, True, True, True, True, True, True],
    "private": [False, False, True, False, True, True, False, False, True, True],
    "confidential": [False, False, True, False, True, True, False, False, False, True],
}

EDIT = {
    "open": [False, False, False, False, True, True, False, False, False, True],
    "restricted": [False, False, False, False, True, True, False, False, False, True],
    "private": [False, False, False, False, True, True, False, False, False, True],
    "confidential": [False, False, False, False, True, True, False, False, False, True],
}


@pytest.fixture
def people(world: SimpleNamespace) -> SimpleNamespace:
    facilitator = f.UserFactory.create(email="facilitator@example.org", full_name="Fay Facilitator")
    for network in (world.open, world.restricted, world.private, world.confidential):
        f.MembershipFactory.create(user=facilitator, network=network, role=NetworkRole.FACILITATOR)
    world.facilitator = facilitator
    return world


@pytest.fixture
def plans(people: SimpleNamespace) -> dict[str, Plan]:
    made = {}
    for name in VIEW:
        plan = start_plan(getattr(people, name), people.lead, round_=rated_round(getattr(people, name)))
        add_actions(plan, people.member, 1)
        made[name] = plan
    return made


def person(world: SimpleNamespace, who: str) -> Any:
    return AnonymousUser() if who == "anonymous" else getattr(world, who)


def cases(table: dict[str, list[bool]]) -> list[tuple[str, str, bool]]:
    return [
        (network, who, expected) for network, row in table.items() for who, expected in zip(PEOPLE, row, strict=True)
    ]


@pytest.mark.parametrize(("network", "who", "expected"), cases(VIEW))
def test_who_may_see_a_plan(
    people: SimpleNamespace, plans: dict[str, Plan], network: str, who: str, expected: bool
) -> None:
    user = person(people, who)
    plan = plans[network]

    assert permissions.can(user, "plan.view", plan) is expected
    visible = permissions.plans_visible_to(user).filter(pk=plan.pk).exists()
    assert visible is expected, "the scoped selector and the policy must agree"


@pytest.mark.parametrize(("network", "who", "expected"), cases(EDIT))
def test_who_may_change_a_plan(
    people: SimpleNamespace, plans: dict[str, Plan], network: str, who: str, expected: bool
) -> None:
    user = person(people, who)
    plan = plans[network]

    assert permissions.can(user, "plan.edit", plan) is expected
    assert permissions.can(user, "plan.start", plan.network) is expected


def _status(client: Client, people: SimpleNamespace, who: str, url: str) -> int:
    if who != "anonymous":
        sign_in(client, person(people, who))
    return client.get(url).status_code


@pytest.mark.parametrize(("network", "who", "expected"), cases(VIEW))
def test_pages_that_show_a_plan_answer_404_to_those_who_may_not_see_it(
    people: SimpleNamespace, plans: dict[str, Plan], client: Client, network: str, who: str, expected: bool
) -> None:
    plan = plans[network]
    review_free_pages = [f"/plans/{plan.pk}/", f"/plans/{plan.pk}/history/", f"/plans/{plan.pk}/plan.docx"]
    for url in review_free_pages:
        code = _status(client, people, who, url)
        if who == "anonymous":
            assert code == 302, url
        else:
            assert code == (200 if expected else 404), url


@pytest.mark.parametrize(("network", "who", "expected"), cases(EDIT))
def test_pages_that_change_a_plan_answer_404_to_those_who_may_not_change_it(
    people: SimpleNamespace, plans: dict[str, Plan], client: Client, network: str, who: str, expected: bool
) -> None:
    plan = plans[network]
    priority = plan.priorities.order_by("position").first()
    assert priority is not None
    urls = [
        f"/plans/{plan.pk}/edit/",
        f"/plans/{plan.pk}/priorities/new/",
        f"/plans/{plan.pk}/priorities/{priority.pk}/edit/",
        f"/plans/{plan.pk}/priorities/{priority.pk}/actions/new/",
        f"/plans/{plan.pk}/reviews/new/",
    ]
    if plan.round_id is not None:
        urls.append(f"/rounds/{plan.round_id}/plan/new/")
    for url in urls:
        code = _status(client, people, who, url)
        if who == "anonymous":
            assert code == 302, url
        else:
            assert code == (200 if expected else 404), url


@pytest.mark.parametrize("who", ["member", "system_lead", "outsider"])
def test_a_post_by_someone_who_may_not_edit_writes_nothing(
    people: SimpleNamespace, plans: dict[str, Plan], client: Client, who: str
) -> None:
    plan = plans["open"]
    sign_in(client, person(people, who))
    before = plan.priorities.count()

    response = client.post(
        f"/plans/{plan.pk}/priorities/new/",
        {"kind": "development", "title": "Sneaky", "support_domain": "pcn-set-up"},
    )

    assert response.status_code == 404
    assert plan.priorities.count() == before


def test_a_plan_id_that_does_not_exist_is_404(people: SimpleNamespace, client: Client) -> None:
    sign_in(client, people.admin)
    assert client.get("/plans/987654/").status_code == 404


def test_the_network_plans_page_is_for_members_and_overseers(
    people: SimpleNamespace, plans: dict[str, Plan], client: Client
) -> None:
    sign_in(client, people.member)
    assert client.get("/networks/riverside-pcn/plans/").status_code == 200
    sign_in(client, people.outsider)
    assert client.get("/networks/riverside-pcn/plans/").status_code == 404
    sign_in(client, people.system_lead)
    assert client.get("/networks/riverside-pcn/plans/").status_code == 200
    assert client.get("/networks/quiet-network/plans/").status_code == 404
