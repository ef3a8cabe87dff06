"""Joining, asking to join, invitations, leaving and managing members: what holds, and bad input refused."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.conftest import Mailbox
from wayfinder.networks import services
from wayfinder.networks.models import Invitation, JoinRequest, Membership, NetworkRole

pytestmark = pytest.mark.django_db


def test_joining_an_open_network_is_immediate(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.outsider)
    response = client.post("/networks/riverside-pcn/join/")
    assert response.status_code == 302
    assert Membership.objects.get(user=world.outsider, network=world.open).role == NetworkRole.MEMBER


def test_a_restricted_network_needs_a_request_and_the_lead_is_emailed_a_link_at_the_site_address(
    client: Client, world: SimpleNamespace, mailbox: Mailbox, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "https://wayfinder.example"
    client.force_login(world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/networks/qi-circle/join/", {"message": "Please let me in"})
    assert not Membership.objects.filter(user=world.outsider, network=world.restricted).exists()
    request = JoinRequest.objects.get(user=world.outsider, network=world.restricted)
    assert request.status == "pending"
    mail = mailbox.wait_for("lead@example.org")
    assert "Please let me in" in mailbox.body(mail)
    assert "https://wayfinder.example/networks/qi-circle/members/" in mailbox.links(mail)


def test_asking_twice_is_refused_and_writes_nothing(world: SimpleNamespace) -> None:
    services.join_request_create(user=world.outsider, network=world.restricted, message="")
    with pytest.raises(ValidationError, match="already asked"):
        services.join_request_create(user=world.outsider, network=world.restricted, message="")
    assert JoinRequest.objects.filter(user=world.outsider).count() == 1


def test_the_lead_approves_and_the_person_is_told(
    client: Client, world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    request = services.join_request_create(user=world.outsider, network=world.restricted, message="")
    client.force_login(world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/networks/qi-circle/requests/{request.pk}/", {"decision": "approve"})
    assert Membership.objects.filter(user=world.outsider, network=world.restricted).exists()
    assert "now a member" in str(mailbox.wait_for("outsider@example.org")["Subject"])


def test_the_lead_declines_with_a_reason_and_the_person_is_told(
    client: Client, world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    request = services.join_request_create(user=world.outsider, network=world.restricted, message="")
    client.force_login(world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/networks/qi-circle/requests/{request.pk}/", {"decision": "decline", "reason": "Leads only for now"}
        )
    assert not Membership.objects.filter(user=world.outsider, network=world.restricted).exists()
    assert "Leads only for now" in mailbox.body(mailbox.wait_for("outsider@example.org"))


def test_a_decided_request_cannot_be_decided_again(world: SimpleNamespace) -> None:
    request = services.join_request_create(user=world.outsider, network=world.restricted, message="")
    services.join_request_decide(join_request=request, decided_by=world.lead, approve=False)
    with pytest.raises(ValidationError, match="already been decided"):
        services.join_request_decide(join_request=request, decided_by=world.lead, approve=True)
    assert not Membership.objects.filter(user=world.outsider, network=world.restricted).exists()


def test_a_tampered_request_id_gets_404(client: Client, world: SimpleNamespace) -> None:
    other = f.NetworkFactory.create(privacy="restricted")
    request = services.join_request_create(user=world.outsider, network=other, message="")
    client.force_login(world.lead)
    assert client.post(f"/networks/qi-circle/requests/{request.pk}/", {"decision": "approve"}).status_code == 404
    assert client.post("/networks/qi-circle/requests/999999/", {"decision": "approve"}).status_code == 404


def invite(world: SimpleNamespace, email: str = "guest@example.org") -> services.IssuedInvitation:
    return services.invitation_create(
        network=world.private, email=email, role=NetworkRole.STEERING, invited_by=world.lead
    )


def token_of(issued: services.IssuedInvitation) -> str:
    return issued.link.rstrip("/").rsplit("/", 1)[1]


def test_an_invitation_is_mailed_and_works_once(
    client: Client, world: SimpleNamespace, mailbox: Mailbox, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        issued = invite(world)
    mail = mailbox.wait_for("guest@example.org")
    link = next(url for url in mailbox.links(mail) if "/networks/invitations/" in url)
    guest = f.UserFactory.create(email="guest@example.org")
    client.force_login(guest)
    assert link.startswith(settings.SITE_URL)
    path = urlsplit(link).path
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user=guest, network=world.private).role == NetworkRole.STEERING
    second = client.post(path)
    assert second.status_code == 400
    assert b"already been used" in second.content
    assert Invitation.objects.get(pk=issued.invitation.pk).accepted_by == guest


def test_a_tampered_invitation_token_is_refused_clearly(client: Client, world: SimpleNamespace) -> None:
    issued = invite(world)
    client.force_login(f.UserFactory.create(email="guest@example.org"))
    response = client.post(f"/networks/invitations/{token_of(issued)[:-2]}xx/")
    assert response.status_code == 400
    assert b"This invitation link is not valid" in response.content
    assert not Membership.objects.filter(user__email="guest@example.org").exists()


def test_an_expired_invitation_is_refused_clearly(client: Client, world: SimpleNamespace) -> None:
    issued = invite(world)
    Invitation.objects.filter(pk=issued.invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(f.UserFactory.create(email="guest@example.org"))
    response = client.post(f"/networks/invitations/{token_of(issued)}/")
    assert response.status_code == 400
    assert b"expired" in response.content
    assert not Membership.objects.filter(user__email="guest@example.org").exists()


def test_an_invitation_for_someone_else_is_refused(client: Client, world: SimpleNamespace) -> None:
    issued = invite(world)
    client.force_login(world.outsider)
    response = client.post(f"/networks/invitations/{token_of(issued)}/")
    assert response.status_code == 400
    assert b"sent to guest@example.org" in response.content
    assert not Membership.objects.filter(user=world.outsider, network=world.private).exists()


def test_a_new_invitation_withdraws_the_old_one(world: SimpleNamespace) -> None:
    first = invite(world)
    invite(world)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_find(token=token_of(first))


def test_inviting_an_existing_member_is_refused(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError):
        invite(world, email="member@example.org")
    assert not Invitation.objects.exists()


def test_the_only_lead_cannot_leave_or_step_down(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError, match="only lead"):
        services.network_leave(user=world.lead, network=world.open)
    membership = Membership.objects.get(user=world.lead, network=world.open)
    with pytest.raises(ValidationError, match="at least one lead"):
        services.membership_change_role(membership=membership, role=NetworkRole.MEMBER, changed_by=world.lead)
    membership.refresh_from_db()
    assert membership.role == NetworkRole.LEAD


def test_a_member_can_leave(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.member)
    assert client.post("/networks/riverside-pcn/leave/").status_code == 302
    assert not Membership.objects.filter(user=world.member, network=world.open).exists()


def test_a_lead_changes_a_role_and_removes_a_member(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.lead)
    membership = Membership.objects.get(user=world.member, network=world.open)
    client.post(f"/networks/riverside-pcn/members/{membership.pk}/role/", {"role": "facilitator"})
    membership.refresh_from_db()
    assert membership.role == NetworkRole.FACILITATOR
    client.post(f"/networks/riverside-pcn/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_role_that_does_not_exist_is_refused(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.lead)
    membership = Membership.objects.get(user=world.member, network=world.open)
    client.post(f"/networks/riverside-pcn/members/{membership.pk}/role/", {"role": "emperor"})
    membership.refresh_from_db()
    assert membership.role == NetworkRole.MEMBER


def test_anyone_signed_in_creates_a_network_and_leads_it(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.outsider)
    response = client.post(
        "/networks/new/",
        {"name": "Frailty Learning Circle", "network_type": "learning", "stage": "emerging", "privacy": "open"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=world.outsider, network__name="Frailty Learning Circle")
    assert membership.role == NetworkRole.LEAD


def test_a_network_with_bad_input_shows_errors_and_writes_nothing(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.outsider)
    response = client.post("/networks/new/", {"name": "x", "network_type": "nonsense", "privacy": "open"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Enter a network name of at least 3 characters" in response.content
    assert not Membership.objects.filter(user=world.outsider).exists()


def test_only_a_system_lead_sees_the_pcn_option_and_creates_a_pcn(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.outsider)
    assert b"primary care network (PCN)" not in client.get("/networks/new/").content
    client.force_login(world.system_lead)
    assert b"primary care network (PCN)" in client.get("/networks/new/").content
    response = client.post(
        "/networks/new/",
        {
            "name": "Millbrook PCN",
            "network_type": "delivery",
            "stage": "emerging",
            "privacy": "restricted",
            "system": world.system_a.pk,
            "is_pcn": "on",
            "code": "U54321",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(network__code="U54321").user == world.system_lead


def test_a_system_lead_cannot_create_a_pcn_in_another_system(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError):
        services.network_create(
            user=world.system_lead,
            name="Elsewhere PCN",
            network_type="delivery",
            stage="emerging",
            privacy="open",
            system=world.system_b,
            is_pcn=True,
        )


def test_the_directory_filters_and_respects_privacy(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.outsider)
    page = client.get("/networks/").content.decode()
    assert "Riverside PCN" in page and "Quality Improvement Circle" in page
    assert "Hillside Care Network" not in page and "Quiet Network" not in page
    filtered = client.get("/networks/", {"q": "quality"}).content.decode()
    assert "Quality Improvement Circle" in filtered and "Riverside PCN" not in filtered
    by_system = client.get("/networks/", {"system": world.system_b.pk}).content.decode()
    assert "0 networks" in by_system


def test_the_directory_counts_the_members_of_each_network_shown(client: Client, world: SimpleNamespace) -> None:
    riverside = Membership.objects.filter(network=world.open).count()
    for _ in range(3):
        f.MembershipFactory.create(network=world.open)
    client.force_login(world.outsider)

    page = client.get("/networks/", {"q": "riverside"}).content.decode()
    empty = client.get("/networks/", {"q": "quality"}).content.decode()

    assert f"{riverside + 3} members" in page
    quality = Membership.objects.filter(network=world.restricted).count()
    assert f"{quality} {'member' if quality == 1 else 'members'}" in empty


def test_the_directory_answers_htmx_with_just_the_results(client: Client, world: SimpleNamespace) -> None:
    response = client.get("/networks/", {"q": "river"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"Riverside PCN" in response.content


def test_page_query_counts_do_not_grow_with_data(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: object
) -> None:
    for _ in range(40):
        f.NetworkFactory.create(system=world.system_a)
        f.MembershipFactory.create(network=world.restricted)
    client.force_login(world.lead)
    # The home page includes the header's count of new community notifications and the community's to-dos for
    # leads (moderation, contact requests from other networks, the shared-purpose vote).
    for path, budget in [
        ("/", 14),
        ("/networks/", 8),
        ("/networks/qi-circle/", 10),
        ("/networks/qi-circle/members/", 6),
    ]:
        with django_assert_max_num_queries(budget):  # type: ignore[operator]
            assert client.get(path).status_code == 200


def test_home_tells_a_lead_what_to_do_next(client: Client, world: SimpleNamespace) -> None:
    services.join_request_create(user=world.outsider, network=world.restricted, message="")
    client.force_login(world.lead)
    page = client.get("/").content.decode()
    assert (
        '<a href="/networks/qi-circle/members/">Decide'
        '<span class="nhsuk-u-visually-hidden">: 1 request to join Quality Improvement Circle</span></a>'
    ) in page


def test_network_names_are_escaped_everywhere(client: Client, world: SimpleNamespace) -> None:
    world.restricted.name = "<script>alert(1)</script> Circle"
    world.restricted.save(update_fields=["name"])
    services.join_request_create(user=world.outsider, network=world.restricted, message="")
    for who in (world.lead, world.outsider):
        client.force_login(who)
        for path in ("/", "/networks/", "/networks/qi-circle/"):
            page = client.get(path).content.decode()
            assert "<script>alert(1)</script>" not in page, path
            assert "&lt;script&gt;alert(1)&lt;/script&gt; Circle" in page, path


def test_each_request_to_join_has_buttons_named_for_the_person_who_asked(
    client: Client, world: SimpleNamespace
) -> None:
    """With several requests waiting, "Approve" and "Decline request" must each say whose request they decide."""
    services.join_request_create(user=world.outsider, network=world.restricted, message="")
    client.force_login(world.lead)
    page = client.get("/networks/qi-circle/members/").content.decode()
    assert 'aria-label="Approve Olive Outsider"' in page
    assert 'aria-label="Decline request from Olive Outsider"' in page
