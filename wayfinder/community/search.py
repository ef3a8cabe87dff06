"""The community's own full-text index: one document per shown thread, its title and the words of its shown posts,
kept up to date by the services that write them and searched by `thread_ids_matching`. The differences between
PostgreSQL (a `SearchVectorField` on the thread with a GIN index) and SQLite (an FTS5 table, made by a migration)
live here only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce

from wayfinder.community.models import Post, PostStatus, Thread
from wayfinder.community.permissions import spaces_visible_to, threads_visible_to

# The FTS5 table (SQLite) and how much more a word in the title counts than one in a post.
FTS_TABLE = "community_thread_search"
TITLE_WEIGHT = 4.0
CONFIG = "english"
# Threads written again in one statement when the whole index is filled.
FILL_BATCH = 5_000
# A search ranks at most this many matching threads, the most recently active: a common word matches tens of
# thousands, and ranking every one of them costs over a hundred milliseconds.
CANDIDATES = 500

# A double-quoted phrase, or a run of anything else up to the next space.
_PIECE = re.compile(r'"([^"]*)"?|(\S+)')
# A word FTS5's tokenizer keeps has at least one letter or digit; a term without one would be an empty phrase.
_WORDY = re.compile(r"[^\W_]")


def fts5_query(words: str) -> str:
    """The person's words as an FTS5 query that cannot be read as FTS5's own syntax: every term and phrase in
    double quotes (a quote inside doubled), all of them required. As on PostgreSQL's web search, words in double
    quotes are a phrase, `OR` between two terms takes either and a leading `-` leaves out threads with the word.
    Empty when there is nothing to look for."""
    groups: list[list[str]] = []
    left_out: list[str] = []
    either = False
    for match in _PIECE.finditer(words):
        phrase, bare = match.group(1), match.group(2)
        if bare == "OR":
            either = bool(groups)
            continue
        negated = bare is not None and bare.startswith("-") and len(bare) > 1
        text = phrase if phrase is not None else bare.removeprefix("-") if negated else bare
        if not _WORDY.search(text):
            continue
        term = '"' + " ".join(text.split()).replace('"', '""') + '"'
        if negated:
            left_out.append(term)
        elif either:
            groups[-1].append(term)
        else:
            groups.append([term])
        either = False
    if not groups:
        return ""
    required = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    return f"({required})" + "".join(f" NOT {term}" for term in left_out)


def thread_ids_matching(user: Any, words: str, most: int) -> list[int]:
    """The ids of at most `most` shown threads, in spaces the user may read, whose title or shown posts match the
    words: of the `CANDIDATES` most recently active matches, the best first (then the latest). One query to the
    index. Words that ask for nothing (only punctuation, or only words to leave out) find nothing on either engine."""
    match = fts5_query(words)
    if not match:
        return []
    if connection.vendor == "postgresql":
        query = SearchQuery(words, search_type="websearch", config=CONFIG)
        recent = (
            threads_visible_to(user)
            .filter(status=PostStatus.VISIBLE, search=query)
            .order_by("-last_activity_at", "-pk")
            .values("pk")[:CANDIDATES]
        )
        found = (
            Thread.objects.filter(pk__in=Subquery(recent))
            .annotate(rank=SearchRank(F("search"), query))
            .order_by("-rank", "-last_activity_at", "-pk")
            .values_list("pk", flat=True)[:most]
        )
        return list(found)
    space_ids = list(spaces_visible_to(user).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            _SQLITE_SEARCH, [match, match, PostStatus.VISIBLE, json.dumps(space_ids), CANDIDATES, TITLE_WEIGHT, most]
        )
        return [row[0] for row in cursor.fetchall()]


def _posts_text() -> Subquery:
    shown = Post.objects.filter(thread=OuterRef("pk"), status=PostStatus.VISIBLE).order_by()
    return Subquery(shown.values("thread").annotate(text=StringAgg("body", " ")).values("text"))


def _document() -> Any:
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        Coalesce(_posts_text(), Value(""), output_field=TextField()), weight="B", config=CONFIG
    )


def threads_index(thread_ids: Iterable[int]) -> None:
    """Write the threads' documents again from their title and shown posts; a thread that is not shown (waiting
    for approval or hidden) leaves the index. Called by every service that changes what a thread shows."""
    ids = sorted(set(thread_ids))
    if not ids:
        return
    if connection.vendor == "postgresql":
        shown = When(status=PostStatus.VISIBLE, then=_document())
        Thread.objects.filter(pk__in=ids).update(search=Case(shown, default=None))
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM community_thread_search WHERE rowid IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]
        )
        cursor.execute(_SQLITE_INDEX_SOME, [json.dumps(ids)])


def threads_index_missing() -> int:
    """Put every shown thread that is not in the index yet in it, a batch of threads per statement (the seed
    commands save in bulk). Returns how many were added; running it again adds nothing."""
    added = 0
    if connection.vendor == "postgresql":
        missing = Thread.objects.filter(status=PostStatus.VISIBLE, search__isnull=True).order_by("pk")
        while batch := list(missing.values_list("pk", flat=True)[:FILL_BATCH]):
            added += Thread.objects.filter(pk__in=batch).update(search=_document())
        return added
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_INDEX_MISSING)
        return max(cursor.rowcount, 0)


# The most recently active matches in the spaces given (a JSON list), then the best of them by bm25: the outer
# query matches again so that bm25 has the index's statistics, and ranks only the rows the inner one let through.
# The unary + keeps SQLite from handing the id list to FTS5 as one lookup per id (each a whole match again).
_SQLITE_SEARCH = (
    "SELECT s.rowid FROM community_thread_search s JOIN community_thread t ON t.id = s.rowid"
    " WHERE community_thread_search MATCH %s AND +s.rowid IN ("
    " SELECT c.id FROM community_thread_search m JOIN community_thread c ON c.id = m.rowid"
    " WHERE community_thread_search MATCH %s AND c.status = %s AND c.space_id IN (SELECT value FROM json_each(%s))"
    " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT %s)"
    " ORDER BY bm25(community_thread_search, %s, 1.0), t.last_activity_at DESC, t.id DESC LIMIT %s"
)
# A thread's document on SQLite: the title, and its shown posts' words in one column; for some threads (a JSON
# list of ids) or for every shown thread not in the table yet.
_SQLITE_INDEX_SOME = (
    "INSERT INTO community_thread_search (rowid, title, body)"
    " SELECT t.id, t.title, COALESCE((SELECT group_concat(p.body, ' ') FROM community_post p"
    " WHERE p.thread_id = t.id AND p.status = 'visible'), '')"
    " FROM community_thread t WHERE t.status = 'visible' AND t.id IN (SELECT value FROM json_each(%s))"
)
_SQLITE_INDEX_MISSING = (
    "INSERT INTO community_thread_search (rowid, title, body)"
    " SELECT t.id, t.title, COALESCE((SELECT group_concat(p.body, ' ') FROM community_post p"
    " WHERE p.thread_id = t.id AND p.status = 'visible'), '')"
    " FROM community_thread t WHERE t.status = 'visible' AND t.id NOT IN (SELECT rowid FROM community_thread_search)"
)
