"""The SQLite half of wayfinder.hub.search_backend: imported only when the database is SQLite.

Wagtail's SQLite backend scores each match with a subquery that searches the full-text index again for that one
page. Here the index is read once, with the pages the search may return as a filter, and scored in that pass.

A search for words or a phrase (everything the hub's search box sends) is written as SQL here, scored exactly as
Wagtail scores it: building and compiling the same query through the ORM took several times as long as SQLite
takes to run it. Other searches (combined with AND or OR, boosted) are built through the ORM.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from wayfinder.hub.search_ranked import (
    INDEX_ENTRY_TABLE,
    OBJECT_PK_SQL,
    Joined,
    RankedResultsMixin,
    Span,
    among_exists,
    compiled,
    ordered,
    ranked_among,
)

FTS_TABLE = SQLiteFTSIndexEntry._meta.db_table
# Wagtail's score for words or a phrase: bm25 (lower is better) weighted by the title's norm, plus bm25 for the body
# (SQLiteSearchQueryCompiler._build_rank_expression with its two index vectors, as the ORM writes it).
SCORE_SQL = f'((bm25({FTS_TABLE}) * "{INDEX_ENTRY_TABLE}"."title_norm") + (bm25({FTS_TABLE}) * 1.0))'


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):  # type: ignore[misc]
    def ranked_sql(
        self, config: Any, page: Span | None = None, joined: Joined | None = None
    ) -> tuple[str, list[Any]] | None:
        """SQL and parameters giving (object id, score) of every match among the queryset's objects, best first
        (bm25: lower is better, ties newest first as the backend orders them), or None for a search this class
        leaves to the backend. With a page (offset, limit): only those rows, each with the number of matches as a
        third column (then the `joined` values), or None when this search is not written out here (see
        RankedResultsMixin.ranked_page)."""
        if not self.order_by_relevance:
            return None
        query = normalize(self.query)
        if not isinstance(query, (PlainText, Phrase)):
            if page is not None:
                return None
            entries = self.ranked_entries(config)
            return None if entries is None else compiled(entries)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        db = self.queryset.db
        match_sql, match_params = match.as_sql(SQLiteFTSIndexEntry.objects.none().query.get_compiler(db), None)
        content_types = list(get_descendants_content_types_pks(self.queryset.model))
        exists_sql, exists_params = among_exists(self.queryset, OBJECT_PK_SQL)
        placeholders = ", ".join(["%s"] * len(content_types))
        # Table and column names fixed in this module; every value is a parameter (the words matched too).
        matches = (
            f'SELECT {OBJECT_PK_SQL}, {SCORE_SQL} FROM "{FTS_TABLE}" '  # noqa: S608
            f'INNER JOIN "{INDEX_ENTRY_TABLE}" ON ("{FTS_TABLE}"."rowid" = "{INDEX_ENTRY_TABLE}"."id") '
            f'WHERE ({match_sql} AND "{INDEX_ENTRY_TABLE}"."content_type_id" IN ({placeholders}) '
            f"AND {exists_sql})"
        )
        sql, page_params = ordered(matches, "2 ASC, 1 DESC", page, joined)
        return sql, [*match_params, *content_types, *exists_params, *page_params]

    def ranked_entries(self, config: Any) -> QuerySet[Any] | None:
        """(object id, score) of every match among the queryset's objects, best first (bm25: lower is better, ties
        newest first as the backend orders them), or None for a search this class leaves to the backend."""
        if not self.order_by_relevance:
            return None
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        entries = SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
        )
        # bm25: lower is better.
        return ranked_among(entries, "index_entry__object_id", self.queryset, rank, higher_is_better=False)


class RankedSQLiteSearchResults(RankedResultsMixin, SQLiteSearchResults):  # type: ignore[misc]
    pass


class RankedSQLiteSearchBackend(SQLiteSearchBackend):  # type: ignore[misc]
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
