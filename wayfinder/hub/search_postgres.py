"""The PostgreSQL half of wayfinder.hub.search_backend: Wagtail's own backend, with a search's count and page
read from one ranked query (see search_ranked).

That query starts from the index entries rather than the pages: it matches the title-and-body vector stored on
each entry (hub migration 0006) through its index, instead of joining the two vectors again for every entry, and
checks each match against the pages the search may return by primary key, instead of reading every page.

A search for words or a phrase (everything the hub's search box sends) is written out as SQL, with the text query
Wagtail's backend builds and its rank expression (ts_rank of the title, weighted by the title's norm, plus ts_rank
of the body): building the same query through the ORM cost more than PostgreSQL took to run it. Other searches
(combined with AND or OR, boosted) are built through the ORM.
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
from modelsearch.query import Fuzzy, MatchAll, Not, Phrase, PlainText
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

# The generated column holding `title || body` on each index entry (hub/migrations/0006).
STORED_TITLE_BODY = f'"{IndexEntry._meta.db_table}"."hub_title_body"'


class RankedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):  # type: ignore[misc]
    def ranked_sql(
        self, config: Any, page: Span | None = None, joined: Joined | None = None
    ) -> tuple[str, list[Any]] | None:
        """SQL and parameters giving (pk, rank) of every match among the queryset's objects, best first, as
        Wagtail's backend ranks and orders them, or None for a search this class leaves to the backend. With a
        page (offset, limit): only those rows, each with the number of matches as a third column (then the `joined`
        values), or None when this search is not written out here (see RankedResultsMixin.ranked_page)."""
        if not isinstance(self.query, (PlainText, Phrase)) or not self.order_by_relevance or self.fields is not None:
            if page is not None:
                return None
            entries = self.ranked_entries(config)
            return None if entries is None else compiled(entries)
        db = self.queryset.db
        search = self.build_tsquery(self.query, config=config)
        query_sql, query_params = IndexEntry._default_manager.none().query.get_compiler(db).compile(search)
        content_types = list(get_descendants_content_types_pks(self.queryset.model))
        exists_sql, exists_params = among_exists(self.queryset, OBJECT_PK_SQL)
        entry = f'"{INDEX_ENTRY_TABLE}"'
        # The text query in the rank is a subquery of its own, which PostgreSQL works out once per search: written
        # in place, to_tsquery (stable, not immutable) parses the words again for each match, twice, which cost
        # more than ranking them. The condition keeps it in place, so the planner can estimate how many match.
        once = f"(SELECT {query_sql})"
        # Table and column names fixed in this module; every value is a parameter (the words searched too).
        rank = (
            f'((ts_rank((%s)::float4[], {entry}."title", {once}) * {entry}."title_norm") + '
            f'(ts_rank((%s)::float4[], {entry}."body", {once}) * %s))'
        )
        placeholders = ", ".join(["%s"] * len(content_types))
        matches = (
            f"SELECT {OBJECT_PK_SQL}, {rank} FROM {entry} "  # noqa: S608
            f'WHERE ({entry}."content_type_id" IN ({placeholders}) AND {STORED_TITLE_BODY} @@ ({query_sql}) '
            f"AND {exists_sql})"
        )
        sql, page_params = ordered(matches, "2 DESC, 1 DESC", page, joined)
        weights = self.sql_weights
        params = [weights, *query_params, weights, *query_params, 1.0, *content_types, *query_params, *exists_params]
        return sql, [*params, *page_params]

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
