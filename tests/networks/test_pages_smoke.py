"""Every network page renders for the people who may see it."""

from types import SimpleNamespace

import pytest
from django.test import Client

from tests import factories as f
from wayfinder.core.changes import changed
from wayfinder.networks.models import NetworkRole, Privacy

pytestmark = pytest.mark.django_db


def test_pages_render_for_a_lead(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.lead)
    for path in [
        "/",
        "/networks/",
        "/networks/?q=river",
        "/networks/riverside-pcn/",
        "/networks/qi-circle/members/",
        "/networks/qi-circle/invite/",
        "/networks/qi-circle/edit/",
        "/networks/qi-circle/leave/",
        "/networks/new/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"nhsuk-header" in response.content


def test_pages_render_signed_out(client: Client, world: SimpleNamespace) -> None:
    for path in ["/", "/networks/", "/networks/riverside-pcn/", "/networks/qi-circle/"]:
        assert client.get(path).status_code == 200, path


def test_the_link_to_the_members_agrees_with_their_number(client: Client, world: SimpleNamespace) -> None:
    alone = f.NetworkFactory.create(name="Solo Network", slug="solo-network", privacy=Privacy.OPEN)
    f.MembershipFactory.create(user=world.lead, network=alone, role=NetworkRole.MEMBER)
    client.force_login(world.member)
    f.MembershipFactory.create(user=world.member, network=alone, role=NetworkRole.MEMBER)
    assert "See all 2 members" in client.get("/networks/solo-network/").content.decode()
    alone.memberships.filter(user=world.lead).delete()
    changed(networks=[alone.pk], people=[world.lead.pk])  # deleted behind the services' back, so say so
    assert "See the 1 member" in client.get("/networks/solo-network/").content.decode()
