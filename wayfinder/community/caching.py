"""Generations for what the community's pages draw once and keep in the shared cache: a thread's posts (one
generation a thread), the thread lists (one for all of them), the topics (their names show on threads and lists)
and people (their names show on posts and lists). The services bump them with every write that changes what a page
shows, now and once more after the commit, so a page drawn in between from what the database held before is stale
too."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from wayfinder.core import generations
from wayfinder.core.changes import Changes

# What is drawn is kept at most this long; a write bumps its generation long before.
DRAWN_SECONDS = 6 * 3600

LISTS_KEY = "community:lists"
TOPICS_KEY = "community:topics"
PEOPLE_KEY = "community:people"
SPACES_KEY = "community:spaces"


def thread_key(thread_id: int) -> str:
    return f"community:thread:{thread_id}"


def reader_key(user_id: int) -> str:
    """What is kept about one reader of a thread (whether they follow it), beside the thread's own generation."""
    return f"community:reader:{user_id}"


def _bump(keys: list[str]) -> None:
    generations.bump(keys)
    transaction.on_commit(lambda: generations.bump(keys), robust=True)


def threads_changed(thread_ids: Iterable[int]) -> None:
    """The threads' pages and every thread list are drawn again (a reply moves a thread up its lists, an edit may
    change its title, a hidden opening post takes it out of them)."""
    _bump([LISTS_KEY, *(thread_key(pk) for pk in set(thread_ids))])


def follows_changed(user_id: int) -> None:
    _bump([reader_key(user_id)])


def spaces_changed() -> None:
    """A space was opened: whether a person moderates any space (the "Moderation" link) is worked out again."""
    _bump([SPACES_KEY])


def topics_changed(*args: Any, **kwargs: Any) -> None:
    """Also a signal receiver: a topic saved, deleted or linked to other dimensions anywhere (the admin too)."""
    _bump([TOPICS_KEY])


def people_changed() -> None:
    """Someone's name changed or was erased: every drawn page, which names the people who wrote, is drawn again."""
    _bump([PEOPLE_KEY])


def follow_changes(sender: Any, changes: Changes, **kwargs: Any) -> None:
    """`core.changes.committed` listener: a person's profile (their name) may have changed."""
    if changes.people:
        generations.bump([PEOPLE_KEY])
