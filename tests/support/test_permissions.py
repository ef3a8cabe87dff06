"""Who may see and change readiness checklists, support requests and Clinical Director plans: roles × actions.

People: anonymous, outsider, member, steering (steering group of the open PCN only), external (restricted network
only), lead (of all four networks; Clinical Director of the open PCN), system lead (system A), regional lead
(region of system A), national team, site admin. The open network is a PCN in system A; the restricted one is not
a PCN; the private one is in system B.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from tests.support.conftest import sign_in, who
from wayfinder.support import permissions

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous",
    "outsider",
    "member",
    "steering",
    "external",
    "lead",
    "system_lead",
    "regional_lead",
    "national",
    "admin",
]
T, F = True, False

# (action, object) -> one expected outcome per person, in PEOPLE order.
TABLE: dict[tuple[str, str], list[bool]] = {
    #                                    anon outs memb steer ext  lead  sys   reg   nat   admin
    ("readiness.view", "open"): [F, F, T, T, F, T, T, T, T, T],
    ("readiness.view", "restricted"): [F, F, F, F, F, F, F, F, F, F],  # not a PCN: no checklist
    ("readiness.edit", "open"): [F, F, F, T, F, T, F, F, F, F],
    ("readiness.edit", "restricted"): [F, F, F, F, F, F, F, F, F, F],
    ("system.view_readiness", "system_a"): [F, F, F, F, F, F, T, T, T, T],
    ("system.view_readiness", "system_b"): [F, F, F, F, F, F, F, F, T, T],
    ("support.view", "open"): [F, F, T, T, F, T, T, T, T, T],
    ("support.view", "private"): [F, F, T, F, F, T, F, F, T, T],
    ("support.request", "open"): [F, F, F, T, F, T, F, F, F, F],
    ("support.request", "private"): [F, F, F, F, F, T, F, F, F, F],
    ("support.request", "confidential"): [F, F, F, F, F, F, F, F, F, F],  # its system cannot see it
    ("support_request.view", "request"): [F, F, T, T, F, T, T, T, T, T],
    ("support_request.decide", "request"): [F, F, F, F, F, F, T, F, F, F],
    ("support_request.view", "other_request"): [F, F, T, F, F, T, F, F, T, T],
    ("support_request.decide", "other_request"): [F, F, F, F, F, F, F, F, F, F],
    ("cd_plan.start", "open"): [F, F, F, F, F, T, F, F, F, F],
    ("cd_plan.start", "restricted"): [F, F, F, F, F, F, F, F, F, F],  # a lead of a non-PCN is not a CD
    ("cd_plan.view", "plan"): [F, F, F, F, F, T, T, F, F, F],  # private: the CD and the development lead
    ("cd_plan.edit", "plan"): [F, F, F, F, F, T, F, F, F, F],
    ("cd_plan.add_progress", "plan"): [F, F, F, F, F, T, T, F, F, F],
}


def cases() -> list[tuple[str, str, str, bool]]:
    return [
        (action, obj, person, expected)
        for (action, obj), row in TABLE.items()
        for person, expected in zip(PEOPLE, row, strict=True)
    ]


@pytest.mark.parametrize(("action", "obj", "person", "expected"), cases())
def test_the_policy_table(sworld: SimpleNamespace, action: str, obj: str, person: str, expected: bool) -> None:
    assert permissions.can(who(sworld, person), action, getattr(sworld, obj)) is expected


@pytest.mark.parametrize("person", PEOPLE)
def test_scoped_selectors_agree_with_the_policy(sworld: SimpleNamespace, person: str) -> None:
    user = who(sworld, person)
    for support_request in (sworld.request, sworld.other_request):
        visible = permissions.support_requests_visible_to(user).filter(pk=support_request.pk).exists()
        assert visible is permissions.can(user, "support_request.view", support_request)
    plan_visible = permissions.cd_plans_visible_to(user).filter(pk=sworld.plan.pk).exists()
    assert plan_visible is permissions.can(user, "cd_plan.view", sworld.plan)


# Pages: what each person gets. 200 for allowed, 404 for anything they may not see or change, so ids cannot be
# probed; signed-out people are sent to sign in.
PAGES: dict[str, list[int]] = {
    #                          anon outs memb steer ext  lead sys  reg  nat  admin
    "readiness": [302, 404, 200, 200, 404, 200, 200, 200, 200, 200],
    "readiness_item": [302, 404, 404, 200, 404, 200, 404, 404, 404, 404],
    "system_readiness": [302, 404, 404, 404, 404, 404, 200, 200, 200, 200],
    "system_requests": [302, 404, 404, 404, 404, 404, 200, 200, 200, 200],
    "network_requests": [302, 404, 200, 200, 404, 200, 200, 200, 200, 200],
    "request_create": [302, 404, 404, 200, 404, 200, 404, 404, 404, 404],
    "request": [302, 404, 200, 200, 404, 200, 200, 200, 200, 200],
    "other_request": [302, 404, 200, 404, 404, 200, 404, 404, 200, 200],
    "commission": [302, 404, 404, 404, 404, 404, 302, 404, 404, 404],  # pending: the lead is sent back to accept
    "cd_plan": [302, 404, 404, 404, 404, 200, 200, 404, 404, 404],
    "cd_plan_edit": [302, 404, 404, 404, 404, 200, 404, 404, 404, 404],
}


def page_url(world: SimpleNamespace, page: str) -> str:
    return {
        "readiness": "/networks/riverside-pcn/readiness/",
        "readiness_item": "/networks/riverside-pcn/readiness/one-team/",
        "system_readiness": f"/systems/{world.system_a.pk}/readiness/",
        "system_requests": f"/systems/{world.system_a.pk}/support-requests/",
        "network_requests": "/networks/riverside-pcn/support-requests/",
        "request_create": "/networks/riverside-pcn/support-requests/new/",
        "request": f"/support-requests/{world.request.pk}/",
        "other_request": f"/support-requests/{world.other_request.pk}/",
        "commission": f"/support-requests/{world.request.pk}/commissioned/",
        "cd_plan": f"/cd-plans/{world.plan.pk}/",
        "cd_plan_edit": f"/cd-plans/{world.plan.pk}/edit/",
    }[page]


@pytest.mark.parametrize(
    ("page", "person", "status"),
    [(page, person, status) for page, row in PAGES.items() for person, status in zip(PEOPLE, row, strict=True)],
)
def test_who_gets_each_page(client: Client, sworld: SimpleNamespace, page: str, person: str, status: int) -> None:
    if person != "anonymous":
        sign_in(client, who(sworld, person))
    response = client.get(page_url(sworld, page))
    assert response.status_code == status
    if status == 302 and person == "anonymous":
        assert "/accounts/login/" in response["Location"]
