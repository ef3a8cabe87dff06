"""Someone browses the knowledge hub: filters by support domain, searches, opens a resource. Every page is
checked with axe and at 320px wide."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from wagtail.documents.models import Document
from weasyprint import HTML

from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in
from wayfinder.hub import demo, services
from wayfinder.hub.models import DocumentText, ResourcePage

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
    # Words in double quotes are a phrase: found together, in that order, and kept in the box as typed.
    page.get_by_label("Search the hub").fill('"huddle weekly"')
    go(page, page.get_by_role("button", name="Show resources"))
    assert "0 results" in page.content()
    assert page.get_by_label("Search the hub").input_value() == '"huddle weekly"'
    page.get_by_label("Search the hub").fill('"multidisciplinary huddle"')
    go(page, page.get_by_role("button", name="Show resources"))
    assert "1 result matching" in page.content()
    check(page)

    go(page, page.get_by_role("link", name="Running a weekly multidisciplinary huddle"))
    assert page.get_by_role("heading", name="Running a weekly multidisciplinary huddle").is_visible()
    check(page)

    # A topic on the resource leads to everything else on that topic.
    topic = page.get_by_role("link", name="teams", exact=True)
    go(page, topic)
    assert page.get_by_label("Topic").input_value() == "teams"
    check(page)


def test_open_a_spotlight_and_a_case_study(live_server: Any, new_context: Any) -> None:
    demo.seed()
    page = new_context().new_page()

    page.goto(f"{live_server.url}/hub/")
    go(page, page.get_by_role("link", name="Using data to act early"))
    assert page.get_by_role("heading", name="Using data to act early").is_visible()
    check(page)

    go(page, page.get_by_role("link", name="Finding people at rising risk together"))
    assert page.get_by_role("heading", name="What they did").is_visible()
    assert page.get_by_role("heading", name="Who to contact").is_visible()
    check(page)


def signed_in_admin(live_server: Any, new_context: Any, world: SimpleNamespace) -> Any:
    """A browser context signed in as the site admin, with two-factor authentication set up (admins need it)."""
    client = sign_in(Client(), world.admin)
    context = new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def test_an_editor_opens_the_page_editor_in_cms_without_policy_violations(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    demo.seed()
    context = signed_in_admin(live_server, new_context, world)
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


def test_an_editor_uploads_files_and_a_renamed_one_is_refused(
    live_server: Any, new_context: Any, world: SimpleNamespace, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    services.hub_index_ensure()
    context = signed_in_admin(live_server, new_context, world)
    page = context.new_page()
    fake = tmp_path / "guide.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")

    page.goto(f"{live_server.url}/cms/documents/add/")
    page.get_by_label("Title").fill("Guide")
    page.locator("input[type=file]").set_input_files(str(fake))
    go(page, page.get_by_role("button", name="Upload"))

    assert "The file is not a real PDF file" in page.content()
    assert not Document.objects.exists()

    real = tmp_path / "slides.pdf"
    real.write_bytes(bytes(HTML(string="<p>Quokka pathway slides</p>").write_pdf()))
    page.locator("input[type=file]").set_input_files(str(real))
    go(page, page.get_by_role("button", name="Upload"))

    document = Document.objects.get()
    assert "Quokka" in DocumentText.objects.get(document=document).text
    page.goto("about:blank")
    context.close()


def test_a_member_who_is_not_an_editor_is_told_why_at_cms(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    client = Client()
    client.force_login(world.member)
    context = new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()

    response = page.goto(f"{live_server.url}/cms/")

    assert response is not None and response.status == 403
    assert page.get_by_role("heading", name="Only knowledge hub editors can use this area").is_visible()
    check(page)
    go(page, page.get_by_role("link", name="Share a resource or case study with the hub"))
    assert "/hub/contribute/" in page.url
