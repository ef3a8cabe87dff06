"""Reads the community's pages share: lists of threads, a thread with its posts, topics, notifications, search and
the moderation queue. Each costs a fixed number of queries however much there is, and starts from the scoped
selectors in `permissions`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from wayfinder.community import search as index
from wayfinder.community.models import (
    Follow,
    Helpful,
    ModerationLog,
    Notification,
    Post,
    PostRevision,
    PostStatus,
    Report,
    Space,
    SpaceKind,
    Tag,
    Thread,
    Topic,
)
from wayfinder.community.notify import notifications_condition
from wayfinder.community.permissions import moderated_spaces_condition, threads_visible_to

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 50
NOTIFICATIONS_PER_PAGE = 30
SEARCH_MOST = 50

SHOWS = {"latest": "Latest", "unanswered": "Unanswered", "solved": "Solved"}


def _listed(threads: QuerySet[Thread], show: str) -> QuerySet[Thread]:
    threads = threads.filter(status=PostStatus.VISIBLE)
    if show == "unanswered":
        threads = threads.filter(reply_count=0)
    elif show == "solved":
        threads = threads.filter(accepted__isnull=False)
    return (
        threads.select_related("author", "topic", "space__network")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-last_activity_at", "-pk")
    )


def thread_list(
    user: Any, *, space: Space | None = None, topic: Topic | None = None, show: str = "latest", page: Any = 1
) -> Page[Thread]:
    """A page of threads the user may read, in one space or topic, latest activity first: all, those with no reply
    yet, or those with an accepted answer."""
    threads = threads_visible_to(user)
    if space is not None:
        threads = threads.filter(space=space)
    if topic is not None:
        threads = threads.filter(topic=topic)
    return Paginator(_listed(threads, show), THREADS_PER_PAGE).get_page(page)


def topic_threads(topic: Topic, *, show: str = "latest", page: Any = 1) -> Page[Thread]:
    """A page of a topic's threads, latest activity first. Topics arrange the shared space only, which everyone
    signed in reads, so the page is the same for everyone (only shown threads are listed)."""
    threads = Thread.objects.filter(topic=topic, space__kind=SpaceKind.SHARED)
    return Paginator(_listed(threads, show), THREADS_PER_PAGE).get_page(page)


@dataclass(frozen=True)
class TopicRow:
    topic: Topic
    threads: int


def topic_rows(space: Space) -> list[TopicRow]:
    """Every topic with how many shown threads it holds (the shared space is readable by everyone signed in, so the
    counts are the same for all). Two queries."""
    counts = dict(
        Thread.objects.filter(space=space, status=PostStatus.VISIBLE, topic__isnull=False)
        .values_list("topic_id")
        .annotate(n=Count("pk"))
        .values_list("topic_id", "n")
    )
    return [TopicRow(topic=topic, threads=counts.get(topic.pk, 0)) for topic in Topic.objects.all()]


@dataclass(frozen=True)
class ThreadPage:
    thread: Thread
    opening: Post | None
    posts: Page[Post]
    helpful_ids: frozenset[int]
    accepted: Post | None


def _posts(viewer_id: int | None, thread: Thread, moderator: bool) -> QuerySet[Post]:
    posts = Post.objects.filter(thread=thread)
    if not moderator:
        shown = Q(status=PostStatus.VISIBLE)
        posts = posts.filter(shown | Q(author_id=viewer_id) if viewer_id else shown)
    return posts.select_related("author", "quote__author").prefetch_related(
        Prefetch("revisions", queryset=PostRevision.objects.order_by("-replaced_at"))
    )


def thread_posts(thread: Thread, *, moderator: bool, viewer_id: int | None, page: Any = 1) -> ThreadPage:
    """The thread's opening post, a page of its replies (oldest first), the accepted answer and which of them the
    viewer marked helpful, as the viewer sees them; with no viewer (None), as every member who wrote nothing in the
    thread sees them (or every moderator). A fixed number of queries however many replies."""
    posts = _posts(viewer_id, thread, moderator)
    opening = posts.filter(opening=True).first()
    replies = Paginator(posts.filter(opening=False).order_by("created_at", "pk"), POSTS_PER_PAGE).get_page(page)
    accepted = posts.filter(pk=thread.accepted_id).first() if thread.accepted_id else None
    helpful: frozenset[int] = frozenset()
    if viewer_id:
        ids = [post.pk for post in replies]
        helpful = frozenset(
            Helpful.objects.filter(person_id=viewer_id, post_id__in=ids).values_list("post_id", flat=True)
        )
    return ThreadPage(thread, opening, replies, helpful, accepted)


def reader_of(user: Any, thread: Thread) -> tuple[bool, bool]:
    """Whether the user wrote any post in the thread or marked one helpful (then the page shows them their own
    controls, and their own posts waiting or hidden, so it is drawn for them alone), and whether they follow it.
    One query."""
    marked = Helpful.objects.filter(person=user).values("post_id")
    wrote = Post.objects.filter(thread=OuterRef("pk")).filter(Q(author=user) | Q(pk__in=marked))
    follows = Follow.objects.filter(person=user, thread=OuterRef("pk"))
    row = Thread.objects.filter(pk=thread.pk).values_list(Exists(wrote), Exists(follows)).first()
    return (bool(row[0]), bool(row[1])) if row is not None else (False, False)


def follows_of(user: Any, *, topic: Topic | None = None, space: Space | None = None) -> bool:
    return Follow.objects.filter(person=user, topic=topic, space=space, thread=None).exists()


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The person's notifications about what they may still read, newest first."""
    return (
        Notification.objects.filter(notifications_condition(user))
        .select_related("thread", "actor")
        .order_by("-created_at", "-pk")
    )


def notification_page(user: Any, page: Any = 1) -> Page[Notification]:
    return Paginator(notifications_of(user), NOTIFICATIONS_PER_PAGE).get_page(page)


def search(user: Any, words: str) -> list[Thread]:
    """Shown threads whose title or any shown post matches the words, among those the user may read, best match
    first: the community's own index (`search.py`), then the threads for the list. A fixed number of queries."""
    words = words.strip()
    if not words:
        return []
    wanted = index.thread_ids_matching(user, words, SEARCH_MOST)
    if not wanted:
        return []
    # The threads again through the scoped selector, so only what the user may read is ever shown.
    found = {t.pk: t for t in _listed(threads_visible_to(user).filter(pk__in=wanted), "latest")}
    return [found[pk] for pk in wanted if pk in found]


@dataclass(frozen=True)
class Queue:
    reports: Sequence[Report]
    pending: Sequence[Post]
    hidden: Sequence[Post]


def moderation_queue(user: Any) -> Queue:
    """Open reports and posts waiting for approval in the spaces the user moderates, oldest first, and the posts
    hidden most recently."""
    moderated = moderated_spaces_condition(user, "space__")
    reports = list(
        Report.objects.filter(resolved_at__isnull=True)
        .filter(moderated_spaces_condition(user, "post__space__"))
        .select_related("post__thread", "post__author", "reporter")
        .order_by("created_at", "pk")[:100]
    )
    pending = list(
        Post.objects.filter(moderated, status=PostStatus.PENDING)
        .select_related("thread", "author")
        .order_by("created_at", "pk")[:100]
    )
    hidden = list(
        Post.objects.filter(moderated, status=PostStatus.HIDDEN).select_related("thread", "author").order_by("-pk")[:20]
    )
    return Queue(reports, pending, hidden)


def moderation_log(user: Any, page: Any = 1) -> Page[ModerationLog]:
    entries = (
        ModerationLog.objects.filter(moderated_spaces_condition(user, "space__"))
        .select_related("moderator", "person", "thread", "space")
        .order_by("-created_at", "-pk")
    )
    return Paginator(entries, 50).get_page(page)


def lively_threads(since: Any, most: int = 10) -> list[Thread]:
    """The shared space's threads with the most replies since a moment (the digest; never a network's)."""
    threads = Thread.objects.filter(space__kind="shared", status=PostStatus.VISIBLE)
    replies = Q(posts__opening=False, posts__status=PostStatus.VISIBLE)
    if since is not None:
        replies &= Q(posts__created_at__gt=since)
    return list(
        threads.annotate(recent=Count("posts", filter=replies))
        .filter(recent__gt=0)
        .order_by("-recent", "-last_activity_at")[:most]
    )
