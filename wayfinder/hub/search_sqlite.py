"""The SQLite half of wayfinder.hub.search_backend: imported only when the database is SQLite.

Wagtail's SQLite backend scores each match with a subquery that searches the full-text index again for that one
page. Here the index is read once, with the pages the search may return as a filter, and scored in that pass.
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
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from wayfinder.hub.search_ranked import RankedResultsMixin, ranked_among


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
