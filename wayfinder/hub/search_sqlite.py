"""The SQLite half of wayfinder.hub.search_backend: imported only when the database is SQLite.

Wagtail's SQLite backend scores each match with a subquery that searches the full-text index again for that one
page. Here the index is read once, with the pages the search may return as a filter, and scored in that pass.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, IntegerField, OuterRef, QuerySet
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from wayfinder.hub.search_ranked import RankedResultsMixin


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):  # type: ignore[misc]
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
        # Each match is checked against the pages the search may return by its primary key (EXISTS), rather than
        # against a list of every such page built first: a rare word's hundred matches cost a hundred lookups
        # instead of a pass over five thousand pages.
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(object_pk=Cast("index_entry__object_id", IntegerField()))
            .filter(Exists(self.queryset.order_by().filter(pk=OuterRef("object_pk"))))
            .annotate(score=rank)
            .order_by("score", "-object_pk")
            .values_list("object_pk", "score")
        )


class RankedSQLiteSearchResults(RankedResultsMixin, SQLiteSearchResults):  # type: ignore[misc]
    pass


class RankedSQLiteSearchBackend(SQLiteSearchBackend):  # type: ignore[misc]
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
