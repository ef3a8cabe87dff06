"""The permission policy as tables: roles × actions × outcome, and 404 for what a person may not see."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from wayfinder.accounts.models import User
from wayfinder.networks import permissions, services
from wayfinder.networks.models import Invitation, Membership, NetworkRole

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


# Giving roles ---------------------------------------------------------------------------------------------------
#
# Every way a role in a network is given: an invitation, changing a member's role, approving a request to join
# (always as a member) and accepting an invitation (the role it was sent with). Leads and site admins give any
# role. A facilitator invites only as a member or external and changes nobody's role. Nobody else gives a role,
# however much they oversee. The service refuses what the form would not offer, so a hand-made POST gets nowhere.

GIVERS = ["lead", "facilitator", "steering", "member", "external", "outsider", "system_lead", "national", "admin"]
ROLES = ["lead", "facilitator", "steering", "member", "external"]

INVITE_AS = {
    #              lead   facilitator steering member external
    "lead": [True, True, True, True, True],
    "facilitator": [False, False, False, True, True],
    "steering": [False, False, False, False, False],
    "member": [False, False, False, False, False],
    "external": [False, False, False, False, False],
    "outsider": [False, False, False, False, False],
    "system_lead": [False, False, False, False, False],
    "national": [False, False, False, False, False],
    "admin": [True, True, True, True, True],
}

CHANGE_ROLE_TO = {
    "lead": [True, True, True, True, True],
    "facilitator": [False, False, False, False, False],
    "steering": [False, False, False, False, False],
    "member": [False, False, False, False, False],
    "external": [False, False, False, False, False],
    "outsider": [False, False, False, False, False],
    "system_lead": [False, False, False, False, False],
    "national": [False, False, False, False, False],
    "admin": [True, True, True, True, True],
}

# Demoting or removing one of a network's two leads.
DEMOTE_OR_REMOVE_A_LEAD = {
    "lead": True,
    "facilitator": False,
    "steering": False,
    "member": False,
    "external": False,
    "outsider": False,
    "system_lead": False,
    "national": False,
    "admin": True,
}


def giver_of(world: SimpleNamespace, who: str) -> User:
    user: User = getattr(world, who)
    return user


def role_cases(table: dict[str, list[bool]]) -> list[tuple[str, str, bool]]:
    return [(who, role, expected) for who, row in table.items() for role, expected in zip(ROLES, row, strict=True)]


@pytest.fixture
def givers(world: SimpleNamespace) -> SimpleNamespace:
    """The world, with a facilitator and a steering group member in the restricted network (where the lead, the
    member and the external already belong), and a second lead there, so a lead can be demoted."""
    world.facilitator = f.MembershipFactory.create(network=world.restricted, role=NetworkRole.FACILITATOR).user
    world.steering = f.MembershipFactory.create(network=world.restricted, role=NetworkRole.STEERING).user
    world.second_lead = f.MembershipFactory.create(network=world.restricted, role=NetworkRole.LEAD)
    return world


@pytest.mark.parametrize(("who", "role", "expected"), role_cases(INVITE_AS))
def test_who_may_invite_someone_as_which_role(givers: SimpleNamespace, who: str, role: str, expected: bool) -> None:
    giver = giver_of(givers, who)
    network = givers.restricted

    assert (role in permissions.roles_to_invite_as(giver, network)) is expected
    if expected:
        services.invitation_create(network=network, email="new@example.org", role=role, invited_by=giver)
    else:
        with pytest.raises(ValidationError):
            services.invitation_create(network=network, email="new@example.org", role=role, invited_by=giver)
    assert Invitation.objects.filter(email="new@example.org", role=role).exists() is expected


@pytest.mark.parametrize(("who", "role", "expected"), role_cases(CHANGE_ROLE_TO))
def test_who_may_change_a_members_role_to_which_role(
    givers: SimpleNamespace, who: str, role: str, expected: bool
) -> None:
    giver = giver_of(givers, who)
    target = f.MembershipFactory.create(network=givers.restricted, role=NetworkRole.EXTERNAL)

    if expected:
        services.membership_change_role(membership=target, role=role, changed_by=giver)
    else:
        with pytest.raises(ValidationError):
            services.membership_change_role(membership=target, role=role, changed_by=giver)
    target.refresh_from_db()
    assert target.role == (role if expected else NetworkRole.EXTERNAL)


@pytest.mark.parametrize("act", ["demote", "remove"])
@pytest.mark.parametrize(("who", "expected"), DEMOTE_OR_REMOVE_A_LEAD.items())
def test_only_a_lead_or_site_admin_may_demote_or_remove_a_lead(
    givers: SimpleNamespace, who: str, expected: bool, act: str
) -> None:
    giver = giver_of(givers, who)
    lead = givers.second_lead

    def do() -> None:
        if act == "demote":
            services.membership_change_role(membership=lead, role=NetworkRole.MEMBER, changed_by=giver)
        else:
            services.membership_remove(membership=lead, removed_by=giver)

    if expected:
        do()
    else:
        with pytest.raises(ValidationError):
            do()
    still_lead = Membership.objects.filter(pk=lead.pk, role=NetworkRole.LEAD).exists()
    assert still_lead is not expected


@pytest.mark.parametrize(("who", "expected"), [("lead", True), ("admin", True), ("facilitator", False)])
def test_only_those_who_manage_members_may_decide_a_request_to_join(
    givers: SimpleNamespace, who: str, expected: bool
) -> None:
    join_request = services.join_request_create(user=givers.outsider, network=givers.restricted, message="")

    def decide() -> None:
        services.join_request_decide(join_request=join_request, decided_by=giver_of(givers, who), approve=True)

    if expected:
        decide()
    else:
        with pytest.raises(ValidationError):
            decide()
    assert Membership.objects.filter(user=givers.outsider, network=givers.restricted).exists() is expected


def test_a_facilitator_cannot_invite_a_lead_by_posting_the_form(client: Client, givers: SimpleNamespace) -> None:
    client.force_login(givers.facilitator)

    response = client.post("/networks/qi-circle/invite/", {"email": "takeover@example.org", "role": "lead"})

    assert response.status_code == 200
    assert not Invitation.objects.filter(email="takeover@example.org").exists()
    assert "Select a valid choice" in response.content.decode() or "Only a lead" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "offered"),
    [("facilitator", ["member", "external"]), ("lead", ROLES)],
)
def test_the_invitation_form_offers_only_the_roles_the_person_may_give(
    client: Client, givers: SimpleNamespace, who: str, offered: list[str]
) -> None:
    client.force_login(giver_of(givers, who))

    page = client.get("/networks/qi-circle/invite/").content.decode()

    assert re.findall(r'<option value="(\w+)"', page) == offered


@pytest.mark.parametrize("role", ["lead", "facilitator", "steering"])
def test_an_invitation_to_a_role_its_sender_may_not_give_cannot_be_accepted(
    client: Client, givers: SimpleNamespace, role: str
) -> None:
    """An invitation made before the check existed, or whose sender has since lost the role that let them give it."""
    token = "a-token-made-before-the-check"
    Invitation.objects.create(
        network=givers.restricted,
        email="takeover@example.org",
        role=role,
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        invited_by=givers.facilitator,
        expires_at=timezone.now() + timedelta(days=1),
    )
    taker = f.UserFactory.create(email="takeover@example.org")
    client.force_login(taker)

    response = client.post(f"/networks/invitations/{token}/")

    assert response.status_code == 400
    assert "can no longer be used" in response.content.decode()
    assert not Membership.objects.filter(user=taker).exists()


def test_an_invitation_from_a_lead_who_has_since_stepped_down_cannot_be_accepted(givers: SimpleNamespace) -> None:
    issued = services.invitation_create(
        network=givers.restricted, email="new@example.org", role="steering", invited_by=givers.lead
    )
    lead_membership = Membership.objects.get(user=givers.lead, network=givers.restricted)
    services.membership_change_role(membership=lead_membership, role="member", changed_by=givers.admin)
    newcomer = f.UserFactory.create(email="new@example.org")

    with pytest.raises(ValidationError, match="can no longer be used"):
        services.invitation_accept(token=issued.link.rstrip("/").rsplit("/", 1)[1], user=newcomer)
    assert not Membership.objects.filter(user=newcomer).exists()
