"""Every network page renders for the people who may see it."""

from types import SimpleNamespace

import pytest
from django.test import Client

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
