"""A NUL character (%00) in a request's address, query or cookies is answered with a clear 400, never a server
error: PostgreSQL cannot store or compare text holding one, so it must not reach a query."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from tests.api.support import token_for
from wayfinder.core.middleware import NUL_IN_REQUEST
from wayfinder.hub import services as hub_services

pytestmark = pytest.mark.django_db

PAGES = [
    "/live/%00/",
    "/networks/%00/",
    "/networks/?q=%00",
    "/networks/?q=riverside&page=%00",
    "/hub/?q=%00",
    "/hub/?q=rota&kind=guide%00",
    "/rounds/1/?x%00y=1",
]
API = ["/api/v1/rounds?network=%00", "/api/v1/frameworks/%00", "/api/v1/frameworks?%00"]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_address_with_a_nul_character_is_400_with_a_plain_message(
    world: SimpleNamespace, client: Client, url: str
) -> None:
    hub_services.hub_index_ensure()
    client.force_login(world.member)

    response = client.get(url)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == NUL_IN_REQUEST


@pytest.mark.parametrize("url", API)
def test_an_api_address_with_a_nul_character_is_a_json_400(world: SimpleNamespace, client: Client, url: str) -> None:
    response = client.get(url, headers={"Authorization": f"Bearer {token_for(world.member)}"})

    assert response.status_code == 400
    assert response.json() == {"detail": NUL_IN_REQUEST}


def test_a_session_cookie_with_a_nul_character_is_400(world: SimpleNamespace, client: Client) -> None:
    client.cookies["sessionid"] = "abcdefghijklmnop\x00qrstuvwxyz"

    response = client.get("/networks/")

    assert response.status_code == 400
    assert response.content.decode() == NUL_IN_REQUEST


def test_an_encoded_percent_sign_is_not_a_nul_character(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)
    assert client.get("/networks/?q=%2500").status_code == 200
