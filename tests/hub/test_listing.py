"""The front page's search, filters and list are drawn once for each question and kept in the shared cache; any
change to what the hub holds draws them again, so nothing out of date is shown."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page

from tests import factories as f
from wayfinder.core import generations
from wayfinder.hub import listing
from wayfinder.hub.models import HubIndexPage, ResourcePage
from wayfinder.hub.recommend import GENERATION_KEY

pytestmark = pytest.mark.django_db

QUESTIONS = ["/hub/", "/hub/?q=rota", "/hub/?kind=guide"]


def shown(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def listing_reads(context: CaptureQueriesContext) -> list[str]:
    tables = ('"hub_resourcepage"', '"wagtailsearch_indexentry"', "fts")
    return [q["sql"] for q in context.captured_queries if any(table in q["sql"] for table in tables)]


@pytest.mark.parametrize("path", QUESTIONS)
def test_a_question_asked_again_is_answered_from_the_kept_list(client: Client, path: str) -> None:
    f.hub_resource("rota-guide", title="Rota guide", body="<p>A rota.</p>")
    first = shown(client, path)
    with CaptureQueriesContext(connection) as context:
        again = shown(client, path)
    # The same page but for the nonce, which is new on every page.
    assert re.sub(r'nonce="[^"]*"', "", again) == re.sub(r'nonce="[^"]*"', "", first)
    assert "Rota guide" in again
    assert listing_reads(context) == []


@pytest.mark.parametrize("path", QUESTIONS)
def test_a_published_resource_is_listed_at_once(client: Client, path: str) -> None:
    f.hub_resource("rota-guide", title="Rota guide", body="<p>A rota.</p>")
    assert "Rota planner" not in shown(client, path)

    f.hub_resource("rota-planner", title="Rota planner", body="<p>A rota.</p>")

    assert "Rota planner" in shown(client, path)


@pytest.mark.parametrize("path", QUESTIONS)
def test_an_unpublished_resource_is_gone_at_once(client: Client, path: str) -> None:
    page = f.hub_resource("rota-guide", title="Rota guide", body="<p>A rota.</p>")
    assert "Rota guide" in shown(client, path)

    page.unpublish()

    assert "Rota guide" not in shown(client, path)


def test_an_edited_resource_shows_its_new_title_at_once(client: Client) -> None:
    page = f.hub_resource("rota-guide", title="Rota guide", body="<p>A rota.</p>")
    assert "Rota guide" in shown(client, "/hub/?q=rota")

    page.title = "Rota handbook"
    page.save_revision().publish()

    html = shown(client, "/hub/?q=rota")
    assert "Rota handbook" in html and "Rota guide" not in html


def test_a_moved_or_deleted_resource_is_gone_at_once(client: Client) -> None:
    moved = f.hub_resource("rota-guide", title="Rota guide", body="<p>A rota.</p>")
    deleted = f.hub_resource("rota-tool", title="Rota tool", body="<p>A rota.</p>")
    html = shown(client, "/hub/")
    assert "Rota guide" in html and "Rota tool" in html

    moved.move(Page.objects.get(depth=1), pos="last-child")
    ResourcePage.objects.get(pk=deleted.pk).delete()

    html = shown(client, "/hub/")
    assert "Rota guide" not in html and "Rota tool" not in html


def test_an_update_to_the_search_index_draws_the_list_again(db: None) -> None:
    page = f.hub_resource("rota-guide", title="Rota guide")
    before = generations.generation(GENERATION_KEY)

    insert_or_update_object_task.enqueue("hub", "resourcepage", str(page.pk))

    assert generations.generation(GENERATION_KEY) != before


def test_a_kept_list_is_shown_to_everyone_with_their_own_header(client: Client) -> None:
    f.hub_resource("rota-guide", title="Rota guide")
    anonymous = shown(client, "/hub/")
    assert "Share a resource or case study" not in anonymous

    client.force_login(f.UserFactory.create())
    signed_in = shown(client, "/hub/")

    assert "Rota guide" in signed_in
    assert "Share a resource or case study" in signed_in
    assert "Sign out" in signed_in and "Sign out" not in anonymous


def test_the_front_pages_own_title_is_not_kept_with_the_list(client: Client, hub: HubIndexPage) -> None:
    shown(client, "/hub/")
    hub.introduction = "Everything networks share."
    hub.save_revision().publish()
    assert "Everything networks share." in shown(client, "/hub/")


def test_the_question_is_what_the_list_reads() -> None:
    factory = RequestFactory()

    def asked(path: str) -> tuple[Any, ...]:
        return listing.question(factory.get(path))

    assert asked("/hub/?q=care&utm_source=mail") == asked("/hub/?utm_source=news&q=care")
    assert asked("/hub/?q=care") != asked("/hub/?q=care&page=2") != asked("/hub/?q=care&kind=guide")
    # Any parameter submits the form (empty), which may draw differently from no parameter at all.
    assert asked("/hub/?utm_source=mail") != asked("/hub/")
