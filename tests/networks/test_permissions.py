"""The permission policy as tables: roles × actions × outcome, and 404 for what a person may not see."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from wayfinder.core import permissions

pytestmark = pytest.mark.django_db

# Who: anonymous, outsider (signed in, no role), member, external, lead, system lead (system A), regional lead
# (region of system A), national team, site admin. Networks: open (PCN, system A), restricted (system A),
# private (system B), confidential (system A). The lead and the member belong to all four networks; the external
# belongs to the restricted one only.
PEOPLE = ["anonymous", "outsider", "member", "external", "lead", "system_lead", "regional_lead", "national", "admin"]

VIEW = {
    #                anon   outsider member external lead  system regional national admin
    "open": [True, True, True, True, True, True, True, True, True],
    "restricted": [True, True, True, True, True, True, True, True, True],
    "private": [False, False, True, False, True, False, False, True, True],
    "confidential": [False, False, True, False, True, False, False, False, True],
}

VIEW_MEMBERS = {
    "open": [False, True, True, True, True, True, True, True, True],
    "restricted": [False, False, True, True, True, True, True, True, True],
    "private": [False, False, True, False, True, False, False, True, True],
    "confidential": [False, False, True, False, True, False, False, False, True],
}

MANAGE = {
    "open": [False, False, False, False, True, False, False, False, True],
    "restricted": [False, False, False, False, True, False, False, False, True],
    "private": [False, False, False, False, True, False, False, False, True],
    "confidential": [False, False, False, False, True, False, False, False, True],
}

JOIN_AT_ONCE = {
    "open": [False, True, False, True, False, True, True, True, True],
    "restricted": [False, False, False, False, False, False, False, False, False],
}

REQUEST_TO_JOIN = {
    "open": [False, False, False, False, False, False, False, False, False],
    "restricted": [False, True, False, False, False, True, True, True, True],
    "private": [False, False, False, False, False, False, False, False, False],
}


def person(world: SimpleNamespace, who: str) -> object:
    return AnonymousUser() if who == "anonymous" else getattr(world, who)


def cases(table: dict[str, list[bool]]) -> list[tuple[str, str, bool]]:
    return [
        (network, who, expected) for network, row in table.items() for who, expected in zip(PEOPLE, row, strict=True)
    ]


@pytest.mark.parametrize(("network", "who", "expected"), cases(VIEW))
def test_who_may_view_a_network(world: SimpleNamespace, network: str, who: str, expected: bool) -> None:
    user = person(world, who)
    assert permissions.can(user, "network.view", getattr(world, network)) is expected
    visible = permissions.networks_visible_to(user).filter(pk=getattr(world, network).pk).exists()
    assert visible is expected, "the scoped selector and the policy must agree"


@pytest.mark.parametrize(("network", "who", "expected"), cases(VIEW_MEMBERS))
def test_who_may_see_the_members(world: SimpleNamespace, network: str, who: str, expected: bool) -> None:
    assert permissions.can(person(world, who), "network.view_members", getattr(world, network)) is expected


@pytest.mark.parametrize(("network", "who", "expected"), cases(MANAGE))
def test_who_may_manage_members_and_edit(world: SimpleNamespace, network: str, who: str, expected: bool) -> None:
    user = person(world, who)
    assert permissions.can(user, "network.manage_members", getattr(world, network)) is expected
    assert permissions.can(user, "network.edit", getattr(world, network)) is expected


@pytest.mark.parametrize(("network", "who", "expected"), cases(JOIN_AT_ONCE))
def test_who_may_join_at_once(world: SimpleNamespace, network: str, who: str, expected: bool) -> None:
    assert permissions.can(person(world, who), "network.join", getattr(world, network)) is expected


@pytest.mark.parametrize(("network", "who", "expected"), cases(REQUEST_TO_JOIN))
def test_who_may_ask_to_join(world: SimpleNamespace, network: str, who: str, expected: bool) -> None:
    assert permissions.can(person(world, who), "network.request_to_join", getattr(world, network)) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("outsider", False),
        ("member", False),
        ("lead", False),
        ("system_lead", True),
        ("regional_lead", False),
        ("national", False),
        ("admin", True),
    ],
)
def test_only_system_leads_and_admins_create_pcns(world: SimpleNamespace, who: str, expected: bool) -> None:
    assert permissions.can(person(world, who), "network.create_pcn", world.system_a) is expected
    assert permissions.can(person(world, who), "network.create_pcn", world.system_b) is (who == "admin")


@pytest.mark.parametrize(("who", "expected"), [("anonymous", False), ("outsider", True), ("member", True)])
def test_any_signed_in_person_may_create_a_network(world: SimpleNamespace, who: str, expected: bool) -> None:
    assert permissions.can(person(world, who), "network.create") is expected


@pytest.mark.parametrize(("who", "expected"), [("lead", False), ("national", False), ("admin", True)])
def test_only_site_admins_import_the_hierarchy(world: SimpleNamespace, who: str, expected: bool) -> None:
    assert permissions.can(person(world, who), "hierarchy.import") is expected


def test_unknown_actions_are_refused(world: SimpleNamespace) -> None:
    assert permissions.can(world.admin, "network.delete_everything", world.open) is False


def test_confidential_networks_are_never_listed_in_the_directory(world: SimpleNamespace) -> None:
    for who in PEOPLE:
        listed = permissions.networks_listed_for(person(world, who))
        assert not listed.filter(pk=world.confidential.pk).exists(), who


@pytest.mark.parametrize(
    "path",
    [
        "/networks/hillside-care/",
        "/networks/quiet-network/",
        "/networks/hillside-care/members/",
        "/networks/qi-circle/members/",
        "/networks/qi-circle/invite/",
        "/networks/qi-circle/edit/",
        "/networks/no-such-network/",
    ],
)
def test_an_outsider_gets_404_for_what_they_may_not_see(client: Client, world: SimpleNamespace, path: str) -> None:
    client.force_login(world.outsider)
    assert client.get(path).status_code == 404


def test_a_member_of_another_network_gets_404(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.external)  # belongs to the restricted network only
    assert client.get("/networks/hillside-care/").status_code == 404
    assert client.post("/networks/qi-circle/members/1/role/", {"role": "lead"}).status_code == 404


def test_a_member_cannot_manage_members_by_posting(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.member)
    membership = world.lead.memberships.get(network=world.restricted)
    response = client.post(f"/networks/qi-circle/members/{membership.pk}/role/", {"role": "member"})
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == "lead"
