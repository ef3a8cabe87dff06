"""A long thread, the community's front page (topics and latest threads) and the notifications page cost a fixed
number of queries, the same at two sizes of data."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.community.conftest import queries_on, start
from tests.signing_in import sign_in
from wayfinder.community import services
from wayfinder.community.models import Helpful, Notification, Post, Thread, Topic

MOST = 30


def _add_replies(thread: Thread, authors: list[Any], count: int) -> None:
    first = Post.objects.filter(thread=thread, opening=True).first()
    posts = Post.objects.bulk_create(
        Post(
            thread=thread,
            space=thread.space,
            author=authors[n % len(authors)],
            body=f"Reply {n}",
            html=f"<p>Reply {n}</p>",
            quote=first if n % 3 == 0 else None,
            edited_at=timezone.now() if n % 4 == 0 else None,
        )
        for n in range(count)
    )
    Helpful.objects.bulk_create(Helpful(post=post, person=authors[0]) for post in posts[::5])
    Thread.objects.filter(pk=thread.pk).update(reply_count=count)


def test_a_long_thread_costs_the_same_at_60_and_200_replies(client: Client, people: SimpleNamespace) -> None:
    authors = [people.lead, people.outsider, people.national, people.system_lead]
    counts = []
    sign_in(client, people.member)
    for size in (60, 200):
        thread = start(people.shared, people.member, title=f"Thread of {size}")
        _add_replies(thread, authors, size)
        reply = Post.objects.filter(thread=thread, opening=False).first()
        assert reply is not None
        services.post_edit(post=reply, editor=reply.author, body="Changed") if reply.author else None  # type: ignore[arg-type]
        counts.append(queries_on(client, thread.get_absolute_url()))
        counts.append(queries_on(client, thread.get_absolute_url() + "?page=2"))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    assert max(counts) <= MOST, counts


def test_the_front_page_costs_the_same_with_more_topics_and_threads(
    client: Client, people: SimpleNamespace, monkeypatch: Any
) -> None:
    monkeypatch.setattr(services, "POSTS_PER_MINUTE", 1000)
    sign_in(client, people.member)
    counts = []
    for size in (3, 25):
        for n in range(size):
            topic = Topic.objects.create(name=f"Topic {size}-{n}", slug=f"topic-{size}-{n}")
            start(people.shared, people.lead, title=f"Thread {size}-{n}", topic=topic, tags=[f"tag{n}", "shared"])
        counts.append(queries_on(client, "/community/"))
        counts.append(queries_on(client, f"/community/topics/{topic.slug}/"))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    assert max(counts) <= MOST, counts


def test_the_notifications_page_costs_the_same_with_more_notifications(client: Client, people: SimpleNamespace) -> None:
    sign_in(client, people.member)
    thread = start(people.shared, people.member)
    counts = []
    for size in (5, 60):
        posts = Post.objects.bulk_create(
            Post(thread=thread, space=thread.space, author=people.lead, body="x", html="<p>x</p>") for _ in range(size)
        )
        Notification.objects.bulk_create(
            Notification(person=people.member, kind="reply", thread=thread, post=post, actor=people.lead)
            for post in posts
        )
        counts.append(queries_on(client, "/community/notifications/"))
    assert counts[0] == counts[1], counts
    assert max(counts) <= MOST, counts
