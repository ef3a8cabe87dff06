"""The PostgreSQL half of wayfinder.hub.search_backend: Wagtail's own backend, with a search's count and page
read from one ranked query (see search_ranked).

That query starts from the index entries rather than the pages: it matches the title-and-body vector stored on
each entry (hub migration 0006) through its index, instead of joining the two vectors again for every entry, and
checks each match against the pages the search may return by primary key, instead of reading every page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from wayfinder.hub.search_ranked import RankedResultsMixin, compiled, ranked_among

# The generated column holding `title || body` on each index entry (hub/migrations/0006).
STORED_TITLE_BODY = f'"{IndexEntry._meta.db_table}"."hub_title_body"'


class RankedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):  # type: ignore[misc]
    def ranked_sql(self, config: Any) -> tuple[str, list[Any]] | None:
        entries = self.ranked_entries(config)
        return None if entries is None else compiled(entries)

    def ranked_entries(self, config: Any) -> QuerySet[Any] | None:
        """(pk, rank) of every match among the queryset's objects, best first, exactly as Wagtail's backend ranks
        and orders them, or None for a search this class leaves to the backend (everything, a negation, fuzzy,
        not by relevance, or only some of the fields)."""
        if not self.order_by_relevance or self.fields is not None:
            return None
        if isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        # Wagtail's index vectors (get_index_vectors), named from the index entry instead of from the page.
        rank = self._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config)
        entries = (
            IndexEntry._default_manager.filter(
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
            )
            # A fixed column name (no input), not exposed by the model Wagtail defines.
            .annotate(_vector_=RawSQL(STORED_TITLE_BODY, [], output_field=SearchVectorField()))  # noqa: S611
            .filter(_vector_=search_query)
        )
        return ranked_among(entries, "object_id", self.queryset, rank, higher_is_better=True)


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):  # type: ignore[misc]
    pass


class RankedPostgresSearchBackend(PostgresSearchBackend):  # type: ignore[misc]
    query_compiler_class = RankedPostgresSearchQueryCompiler
    results_class = RankedPostgresSearchResults
