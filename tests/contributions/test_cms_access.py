"""/cms/ is for the hub's editors: anyone else who is signed in gets a page saying so and how to share instead;
people who are signed out are sent to sign in, as Wagtail does."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests import factories as f
from tests.signing_in import with_authenticator
from wayfinder.contributions import groups
from wayfinder.hub.models import HubIndexPage
from wayfinder.networks.models import AppointmentRole

pytestmark = pytest.mark.django_db

MAX_REFUSAL_QUERIES = 6


@pytest.mark.parametrize("path", ["/cms/", "/cms/pages/", "/cms/documents/", "/cms/reports/usefulness/"])
def test_a_signed_in_member_who_is_not_an_editor_is_told_why_and_how_to_share(
    world: SimpleNamespace, client: Client, path: str, django_assert_max_num_queries: Any
) -> None:
    client.force_login(world.member)

    with django_assert_max_num_queries(MAX_REFUSAL_QUERIES):
        response = client.get(path)

    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Only knowledge hub editors can use this area</h1>" in page
    assert 'href="/hub/contribute/"' in page
    assert "nhsuk-header" in page
    assert "wagtail" not in page.lower()


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("outsider", 403),
        ("member", 403),
        ("lead", 403),
        ("external", 403),
        ("system_lead", 403),
        ("regional_lead", 403),
        ("national", 403),
        ("site_admin", 403),
        ("hub_editor", 200),
        ("admin", 200),
    ],
)
def test_who_may_open_cms(world: SimpleNamespace, client: Client, person: str, status: int) -> None:
    if person == "site_admin":
        user = f.AppointmentFactory.create(role=AppointmentRole.SITE_ADMIN).user
    elif person == "hub_editor":
        user = f.AppointmentFactory.create(role=AppointmentRole.EDITOR).user
    else:
        user = getattr(world, person)
    client.force_login(with_authenticator(user))

    assert client.get("/cms/").status_code == status


def test_a_form_sent_to_cms_by_someone_who_is_not_an_editor_is_refused(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.national)
    with_authenticator(world.national)

    response = client.post("/cms/pages/add/hub/resourcepage/1/", {"title": "Sneaky"})

    assert response.status_code == 403


def test_people_who_are_signed_out_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/cms/pages/")

    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/") or response["Location"].startswith("/accounts/login/")
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == "/accounts/login/"


def test_a_knowledge_hub_editor_gets_in(client: Client) -> None:
    editor = f.AppointmentFactory.create(role=AppointmentRole.EDITOR).user
    client.force_login(editor)

    response = client.get("/cms/")

    assert response.status_code == 200
    assert "Only knowledge hub editors" not in response.content.decode()


@pytest.mark.parametrize("group", groups.HUB_GROUPS)
def test_members_of_either_hub_group_get_in(client: Client, hub: HubIndexPage, group: str) -> None:
    user = f.UserFactory.create()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)

    response = client.get("/cms/pages/", follow=True)

    # Wagtail opens the explorer at the highest page they may edit: the hub's front page.
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == f"/cms/pages/{hub.pk}/"


def test_pages_outside_cms_are_untouched(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)

    assert client.get("/hub/contribute/").status_code == 200


def test_the_refusal_page_keeps_the_sites_strict_policy(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)

    policy = client.get("/cms/")["Content-Security-Policy"]

    assert "'unsafe-inline'" not in policy and "'nonce-" in policy
