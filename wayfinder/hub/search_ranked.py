"""What the hub's SQLite and PostgreSQL search backends share: one read of the ranked matches per search.

Wagtail's database backends answer a paged search with two queries, each matching the full-text index again: one
counts the matches, the other ranks them all to return twenty. Here the first of them reads every match's id and
score, best first (a few thousand small rows at most), and keeps them on the search's query compiler, which the
count and every slice of the same results share; the page shown is then loaded by id. The hub's list asks for
less (ranked_page): the number of matches and one page of them, in one query that sends only that page. Searches
a backend does not rank this way (everything, a negation, not ordered by relevance) are answered as Wagtail
answers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import BooleanField, F, IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.conf import get_app_config

# Both backends read Wagtail's index entries (the query names the table itself, unaliased): each entry's object, as
# the integer primary key of a page.
INDEX_ENTRY_TABLE = get_app_config().get_model("IndexEntry", require_ready=False)._meta.db_table
OBJECT_PK_SQL = f'CAST("{INDEX_ENTRY_TABLE}"."object_id" AS integer)'


def among_exists(among: QuerySet[Any], object_pk_sql: str) -> tuple[str, list[Any]]:
    """SQL for "one of `among` has the primary key `object_pk_sql`" (an expression of the outer query's row), and
    its parameters: `among` compiled on its own, rather than resolved against the outer query as Exists(OuterRef)
    would be, which cost more than running the search. The outer query must not alias the tables `among` reads.

    Compiled once per queryset: a queryset kept and searched again (hub/queries.py listing_pages) is not compiled
    again. A queryset is not changed by searching it, so what it compiles to stays the same."""
    kept: dict[str, tuple[str, list[Any]]] = among.__dict__.setdefault("_wayfinder_among_exists", {})
    if object_pk_sql not in kept:
        # A fixed SQL expression naming the outer query's column, never input.
        inner = among.order_by().filter(pk=RawSQL(object_pk_sql, ())).values("pk")  # noqa: S611
        sql, params = inner.query.get_compiler(using=inner.db).as_sql()
        kept[object_pk_sql] = (f"EXISTS ({sql})", list(params))
    sql, params = kept[object_pk_sql]
    return sql, list(params)


def ranked_among(
    entries: QuerySet[Any], object_id: str, among: QuerySet[Any], rank: Any, *, higher_is_better: bool
) -> QuerySet[Any]:
    """(object pk, score) of each index entry whose object is one of `among`, best first, ties newest first, as
    Wagtail's backends order them. Each match is checked against `among` by primary key (EXISTS), rather than
    against a list of all of its rows built first: a rare word's hundred matches cost a hundred lookups instead
    of a pass over five thousand pages."""
    score = F("_score_").desc() if higher_is_better else F("_score_").asc()
    exists_sql, exists_params = among_exists(among, OBJECT_PK_SQL)
    return (
        entries.annotate(object_pk=Cast(object_id, IntegerField()))
        # A condition compiled from `among` (among_exists), with its own parameters.
        .filter(RawSQL(exists_sql, exists_params, output_field=BooleanField()))  # noqa: S611
        .annotate(_score_=rank)
        .order_by(score, F("object_pk").desc())
        .values_list("object_pk", "_score_")
    )


# One page of a search's matches: (offset, limit).
Span = tuple[int, int]


@dataclass(frozen=True)
class Joined:
    """Values to read beside each match on a page of results, in the same query: `columns`, an SQL select list
    from `joins`, SQL joining tables to the page's rows (the derived table `top`, whose `pk` is each match's
    primary key). Fixed SQL from the caller: it must hold no value and no input."""

    columns: str
    joins: str


def ordered(matches: str, order: str, page: Span | None, joined: Joined | None = None) -> tuple[str, list[Any]]:
    """A ranked query from `matches` (SQL selecting each match's pk and score) and `order` (its ORDER BY, by
    position), and the parameters it adds. Asked for a page, only that page's rows, each with the number of
    matches as a third column (and, when `joined` is given, its values after that): the matches are scored once
    into a table of their own (MATERIALIZED, so the database neither scores them again nor carries their text
    vectors along to count them), then counted, and the best of them sorted out. That sends 20 rows instead of
    every match: for a common word's thousand matches, reading them all cost more under load than finding them."""
    if page is None:
        return f"{matches} ORDER BY {order}", []
    offset, limit = page
    # Fixed SQL around `matches`, which the backends build with every value a parameter, and `joined`, fixed SQL.
    top = f"SELECT pk, score, (SELECT COUNT(*) FROM ranked) AS total FROM ranked ORDER BY {order} LIMIT %s OFFSET %s"  # noqa: S608
    if joined is not None:
        top = (
            f"SELECT top.pk, top.score, top.total, {joined.columns} FROM ({top}) AS top "  # noqa: S608
            f"{joined.joins} ORDER BY {order}"
        )
    sql = f"WITH ranked (pk, score) AS MATERIALIZED ({matches}) {top}"
    return sql, [limit, offset]


def compiled(queryset: QuerySet[Any]) -> tuple[str, list[Any]]:
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, list(params)


class RankedResultsMixin:
    """For a SearchResults class whose query compiler has ranked_sql(config): the SQL and parameters of a query
    giving (pk, score) for every match, best first, or None for a search it leaves to the backend."""

    query_compiler: Any
    backend: Any
    start: int
    stop: int | None
    prefetch_related: Any
    _score_field: str | None

    def _ranked_rows(self) -> list[tuple[Any, Any]] | None:
        compiler = self.query_compiler
        if hasattr(compiler, "_wayfinder_ranked_rows"):
            rows: list[tuple[Any, Any]] | None = compiler._wayfinder_ranked_rows
            return rows
        ranked: tuple[str, list[Any]] | None = compiler.ranked_sql(compiler.get_config(self.backend))
        rows = None if ranked is None else self._read(compiler.queryset.db, *ranked)
        compiler._wayfinder_ranked_rows = rows
        return rows

    def ranked_page(self, offset: int, limit: int, joined: Joined | None = None) -> tuple[int, list[Any]] | None:
        """The number of matches, and the primary keys of up to `limit` of them from `offset`, best first (with
        `joined`: each one's row instead, its primary key followed by the joined values); None for a search this
        backend leaves to Wagtail, or, with `joined`, does not write out as one query.

        A search for words or a phrase is one query that sends only the page's rows, each with the number of
        matches: reading and sending every match of a common word cost more, under load, than finding them.
        (Wagtail keeps one index entry per object, so no object is read twice.) A page past the last match costs
        a second query, for the number. Other searches read every match once (_ranked_rows) and are sliced here.
        """
        compiler = self.query_compiler
        config = compiler.get_config(self.backend)
        page_sql: tuple[str, list[Any]] | None = compiler.ranked_sql(config, (offset, limit), joined)
        if page_sql is None:
            rows = None if joined is not None else self._ranked_rows()
            return None if rows is None else (len(rows), [pk for pk, _ in rows[offset : offset + limit]])
        db = compiler.queryset.db
        read = self._fetch(db, *page_sql)
        if not read and offset:
            first_sql = compiler.ranked_sql(config, (0, 1))
            first = self._fetch(db, *first_sql) if first_sql is not None else []
            return (first[0][2] if first else 0), []
        total = read[0][2] if read else 0
        if joined is not None:
            return total, [(row[0], *row[3:]) for row in read]
        return total, [row[0] for row in read]

    @staticmethod
    def _fetch(db: str, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        # Read as plain rows: Django's per-value converters cost more than the search for a thousand matches.
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    @classmethod
    def _read(cls, db: str, sql: str, params: list[Any]) -> list[tuple[Any, Any]]:
        read = cls._fetch(db, sql, params)
        if len({pk for pk, _ in read}) == len(read):
            return read
        # An object indexed twice (Wagtail keeps one entry per object and content type) is ranked by its best entry.
        seen: set[Any] = set()
        rows = []
        for pk, score in read:
            if pk not in seen:
                seen.add(pk)
                rows.append((pk, score))
        return rows

    def _do_search(self) -> list[Any]:
        rows = self._ranked_rows()
        if rows is None:
            return list(super()._do_search())  # type: ignore[misc]
        chosen = rows[self.start : self.stop]
        if not chosen:
            return []
        queryset = self.query_compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        found = queryset.in_bulk([pk for pk, _ in chosen])
        results = []
        for pk, score in chosen:
            if pk in found:
                if self._score_field:
                    setattr(found[pk], self._score_field, score)
                results.append(found[pk])
        return results

    def _do_count(self) -> int:
        rows = self._ranked_rows()
        if rows is None:
            return int(super()._do_count())  # type: ignore[misc]
        return len(rows)
