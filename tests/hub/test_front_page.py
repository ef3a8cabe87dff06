"""The hub's front page is served by the hub's own view from what it keeps (which page is the site's root, its address,
that no view restriction applies), with Wagtail's serving hooks run as Wagtail runs them; anything else, and any
change to the page, its site or a restriction, goes to Wagtail, so behaviour is Wagtail's own."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.hub import queries, views
from wayfinder.hub.models import HubIndexPage

pytestmark = pytest.mark.django_db

# What a signed-in search asked again costs once its list is kept: the session (read from the cache with Redis, from
# the database here) and nothing of Wagtail's.
MAX_SEARCH_QUERIES = 1
WAGTAIL_TABLES = ('"wagtailcore_site"', '"wagtailcore_page"', '"wagtailcore_pageviewrestriction"')


def wagtail_reads(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries if any(table in q["sql"] for table in WAGTAIL_TABLES)]


def front_page(path: str = "/hub/") -> HubIndexPage | None:
    return queries.front_page_for(RequestFactory().get(path))


def test_the_front_page_is_the_hubs_own_view_and_wagtail_serves_the_rest() -> None:
    resource = f.hub_resource("rota-guide")

    assert resolve("/hub/").func is views.front_page
    assert resolve(resource.url or "").url_name == "wagtail_serve"
    assert reverse("wagtail_serve", args=[""]) == reverse("hub:front-page") == "/hub/"


@pytest.mark.parametrize("path", ["/hub/?q=rota", "/hub/?q=rota&kind=guide&page=1"])
def test_a_search_asked_again_reads_nothing_of_wagtails(
    world: SimpleNamespace, client: Client, path: str, django_assert_max_num_queries: Any
) -> None:
    f.hub_resource("rota-guide", title="Rota guide", body="<p>A rota.</p>")
    sign_in(client, world.lead)
    client.get(path)

    with CaptureQueriesContext(connection) as context, django_assert_max_num_queries(MAX_SEARCH_QUERIES):
        response = client.get(path)

    assert response.status_code == 200
    assert ">Rota guide</a>" in response.content.decode()
    assert wagtail_reads(context) == []


def test_the_kept_page_serves_what_wagtail_serves(client: Client, hub: HubIndexPage) -> None:
    f.hub_resource("rota-guide", title="Rota guide")
    ours = client.get("/hub/?q=rota")

    wagtails = wagtail_views.serve(RequestFactory().get("/hub/?q=rota"), "")
    assert isinstance(wagtails, TemplateResponse)
    wagtails.render()

    assert ours.status_code == wagtails.status_code == 200
    for part in ("<h1>Knowledge hub</h1>", 'href="/hub/rota-guide/"', 'action="/hub/"'):
        assert part in ours.content.decode() and part in wagtails.content.decode()


def test_a_private_hub_is_refused_though_it_was_kept(client: Client, hub: HubIndexPage) -> None:
    assert client.get("/hub/?q=rota").status_code == 200
    restriction = PageViewRestriction.objects.create(page=hub, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/hub/?q=rota")
    assert response.status_code == 302 and "login" in response["Location"]
    assert "no-cache" in response["Cache-Control"]
    assert front_page() is None

    restriction.delete()
    assert client.get("/hub/?q=rota").status_code == 200
    assert front_page() is not None


def test_a_password_on_the_tree_above_the_kept_hub_is_asked_for(client: Client, hub: HubIndexPage) -> None:
    assert client.get("/hub/").status_code == 200
    root = Page.objects.get(depth=1)
    restriction = PageViewRestriction.objects.create(
        page=root, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )

    response = client.get("/hub/")

    assert response.status_code == 200
    assert "open sesame" not in response.content.decode()
    assert reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, hub.pk]) in (
        response.content.decode()
    )


def test_a_restricted_resource_is_still_refused(client: Client) -> None:
    resource = f.hub_resource("private-guide")
    assert client.get("/hub/").status_code == 200
    PageViewRestriction.objects.create(page=resource, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(resource.url or "").status_code == 302
    assert client.get("/hub/").status_code == 200


def test_a_change_of_the_front_pages_slug_is_followed(client: Client, hub: HubIndexPage) -> None:
    resource = f.hub_resource("rota-guide", title="Rota guide")
    client.get("/hub/?q=rota")
    page = HubIndexPage.objects.get(pk=hub.pk)
    page.slug = "knowledge"
    page.save_revision().publish()

    html = client.get("/hub/?q=rota").content.decode()

    # The site's root: its address is where the site starts, whatever its slug; its pages' addresses follow.
    assert HubIndexPage.objects.get(pk=hub.pk).url == "/hub/"
    assert 'href="/hub/rota-guide/"' in html
    assert Page.objects.get(pk=resource.pk).url == "/hub/rota-guide/"
    assert client.get("/hub/rota-guide/").status_code == 200
    kept = front_page()
    assert kept is not None and kept.url_path == "/knowledge/"


def test_below_the_sites_root_the_front_page_follows_its_slug(client: Client, hub: HubIndexPage) -> None:
    client.get("/hub/")
    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(depth=1)
    site.save()
    assert front_page() is None  # the hub is no longer the site's root: Wagtail routes /hub/
    assert client.get("/hub/hub/").status_code == 200

    page = HubIndexPage.objects.get(pk=hub.pk)
    page.slug = "knowledge"
    page.save_revision().publish()

    assert HubIndexPage.objects.get(pk=hub.pk).url == "/hub/knowledge/"
    assert "<h1>Knowledge hub</h1>" in client.get("/hub/knowledge/").content.decode()
    assert client.get("/hub/hub/").status_code == 404


def test_another_sites_root_is_left_to_wagtail(client: Client, hub: HubIndexPage, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "other.example.org"]
    root = Page.objects.get(depth=1)
    other = root.add_child(instance=Page(title="Elsewhere", slug="elsewhere", live=False))
    Site.objects.create(hostname="other.example.org", port=80, root_page=other)

    assert client.get("/hub/", HTTP_HOST="other.example.org").status_code == 404
    assert queries.front_page_for(RequestFactory().get("/hub/", HTTP_HOST="other.example.org")) is None
    assert client.get("/hub/").status_code == 200


def test_an_unpublished_change_to_the_front_page_is_not_served(client: Client, hub: HubIndexPage) -> None:
    client.get("/hub/")
    page = HubIndexPage.objects.get(pk=hub.pk)
    page.title = "Draft title"
    page.save_revision()

    html = client.get("/hub/").content.decode()

    assert "<h1>Knowledge hub</h1>" in html and "Draft title" not in html


def test_editors_preview_the_front_page(hub: HubIndexPage) -> None:
    page = HubIndexPage.objects.get(pk=hub.pk)
    page.title = "Previewed title"

    response = page.make_preview_request()

    assert response.status_code == 200
    assert "<h1>Previewed title</h1>" in response.content.decode()


def test_editors_edit_the_front_page_and_see_it_served_at_once(
    world: SimpleNamespace, client: Client, hub: HubIndexPage
) -> None:
    sign_in(client, world.admin)
    client.get("/hub/")
    edit = reverse("wagtailadmin_pages:edit", args=[hub.pk])
    assert client.get(edit).status_code == 200

    response = client.post(
        edit,
        {"title": "Find support", "slug": "hub", "introduction": "New words.", "action-publish": "Publish"},
    )

    assert response.status_code == 302
    html = client.get("/hub/").content.decode()
    assert "<h1>Find support</h1>" in html and "New words." in html


def test_wagtails_serving_hooks_are_run(client: Client) -> None:
    def before(page: Page, request: Any, args: Any, kwargs: Any) -> HttpResponse:
        return HttpResponse(f"before {page.title}")

    with hooks.register_temporarily("before_serve_page", before):
        assert client.get("/hub/").content == b"before Knowledge hub"

    def on_serve(serve: Any) -> Any:
        def inner(page: Page, request: Any, args: Any, kwargs: Any) -> HttpResponse:
            response: HttpResponse = serve(page, request, args, kwargs)
            response["X-Served"] = type(page).__name__
            return response

        return inner

    with hooks.register_temporarily("on_serve_page", on_serve):
        assert client.get("/hub/")["X-Served"] == "HubIndexPage"


def test_the_kept_front_page_is_looked_up_again_after_its_site_or_a_restriction_changes(hub: HubIndexPage) -> None:
    kept = front_page()
    assert kept is not None and kept.pk == hub.pk and kept.served_address == "/hub/" and kept.served_unrestricted

    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(depth=1)
    site.save()
    assert front_page() is None
    site.root_page = hub
    site.save()
    assert front_page() is not None

    restriction = PageViewRestriction.objects.create(page=hub, restriction_type=PageViewRestriction.LOGIN)
    assert front_page() is None
    restriction.delete()
    assert front_page() is not None


def test_only_the_copy_the_hubs_view_serves_skips_reading_restrictions(hub: HubIndexPage) -> None:
    PageViewRestriction.objects.create(page=hub, restriction_type=PageViewRestriction.LOGIN)

    assert HubIndexPage.objects.get(pk=hub.pk).get_view_restrictions().count() == 1
