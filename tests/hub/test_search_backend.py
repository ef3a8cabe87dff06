"""Our search backends (one ranked read per search) find, count, order and score exactly what Wagtail's own do,
on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.query import MATCH_ALL, And, Not, Phrase, PlainText
from wagtail.models import Page

from tests import factories as f
from wayfinder.hub.models import ResourcePage
from wayfinder.hub.search_ranked import Joined

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


def both(query: Any, **kwargs: Any) -> tuple[Any, Any]:
    # Imported here: each backend's module only loads where its database is in use.
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend as Theirs

        name = "RankedSQLiteSearchBackend"
    else:
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend as Theirs

        name = "RankedPostgresSearchBackend"
    ours = get_search_backend()
    theirs = Theirs({})
    assert type(ours).__name__ == name
    pages = Page.objects.live().filter(depth__gt=2)
    return ours.search(query, pages, **kwargs), theirs.search(query, pages, **kwargs)


def test_a_count_and_a_page_of_one_search_read_the_index_once(resources: None, django_assert_num_queries: Any) -> None:
    both("frailty")[0].count()  # content types are looked up once per process
    ours, _ = both("care")
    with django_assert_num_queries(2):  # the ranked matches, then the ten pages shown
        assert ours.count() > 10
        assert len(list(ours[0:10])) == 10
    with django_assert_num_queries(1):  # another page of the same results: only its pages are loaded
        assert len(list(ours[10:12])) == 2


@pytest.mark.parametrize(
    "query",
    [
        "care",
        "care homes",
        "frailty",
        "life",
        "nothing-matches-this",
        Phrase("end of life"),
        # Combined searches: SQLite's are built through the ORM rather than written out.
        PlainText("care") & PlainText("homes"),
        PlainText("frailty") | PlainText("respiratory"),
    ],
    ids=str,
)
def test_same_results_in_the_same_order_and_the_same_count(resources: None, query: Any) -> None:
    ours, theirs = both(query)
    assert [p.pk for p in ours] == [p.pk for p in theirs]
    assert ours.count() == theirs.count()
    assert [p.pk for p in ours[3:7]] == [p.pk for p in theirs[3:7]]
    assert ours[3:7].count() == theirs[3:7].count()


def test_a_common_word_is_ranked_and_paged(resources: None) -> None:
    ours, _ = both("care")
    found = list(ours)
    assert len(found) == ours.count() > 10
    assert "guide-5" not in {p.slug for p in found}
    # Twenty at a time, as the hub pages them: no page repeats another's results.
    first, second = [p.pk for p in ours[0:10]], [p.pk for p in ours[10:20]]
    assert not set(first) & set(second)


def test_scores_when_asked(resources: None) -> None:
    ours, theirs = both("care")
    ours_scored = ours.annotate_score("_score")
    theirs_scored = theirs.annotate_score("_score")
    assert [(p.pk, round(p._score, 6)) for p in ours_scored] == [(p.pk, round(p._score, 6)) for p in theirs_scored]


@pytest.mark.parametrize("query", ["care", "frailty", Phrase("care homes")])
def test_a_page_of_matches_is_the_same_slice_of_the_same_ranking_with_the_count(resources: None, query: Any) -> None:
    ours, _ = both(query)
    everything = [page.pk for page in ours]
    assert everything
    for offset, limit in [(0, 5), (3, 4), (len(everything) - 2, 5), (0, 100)]:
        assert ours.ranked_page(offset, limit) == (len(everything), everything[offset : offset + limit])
    # Past the last match: no rows, but still the count.
    assert ours.ranked_page(len(everything) + 10, 5) == (len(everything), [])


def test_a_page_of_a_search_it_does_not_write_as_sql_is_cut_from_every_match(resources: None) -> None:
    ours, _ = both(And([PlainText("care"), Phrase("care homes")]))
    everything = [page.pk for page in ours]
    assert everything
    assert ours.ranked_page(1, 2) == (len(everything), everything[1:3])
    # One Wagtail answers itself: left to Wagtail here too.
    assert both(MATCH_ALL)[0].ranked_page(0, 5) is None


def test_a_page_of_matches_is_one_query(resources: None, django_assert_num_queries: Any) -> None:
    ours, _ = both("care")
    with django_assert_num_queries(1):
        total, pks = ours.ranked_page(0, 5)
    assert total > 5 and len(pks) == 5


@pytest.mark.parametrize("query", ["care", Phrase("care homes")], ids=str)
def test_a_page_of_matches_reads_joined_values_in_the_same_query(
    resources: None, query: Any, django_assert_num_queries: Any
) -> None:
    ours, _ = both(query)
    everything = [page.pk for page in ours]
    joined = Joined('j."title", j."slug"', 'LEFT JOIN "wagtailcore_page" j ON j."id" = top.pk')
    with django_assert_num_queries(1):
        total, rows = ours.ranked_page(2, 4, joined)
    assert total == len(everything)
    assert [row[0] for row in rows] == everything[2:6]
    pages = Page.objects.in_bulk(everything[2:6])
    assert rows == [(pk, pages[pk].title, pages[pk].slug) for pk in everything[2:6]]
    # Past the last match: no rows, still the count.
    assert ours.ranked_page(len(everything) + 3, 4, joined) == (len(everything), [])


def test_a_search_not_written_as_one_query_reads_no_joined_values(resources: None) -> None:
    ours, _ = both(And([PlainText("care"), Phrase("care homes")]))
    joined = Joined('j."title"', 'LEFT JOIN "wagtailcore_page" j ON j."id" = top.pk')
    assert ours.ranked_page(0, 2, joined) is None
    assert ours.ranked_page(0, 2) is not None


def test_an_object_read_twice_is_kept_once_at_its_best_place(db: None) -> None:
    from wayfinder.hub.search_ranked import RankedResultsMixin

    def read(sql: str) -> list[tuple[int, float]]:
        return [(pk, float(score)) for pk, score in RankedResultsMixin._read("default", sql, [])]

    assert read("SELECT 7, 0.9 UNION ALL SELECT 3, 0.8 UNION ALL SELECT 7, 0.5 UNION ALL SELECT 4, 0.1") == [
        (7, 0.9),
        (3, 0.8),
        (4, 0.1),
    ]
    assert read("SELECT 2, 0.5 UNION ALL SELECT 1, 0.2") == [(2, 0.5), (1, 0.2)]


def test_searches_it_does_not_rank_itself_are_left_to_wagtail(resources: None) -> None:
    for query, kwargs in [
        (Not(PlainText("care")), {}),
        ("care", {"order_by_relevance": False}),
        (MATCH_ALL, {}),
    ]:
        ours, theirs = both(query, **kwargs)
        assert sorted(p.pk for p in ours) == sorted(p.pk for p in theirs)
        assert ours.count() == theirs.count()


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


def test_postgresql_ranks_from_the_stored_title_and_body_which_its_index_answers(resources: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the stored vector is PostgreSQL's; SQLite searches its own full-text table")
    ours, _ = both("care")
    compiler = ours.query_compiler
    sql, _params = compiler.ranked_sql(compiler.get_config(ours.backend))
    assert '"hub_title_body" @@' in sql.replace(")", "")  # the stored vector is what ours matches
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE hub_title_body @@ to_tsquery('care')")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "hub_search_title_body_stored_gin" in plan


def test_an_edited_page_is_found_by_its_new_words_only(resources: None) -> None:
    page = ResourcePage.objects.get(slug="guide-0")
    page.title = "Guide to wound dressings"
    page.summary = "Choosing a dressing."
    page.body = "<p>Bandages and dressings.</p>"
    page.save_revision().publish()
    get_search_backend().add(page)  # as the indexing task does once the publish is committed

    ours, theirs = both("bandages")
    assert [p.slug for p in ours] == [p.slug for p in theirs] == ["guide-0"]
    assert "guide-0" not in {p.slug for p in both("homes")[0]}
