"""Wagtail's database search backend ("modelsearch"), with SQLite's results ranked in one pass.

The SQLite backend ranks by scoring every matching page in a subquery that searches the full-text index again for
that one page: fine for a dozen matches, but a common word in 5,000 resources (a thousand matches) took half a
second. Here a plain search ordered by relevance reads the index once, with the pages it may return as a filter,
and loads only the page of results shown. Searches it does not handle (everything, negated, not by relevance) and
other databases (PostgreSQL's backend ranks in one pass already) use the backend as it is.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wayfinder.hub.search_backend"}}.
"""

from __future__ import annotations

from typing import Any

from modelsearch.backends.database import SearchBackend as database_backend


# "SearchBackend" is the name modelsearch looks for in a backend module.
def SearchBackend(params: dict[str, Any]) -> Any:
    backend = database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        from wayfinder.hub.search_sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
