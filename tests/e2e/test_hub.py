"""Someone browses the knowledge hub: filters by support domain, searches, opens a resource. Every page is
checked with axe and at 320px wide."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from wayfinder.hub import demo
from wayfinder.hub.models import ResourcePage

pytestmark = pytest.mark.django_db(transaction=True)


def check(page: Any) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_browse_filter_search_and_open_a_resource(live_server: Any, new_context: Any) -> None:
    demo.seed()
    page = new_context().new_page()

    page.goto(f"{live_server.url}/hub/")
    assert page.get_by_role("heading", name="Knowledge hub").is_visible()
    check(page)

    page.get_by_label("Support domain").select_option("population-health-management")
    go(page, page.get_by_role("button", name="Show resources"))
    assert "Getting started with population health data" in page.content()
    assert "Running a weekly multidisciplinary huddle" not in page.content()
    check(page)

    go(page, page.get_by_role("link", name="Clear search and filters"))
    page.get_by_label("Search the hub").fill("huddle")
    go(page, page.get_by_role("button", name="Show resources"))
    check(page)

    go(page, page.get_by_role("link", name="Running a weekly multidisciplinary huddle"))
    assert page.get_by_role("heading", name="Running a weekly multidisciplinary huddle").is_visible()
    check(page)


def test_an_editor_opens_the_page_editor_in_cms_without_policy_violations(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    demo.seed()
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client()
    client.force_login(world.admin)
    context = new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    resource = ResourcePage.objects.get(slug="multidisciplinary-huddles")

    page.goto(f"{live_server.url}/cms/pages/{resource.pk}/edit/")

    assert page.title().startswith("Editing Resource page")
    page.wait_for_load_state("networkidle")
    assert not [line for line in console if "Content Security Policy" in line]
    # Leave the editor and let its last request (releasing the editing session) finish, so nothing writes to
    # the database while the test's tables are emptied.
    page.goto("about:blank")
    page.wait_for_timeout(1_000)
    context.close()
