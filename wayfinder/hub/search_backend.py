"""Wagtail's database search backend ("modelsearch"), answering a search's count and page from one ranked query.

Wagtail's backends answer a paged search with two queries that each match the full-text index again (one counts,
one ranks every match to return a page), and SQLite's also scores each match with a subquery that searches the
index again for that one page: a common word in 5,000 resources (a thousand matches) took half a second. Here a
plain search ordered by relevance reads the index once (search_ranked), on SQLite (search_sqlite) and on
PostgreSQL (search_postgres). Searches it does not handle (everything, negated, not by relevance, fuzzy) and other
databases use the backend as it is.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wayfinder.hub.search_backend"}}.
"""

from __future__ import annotations

from typing import Any

from modelsearch.backends.database import SearchBackend as database_backend


# "SearchBackend" is the name modelsearch looks for in a backend module.
def SearchBackend(params: dict[str, Any]) -> Any:
    backend = database_backend(params)
    # Each half is imported only for its own database: their modules import that database's backend.
    if type(backend).__name__ == "SQLiteSearchBackend":
        from wayfinder.hub.search_sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    if type(backend).__name__ == "PostgresSearchBackend":
        from wayfinder.hub.search_postgres import RankedPostgresSearchBackend

        return RankedPostgresSearchBackend(params)
    return backend
