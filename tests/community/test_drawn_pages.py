"""The thread and topic pages are drawn once and kept in the shared cache: every write that changes what they show
draws them again, and one reader never sees another's controls (their edit links, helpful marks, a moderator's
buttons) or their own posts still waiting."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.community.conftest import start
from tests.signing_in import sign_in
from wayfinder.accounts.models import User
from wayfinder.community import services
from wayfinder.community.forms import TopicForm
from wayfinder.community.models import Thread
from wayfinder.core.changes import changed


def _page(client: Client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-csrf-mark" not in html  # every form's CSRF field is filled in for this request
    return html


def _reader(user: Any) -> Client:
    return sign_in(Client(), user)


def test_each_write_draws_the_thread_page_again(
    people: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    thread = start(people.shared, people.member, title="Steering groups", topic=people.topic)
    address = thread.get_absolute_url()
    reader = _reader(people.outsider)
    assert "Running meetings" in _page(reader, address)

    reply = services.post_reply(thread=thread, author=people.lead, body="We rotate the chair.")
    assert "We rotate the chair." in _page(reader, address)

    services.post_edit(post=reply, editor=people.lead, body="We rotate the chair each quarter.")
    assert "each quarter" in _page(reader, address)

    services.post_helpful(post=reply, person=people.national, helpful=True)
    assert "1 person found this helpful" in _page(reader, address)

    services.answer_accept(thread=thread, post=reply, by=people.member)
    assert "Accepted answer" in _page(reader, address)

    services.post_hide(post=reply, moderator=people.admin, reason="Off topic")
    html = _page(reader, address)
    assert "each quarter" not in html and "Accepted answer" not in html

    services.post_restore(post=reply, moderator=people.admin, reason="On reflection, fine")
    assert "each quarter" in _page(reader, address)

    services.thread_lock(thread=thread, moderator=people.admin, locked=True)
    html = _page(reader, address)
    assert "locked this thread" in html and "Post your reply" not in html

    form = TopicForm({"name": "Chairing meetings", "description": "", "position": 0}, instance=people.topic)
    assert form.is_valid(), form.errors
    services.topic_save(form=form)
    assert "Chairing meetings" in _page(reader, address)

    with django_capture_on_commit_callbacks(execute=True):
        User.objects.filter(pk=people.lead.pk).update(full_name="Lena Renamed")
        changed(people=[people.lead.pk])
    assert "Lena Renamed" in _page(reader, address)


def test_each_write_draws_the_topic_page_again(people: SimpleNamespace) -> None:
    older = start(people.shared, people.member, title="An older thread", topic=people.topic)
    address = people.topic.get_absolute_url()
    reader = _reader(people.outsider)
    assert "An older thread" in _page(reader, address)

    start(people.shared, people.lead, title="A newer thread", topic=people.topic)
    html = _page(reader, address)
    assert html.index("A newer thread") < html.index("An older thread")

    services.post_reply(thread=older, author=people.lead, body="Still going")
    html = _page(reader, address)
    assert html.index("An older thread") < html.index("A newer thread")
    assert "1 reply" in html

    services.thread_lock(thread=older, moderator=people.admin, locked=True)
    assert "Locked" in _page(reader, address)

    opening = older.posts.get(opening=True)
    services.post_edit(post=opening, editor=people.member, body="Tips?", title="A renamed thread")
    assert "A renamed thread" in _page(reader, address)

    services.post_hide(post=opening, moderator=people.admin, reason="Not for here")
    assert "A renamed thread" not in _page(reader, address)


def test_the_author_and_another_member_never_see_each_others_controls(people: SimpleNamespace) -> None:
    for first_author in (True, False):
        thread = start(people.shared, people.member, title=f"Order {first_author}")
        reply = services.post_reply(thread=thread, author=people.lead, body="A reply from the lead")
        address = thread.get_absolute_url()
        author, other = _reader(people.lead), _reader(people.outsider)
        edit = f"/community/posts/{reply.pk}/edit/"
        report = f"/community/posts/{reply.pk}/report/"
        pages = [(author, _page(author, address)), (other, _page(other, address))]
        if not first_author:
            pages.reverse()
            pages = [(client, _page(client, address)) for client, _ in pages]
        seen = dict(pages)
        assert edit in seen[author] and report not in seen[author]
        assert "Mark as helpful" not in seen[author]
        assert edit not in seen[other] and report in seen[other]
        assert "Mark as helpful" in seen[other]


def test_helpful_marks_are_each_readers_own(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    reply = services.post_reply(thread=thread, author=people.lead, body="Useful")
    services.post_helpful(post=reply, person=people.national, helpful=True)
    marker, other = _reader(people.national), _reader(people.outsider)
    assert "Not helpful after all" not in _page(other, thread.get_absolute_url())  # drawn for the others first
    assert "Not helpful after all" in _page(marker, thread.get_absolute_url())
    assert "Not helpful after all" not in _page(other, thread.get_absolute_url())
    assert "Mark as helpful" in _page(other, thread.get_absolute_url())


def test_a_moderator_and_a_member_never_see_each_others_controls(people: SimpleNamespace) -> None:
    for moderator_first in (True, False):
        thread = start(people.shared, people.member, title=f"Moderated {moderator_first}")
        reply = services.post_reply(thread=thread, author=people.lead, body="Something to moderate")
        address = thread.get_absolute_url()
        moderator, member = _reader(people.admin), _reader(people.outsider)
        order = [moderator, member] if moderator_first else [member, moderator]
        seen = {client: _page(client, address) for client in order}
        hide = f"/community/posts/{reply.pk}/hide/"
        stop = f"/community/posts/{reply.pk}/stop-author/"
        assert hide in seen[moderator] and stop in seen[moderator] and "Lock this thread" in seen[moderator]
        assert hide not in seen[member] and stop not in seen[member] and "Lock this thread" not in seen[member]


def test_a_post_waiting_for_approval_shows_only_to_its_author_and_the_moderators(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    address = thread.get_absolute_url()
    newcomer, other, moderator = (_reader(u) for u in (people.outsider, people.national, people.admin))
    for client in (newcomer, other, moderator):
        _page(client, address)  # drawn and kept for each class of reader
    User.objects.filter(pk=people.outsider.pk).update(date_joined=timezone.now() - timedelta(days=1))
    people.outsider.refresh_from_db()
    held = services.post_reply(thread=thread, author=people.outsider, body="My first words here")
    assert held.status == "pending"
    assert "My first words here" in _page(newcomer, address)
    assert "My first words here" in _page(moderator, address)
    assert "My first words here" not in _page(other, address)


def test_a_drawn_thread_page_costs_a_few_queries(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    for n in range(3):
        services.post_reply(thread=thread, author=people.lead, body=f"Reply {n}")
    reader = _reader(people.outsider)
    _page(reader, thread.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        _page(reader, thread.get_absolute_url())
    # The session, the thread, whether the reader wrote in it or follows it.
    assert len(captured.captured_queries) <= 4, [q["sql"][:120] for q in captured.captured_queries]
    assert Thread.objects.get(pk=thread.pk).reply_count == 3


def test_following_shows_at_once(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    sign_in(client, people.outsider)
    assert "Follow this thread" in _page(client, thread.get_absolute_url())
    client.post(f"/community/follow/thread/{thread.pk}/", {"follow": "1"})
    assert "Stop following this thread" in _page(client, thread.get_absolute_url())
    client.post(f"/community/follow/thread/{thread.pk}/", {"follow": "0"})
    assert "Stop following this thread" not in _page(client, thread.get_absolute_url())


def test_following_a_topic_shows_at_once(client: Client, people: SimpleNamespace) -> None:
    address = people.topic.get_absolute_url()
    sign_in(client, people.outsider)
    assert "Follow this topic" in _page(client, address)
    client.post(f"/community/follow/topic/{people.topic.slug}/", {"follow": "1"})
    assert "Stop following this topic" in _page(client, address)
    assert client.get("/community/topics/no-such-topic/").status_code == 404


def test_a_hidden_thread_is_read_only_by_its_author_and_the_moderators(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    address = thread.get_absolute_url()
    author, other, moderator = (_reader(u) for u in (people.member, people.outsider, people.admin))
    assert all(client.get(address).status_code == 200 for client in (author, other, moderator))
    services.post_hide(post=thread.posts.get(opening=True), moderator=people.admin, reason="Not for here")
    assert author.get(address).status_code == 200
    assert moderator.get(address).status_code == 200
    assert other.get(address).status_code == 404
