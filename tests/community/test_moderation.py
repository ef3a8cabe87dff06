"""The safe space: norms before the first post, reports, the moderators' queue, hiding and restoring with a reason
the author is told, locking, stopping someone posting, new accounts' first posts held, the rate limit and the log."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.community.conftest import start
from tests.signing_in import sign_in
from wayfinder.community import queries, services
from wayfinder.community.models import ModerationLog, Participant, Post, PostStatus, Report, Thread


def test_the_norms_come_before_the_first_post(client: Client, people: SimpleNamespace) -> None:
    Participant.objects.filter(person=people.outsider).delete()
    sign_in(client, people.outsider)
    new = f"/community/spaces/{people.shared.pk}/new/"
    response = client.get(new)
    assert response.status_code == 302 and response["Location"].startswith("/community/norms/")
    with pytest.raises(ValidationError, match="norms"):
        start(people.shared, people.outsider)
    response = client.post("/community/norms/", {"next": new})
    assert response["Location"] == new
    assert client.get(new).status_code == 200
    # Somewhere else is never where agreeing sends you.
    assert client.post("/community/norms/", {"next": "https://evil.example/"})["Location"] == "/community/"


def test_every_community_page_links_to_the_norms(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    sign_in(client, people.member)
    for address in ("/community/", thread.get_absolute_url(), "/community/notifications/", "/community/search/"):
        assert 'href="/community/norms/"' in client.get(address).content.decode(), address


def test_a_report_reaches_the_queue_and_a_hidden_post_tells_its_author(
    client: Client, people: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    thread = start(people.shared, people.member)
    reply = services.post_reply(thread=thread, author=people.outsider, body="Buy my product")
    sign_in(client, people.lead)
    response = client.post(f"/community/posts/{reply.pk}/report/", {"reason": "illegal", "detail": ""})
    assert "Tell us what is wrong" in response.content.decode()
    client.post(f"/community/posts/{reply.pk}/report/", {"reason": "spam", "detail": ""})
    assert Report.objects.get().reason == "spam"
    # Only the shared space's moderators (editors, site admins) see it.
    assert client.get("/community/moderation/").status_code == 404
    sign_in(client, people.admin)
    assert "Buy my product" not in client.get("/community/moderation/").content.decode()
    assert "It is spam or advertising" in client.get("/community/moderation/").content.decode()
    assert "Give the reason" in client.post(f"/community/posts/{reply.pk}/hide/", {"reason": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/community/posts/{reply.pk}/hide/", {"reason": "Advertising is not allowed"})
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    assert Report.objects.get().resolved_at is not None
    assert [m.to for m in mail.outbox] == [["outsider@example.org"]]
    assert "Advertising is not allowed" in mail.outbox[0].body
    # Others no longer see it; its author and the moderators do, marked hidden.
    sign_in(client, people.member)
    assert "Buy my product" not in client.get(thread.get_absolute_url()).content.decode()
    sign_in(client, people.outsider)
    assert "Hidden by a moderator" in client.get(thread.get_absolute_url()).content.decode()
    services.post_restore(post=reply, moderator=people.admin, reason="Checked again")
    assert Thread.objects.get(pk=thread.pk).reply_count == 1
    actions = list(ModerationLog.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["hide", "restore"]


def test_only_a_spaces_moderators_moderate_it(people: SimpleNamespace) -> None:
    space = services.space_for_network(network=people.restricted)
    thread = start(space, people.member)
    post = Post.objects.get(thread=thread)
    for someone in (people.member, people.outsider, people.system_lead, people.national):
        with pytest.raises(ValidationError):
            services.post_hide(post=post, moderator=someone, reason="No")
    services.post_hide(post=post, moderator=people.lead, reason="Off topic")
    assert Thread.objects.get(pk=thread.pk).status == PostStatus.HIDDEN
    assert [t.pk for t in queries.thread_list(people.member, space=space)] == []


def test_a_stopped_person_cannot_post_in_that_space_until_the_time_is_up(people: SimpleNamespace) -> None:
    services.posting_stop(space=people.shared, person=people.outsider, moderator=people.admin, days=3, reason="Rude")
    with pytest.raises(ValidationError, match="stopped you posting"):
        start(people.shared, people.outsider)
    other = services.space_for_network(network=people.open)
    assert other  # other spaces are not affected; the outsider is not a member there anyway
    with pytest.raises(ValidationError):
        services.posting_stop(space=people.shared, person=people.admin, moderator=people.admin, days=3, reason="x")
    with pytest.raises(ValidationError):
        services.posting_stop(space=people.shared, person=people.member, moderator=people.admin, days=0, reason="x")
    assert ModerationLog.objects.filter(action="stop", person=people.outsider).exists()


def test_a_new_accounts_first_posts_wait_for_approval(people: SimpleNamespace) -> None:
    people.outsider.date_joined = timezone.now()
    people.outsider.save(update_fields=["date_joined"])
    thread = start(people.shared, people.outsider, title="My first question")
    assert thread.status == PostStatus.PENDING
    assert [t.title for t in queries.thread_list(people.member, space=people.shared)] == []
    assert [p.thread.title for p in queries.moderation_queue(people.admin).pending] == ["My first question"]
    services.post_approve(post=Post.objects.get(thread=thread), moderator=people.admin)
    assert [t.title for t in queries.thread_list(people.member, space=people.shared)] == ["My first question"]
    second = services.post_reply(thread=thread, author=people.outsider, body="More")
    assert second.status == PostStatus.PENDING
    services.post_approve(post=second, moderator=people.admin)
    assert services.post_reply(thread=thread, author=people.outsider, body="Third").status == PostStatus.VISIBLE


def test_posting_is_rate_limited(people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    for n in range(services.POSTS_PER_MINUTE - 1):
        services.post_reply(thread=thread, author=people.member, body=f"Reply {n}")
    with pytest.raises(ValidationError, match="Wait a minute"):
        services.post_reply(thread=thread, author=people.member, body="One too many")


def test_locking_is_logged_and_shown(client: Client, people: SimpleNamespace) -> None:
    thread = start(people.shared, people.member)
    sign_in(client, people.admin)
    client.post(f"/community/threads/{thread.pk}/lock/", {"locked": "1"})
    assert Thread.objects.get(pk=thread.pk).locked
    assert "Locked a thread" in client.get("/community/moderation/log/").content.decode()
    sign_in(client, people.member)
    assert "has locked this thread" in client.get(thread.get_absolute_url()).content.decode()
    assert client.post(f"/community/threads/{thread.pk}/lock/", {"locked": "0"}).status_code == 404


def test_moderators_see_what_waits_on_their_home_page(client: Client, people: SimpleNamespace) -> None:
    space = services.space_for_network(network=people.restricted)
    thread = start(space, people.member)
    sign_in(client, people.lead)
    assert "Community moderation" not in client.get("/").content.decode()
    sign_in(client, people.external)
    client.post(f"/community/posts/{Post.objects.get(thread=thread).pk}/report/", {"reason": "unkind"})
    sign_in(client, people.lead)
    home = client.get("/").content.decode()
    assert "Community moderation" in home and "1 report or new post waiting" in home
    sign_in(client, people.member)
    assert "Community moderation" not in client.get("/").content.decode()
    services.post_hide(post=Post.objects.get(thread=thread), moderator=people.lead, reason="Unkind")
    sign_in(client, people.lead)
    assert "Community moderation" not in client.get("/").content.decode()
