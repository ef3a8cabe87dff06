"""The hub searches with Wagtail's own database backend (SQLite's full-text tables, PostgreSQL's text search):
matches are ranked and paged, drafts are never found, and an edited page is found by its new words."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from tests import factories as f
from wayfinder.hub.models import ResourcePage

pytestmark = pytest.mark.django_db

WORDS = ["care homes", "frailty", "diabetes care", "end of life care", "respiratory", "care navigation"]


@pytest.fixture
def resources() -> None:
    for n in range(24):
        topic = WORDS[n % len(WORDS)]
        f.hub_resource(
            f"guide-{n}",
            title=f"Guide {n} to {topic}",
            summary=f"How networks work on {topic}" + (" and care" * (n % 4)) + ".",
            body=f"<p>{'More on ' + topic if n % 3 else 'Plain words.'}</p>",
        )
    # A draft that matches: never found, as the queryset given leaves it out.
    ResourcePage.objects.get(slug="guide-5").unpublish()


def search(query: Any, **kwargs: Any) -> Any:
    return get_search_backend().search(query, Page.objects.live().filter(depth__gt=2), **kwargs)


def test_the_hub_uses_wagtails_own_backend() -> None:
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.database"


def test_a_common_word_is_ranked_and_paged(resources: None) -> None:
    found = list(search("care"))
    assert len(found) == search("care").count() > 10
    assert "guide-5" not in {p.slug for p in found}
    # Twenty at a time, as the hub pages them: no page repeats another's results.
    results = search("care")
    first, second = [p.pk for p in results[0:10]], [p.pk for p in results[10:20]]
    assert not set(first) & set(second)
    assert first + second == [p.pk for p in found][:20]


def test_postgresql_answers_a_search_from_the_title_and_body_index(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the index is PostgreSQL's; SQLite searches its own full-text table")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # The condition Wagtail's PostgreSQL backend writes for a search of titles and bodies.
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('simple', 'care')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "hub_search_title_body_gin" in plan


def test_an_edited_page_is_found_by_its_new_words_only(resources: None) -> None:
    page = ResourcePage.objects.get(slug="guide-0")
    page.title = "Guide to wound dressings"
    page.summary = "Choosing a dressing."
    page.body = "<p>Bandages and dressings.</p>"
    page.save_revision().publish()
    get_search_backend().add(page)  # as the indexing task does once the publish is committed

    assert [p.slug for p in search("bandages")] == ["guide-0"]
    assert "guide-0" not in {p.slug for p in search("homes")}
