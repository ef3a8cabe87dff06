"""Starting threads, replying, quoting, editing, helpful marks, accepted answers and the lists."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.community.conftest import start
from tests.signing_in import sign_in
from wayfinder.community import queries, services
from wayfinder.community.models import Post, PostRevision, PostStatus, Thread


def test_a_member_asks_and_another_answers(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member, topic=people.topic, tags=["Meetings", "governance"])
    reply = services.post_reply(thread=thread, author=people.lead, body="We rotate the chair.")
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert sorted(t.name for t in thread.tags.all()) == ["governance", "meetings"]
    sign_in(client, people.member)
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 200
    assert "We rotate the chair." in page.content.decode()
    client.post(f"/community/posts/{reply.pk}/accept/")
    thread.refresh_from_db()
    assert thread.accepted_id == reply.pk
    assert "Accepted answer" in client.get(thread.get_absolute_url()).content.decode()


def test_the_lists_show_latest_unanswered_and_solved(people: SimpleNamespace) -> None:
    solved = start(people.shared, people.member, title="Solved one")
    start(people.shared, people.member, title="Quiet one")
    answer = services.post_reply(thread=solved, author=people.lead, body="Answer")
    services.answer_accept(thread=solved, post=answer, by=people.member)
    titles = lambda show: [t.title for t in queries.thread_list(people.member, space=people.shared, show=show)]  # noqa: E731
    assert titles("latest") == ["Solved one", "Quiet one"]
    assert titles("unanswered") == ["Quiet one"]
    assert titles("solved") == ["Solved one"]


def test_a_reply_can_quote_a_post_of_the_same_thread(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    first = services.post_reply(thread=thread, author=people.lead, body="Rotate the chair")
    sign_in(client, people.outsider)
    assert client.get(f"/community/threads/{thread.pk}/reply/?quote={first.pk}").status_code == 200
    client.post(f"/community/threads/{thread.pk}/reply/", {"body": "Agreed", "quote": first.pk})
    reply = Post.objects.get(body="Agreed")
    assert reply.quote_id == first.pk
    other = start(people.shared, people.member, title="Other")
    with pytest.raises(ValidationError):
        services.post_reply(thread=other, author=people.lead, body="x", quote=first)


def test_editing_keeps_the_earlier_version_and_shows_edited(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member, body="First words")
    post = Post.objects.get(thread=thread, opening=True)
    sign_in(client, people.member)
    client.post(f"/community/posts/{post.pk}/edit/", {"body": "Better words"})
    post.refresh_from_db()
    assert post.body == "Better words" and post.edited_at is not None
    assert PostRevision.objects.get(post=post).body == "First words"
    assert "edited" in client.get(thread.get_absolute_url()).content.decode()
    sign_in(client, people.lead)
    assert client.get(f"/community/posts/{post.pk}/edit/").status_code == 404


def test_helpful_is_once_per_person_and_never_your_own(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    reply = services.post_reply(thread=thread, author=people.lead, body="Try this")
    for _ in range(2):
        services.post_helpful(post=reply, person=people.member, helpful=True)
    reply.refresh_from_db()
    assert reply.helpful_count == 1
    with pytest.raises(ValidationError):
        services.post_helpful(post=reply, person=people.lead, helpful=True)
    services.post_helpful(post=reply, person=people.member, helpful=False)
    reply.refresh_from_db()
    assert reply.helpful_count == 0


def test_only_the_asker_accepts_in_the_shared_space(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    reply = services.post_reply(thread=thread, author=people.outsider, body="Answer")
    sign_in(client, people.lead)
    assert client.post(f"/community/posts/{reply.pk}/accept/").status_code == 404
    thread.refresh_from_db()
    assert thread.accepted_id is None


def test_a_network_lead_accepts_in_their_space(people: SimpleNamespace) -> None:
    space = services.space_for_network(network=people.private)
    thread = start(space, people.member)
    reply = services.post_reply(thread=thread, author=people.lead, body="Answer")
    from wayfinder.community.permissions import can_accept

    assert can_accept(people.lead, thread)
    assert not can_accept(people.outsider, thread)
    services.answer_accept(thread=thread, post=reply, by=people.lead)
    assert Thread.objects.get(pk=thread.pk).accepted_id == reply.pk


def test_a_locked_thread_takes_no_replies(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    services.thread_lock(thread=thread, moderator=people.admin, locked=True)
    thread.refresh_from_db()
    with pytest.raises(ValidationError, match="locked"):
        services.post_reply(thread=thread, author=people.lead, body="Late")


def test_pages_render(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member, topic=people.topic)
    services.post_reply(thread=thread, author=people.lead, body="Reply")
    sign_in(client, people.member)
    for address in (
        "/community/",
        "/community/?show=unanswered",
        f"/community/topics/{people.topic.slug}/",
        f"/community/spaces/{people.shared.pk}/new/",
        "/community/norms/",
        "/community/notifications/",
        "/community/search/?q=steering",
        f"/community/networks/{people.open.slug}/",
    ):
        assert client.get(address).status_code == 200, address
    assert client.get("/community/moderation/").status_code == 404
    sign_in(client, people.admin)
    assert client.get("/community/moderation/").status_code == 200
    assert client.get("/community/moderation/log/").status_code == 200
    assert Thread.objects.get(pk=thread.pk).status == PostStatus.VISIBLE
