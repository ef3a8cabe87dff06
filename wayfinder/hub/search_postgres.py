"""The PostgreSQL half of wayfinder.hub.search_backend: Wagtail's own backend, with a search's count and page
read from one ranked query (see search_ranked)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not

from wayfinder.hub.search_ranked import RankedResultsMixin


class RankedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):  # type: ignore[misc]
    def ranked_entries(self, config: Any) -> QuerySet[Any] | None:
        """(pk, rank) of every match among the queryset's objects, best first, exactly as Wagtail's backend ranks
        and orders them, or None for a search this class leaves to the backend."""
        if not self.order_by_relevance or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank = self._build_rank_expression(vectors, config)
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        return (
            self.queryset.annotate(_vector_=combined)
            .filter(_vector_=search_query)
            .annotate(_rank_=rank)
            .order_by(F("_rank_").desc(), "-pk")
            .values_list("pk", "_rank_")
        )


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):  # type: ignore[misc]
    pass


class RankedPostgresSearchBackend(PostgresSearchBackend):  # type: ignore[misc]
    query_compiler_class = RankedPostgresSearchQueryCompiler
    results_class = RankedPostgresSearchResults
