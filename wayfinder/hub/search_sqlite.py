"""The SQLite half of wayfinder.hub.search_backend: imported only when the database is SQLite."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField, QuerySet
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
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                index_entry__object_id__in=self.queryset.order_by().values("pk"),
            )
            .annotate(score=rank, object_pk=Cast("index_entry__object_id", IntegerField()))
            .order_by("score", "-object_pk")
            .values_list("object_pk", "score")
        )


class RankedSQLiteSearchResults(SQLiteSearchResults):  # type: ignore[misc]
    def _ranked(self) -> QuerySet[Any] | None:
        compiler = self.query_compiler
        ranked: QuerySet[Any] | None = compiler.ranked_entries(compiler.get_config(self.backend))
        return ranked

    def _do_search(self) -> list[Any]:
        ranked = self._ranked()
        if ranked is None:
            return list(super()._do_search())
        order: list[int] = []
        scores: dict[int, float] = {}
        for pk, score in ranked[self.start : self.stop]:
            if pk not in scores:
                order.append(pk)
                scores[pk] = score
        queryset = self.query_compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        found = queryset.in_bulk(order)
        results = []
        for pk in order:
            if pk in found:
                if self._score_field:
                    setattr(found[pk], self._score_field, scores[pk])
                results.append(found[pk])
        return results

    def _do_count(self) -> int:
        ranked = self._ranked()
        if ranked is None:
            return int(super()._do_count())
        return int(ranked.values("object_pk").distinct().count())


class RankedSQLiteSearchBackend(SQLiteSearchBackend):  # type: ignore[misc]
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
