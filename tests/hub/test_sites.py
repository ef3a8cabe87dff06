"""The hub is served by Wagtail's own routing, and its front page by the hub's view from what it keeps: changes to its
front page, its site and its view restrictions apply at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories as f
from wayfinder.hub import services
from wayfinder.hub.models import HubIndexPage

pytestmark = pytest.mark.django_db


def test_an_edited_front_page_shows_at_once(client: Client) -> None:
    hub = services.hub_index_ensure()
    client.get("/hub/")
    hub.title = "Find support"
    hub.save_revision().publish()

    assert "<h1>Find support</h1>" in client.get("/hub/").content.decode()


def test_a_changed_site_is_looked_up_again(client: Client) -> None:
    hub = services.hub_index_ensure()
    client.get("/hub/")
    site = Site.objects.get(is_default_site=True)
    moved = HubIndexPage.objects.get(pk=hub.pk)
    site.hostname = "hub.example.org"
    site.save()

    request = RequestFactory().get("/hub/", HTTP_HOST="hub.example.org")
    found = Site.find_for_request(request)

    assert found is not None and found.hostname == "hub.example.org" and found.root_page_id == moved.pk


def test_pages_outside_wagtails_are_left_alone(client: Client, django_assert_num_queries: Any) -> None:
    services.hub_index_ensure()
    with django_assert_num_queries(0):
        assert client.get("/healthz/live").status_code == 200


def test_making_the_hub_private_takes_effect_at_once(client: Client) -> None:
    hub = services.hub_index_ensure()
    assert client.get("/hub/").status_code == 200
    PageViewRestriction.objects.create(page=hub, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/hub/")

    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unpublished_front_page_is_gone_at_once(client: Client) -> None:
    hub = services.hub_index_ensure()
    assert client.get("/hub/").status_code == 200
    HubIndexPage.objects.get(pk=hub.pk).unpublish()

    assert client.get("/hub/").status_code == 404


def test_a_restriction_on_an_ancestor_applies_at_once(client: Client) -> None:
    services.hub_index_ensure()
    assert client.get("/hub/").status_code == 200
    root = Page.objects.get(depth=1)
    PageViewRestriction.objects.create(page=root, restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/hub/").status_code == 302


def test_a_password_or_group_restriction_on_the_front_page_is_applied(client: Client) -> None:
    hub = services.hub_index_ensure()
    assert client.get("/hub/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=hub, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )

    response = client.get("/hub/")
    assert response.status_code == 200
    assert reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, hub.pk]) in response.content.decode()

    restriction.delete()
    group = Group.objects.create(name="Hub readers")
    restriction = PageViewRestriction.objects.create(page=hub, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    reader = f.UserFactory.create()
    client.force_login(reader)
    assert client.get("/hub/").status_code == 302
    reader.groups.add(group)
    assert client.get("/hub/").status_code == 200
