"""Who reads, posts in and moderates each space, as tables of roles × spaces, and that a thread nobody outside
may read never leaks: not through lists, search, notifications, mentions, counts or the digest."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from tests.community.conftest import start
from tests.signing_in import sign_in
from wayfinder.accounts.models import User
from wayfinder.community import digest, notify, queries, services
from wayfinder.community.models import Follow, Notification, Space
from wayfinder.community.permissions import can_moderate, can_post_in, can_view_space
from wayfinder.core.changes import changed

ROLES = ("lead", "member", "outsider", "external", "system_lead", "regional_lead", "national", "admin")

# Who may read a network's space, by the network's privacy (the world: lead and member belong to every network;
# external belongs to the restricted one; the system and regional leads oversee the open, restricted and
# confidential networks' system; the private network is in another system and region).
READS = {
    "open": {"lead", "member", "outsider", "external", "system_lead", "regional_lead", "national", "admin"},
    "restricted": {"lead", "member", "external", "system_lead", "regional_lead", "national", "admin"},
    "private": {"lead", "member", "national", "admin"},
    "confidential": {"lead", "member", "admin"},
}
POSTS = {
    "open": {"lead", "member", "admin"},
    "restricted": {"lead", "member", "external", "admin"},
    "private": {"lead", "member", "admin"},
    "confidential": {"lead", "member", "admin"},
}
MODERATES = {"lead", "admin"}


def _space(people: SimpleNamespace, privacy: str) -> Space:
    return services.space_for_network(network=getattr(people, privacy))


@pytest.mark.parametrize("privacy", list(READS))
@pytest.mark.parametrize("role", ROLES)
def test_network_space_rules(people: SimpleNamespace, privacy: str, role: str) -> None:
    space = _space(people, privacy)
    user = getattr(people, role)
    assert can_view_space(user, space) == (role in READS[privacy])
    assert can_post_in(user, space) == (role in POSTS[privacy])
    assert can_moderate(user, space) == (role in MODERATES)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_reads_and_posts_in_the_shared_space_and_editors_moderate_it(
    people: SimpleNamespace, role: str
) -> None:
    user = getattr(people, role)
    assert can_view_space(user, people.shared)
    assert can_post_in(user, people.shared)
    assert can_moderate(user, people.shared) == (role == "admin")


@pytest.mark.parametrize("privacy", list(READS))
@pytest.mark.parametrize("role", ROLES)
def test_a_network_thread_shows_only_to_its_readers_in_every_list(
    client: Client, people: SimpleNamespace, privacy: str, role: str
) -> None:
    space = _space(people, privacy)
    thread = start(space, people.member, title="Zebracrossing budget question", body="Our zebracrossing plan")
    user = getattr(people, role)
    sees = role in READS[privacy]
    sign_in(client, user)
    assert (client.get(thread.get_absolute_url()).status_code == 200) == sees
    assert (client.get(space.get_absolute_url()).status_code == 200) == sees
    network_page = client.get(f"/community/networks/{getattr(people, privacy).slug}/")
    assert network_page.status_code == (200 if sees else 404)
    assert ([t.pk for t in queries.thread_list(user, space=space)] == [thread.pk]) == sees
    found = client.get("/community/search/?q=zebracrossing").content.decode()
    assert ("Zebracrossing budget question" in found) == sees
    assert ([t.pk for t in queries.search(user, "zebracrossing")] == [thread.pk]) == sees


@pytest.mark.parametrize("privacy", ["restricted", "private", "confidential"])
def test_outsiders_are_never_notified_or_mentioned_in_a_private_space(people: SimpleNamespace, privacy: str) -> None:
    space = _space(people, privacy)
    # The outsider followed the space somehow (say, before a change of privacy): they still hear nothing.
    Follow.objects.create(person=people.outsider, space=space)
    thread = start(space, people.member, body="Hello @OliveOutsider and @LenaLead")
    services.post_reply(thread=thread, author=people.lead, body="Hi @OliveOutsider")
    assert not Notification.objects.filter(person=people.outsider).exists()
    assert notify.unread_count(people.outsider) == 0
    assert Notification.objects.filter(person=people.lead, kind="mention").count() == 1
    assert notify.unread_count(people.lead) == 1


def test_notifications_about_a_space_someone_left_stop_showing_and_counting(
    people: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    space = _space(people, "confidential")
    thread = start(space, people.lead, body="Hello @MaxMember")
    assert notify.unread_count(people.member) == 1
    with django_capture_on_commit_callbacks(execute=True):
        people.confidential.memberships.filter(user=people.member).delete()
        changed(people=[people.member.pk], networks=[people.confidential.pk])
    member = User.objects.get(pk=people.member.pk)  # a new request: roles read afresh
    assert list(queries.notifications_of(member)) == []
    assert notify.unread_count(member) == 0
    assert thread.pk not in [t.pk for t in queries.search(member, "Hello")]


def test_the_digest_offers_only_the_shared_space(people: SimpleNamespace) -> None:
    private = start(_space(people, "confidential"), people.member, title="Secret")
    open_one = start(people.shared, people.member, title="Everyone")
    for thread in (private, open_one):
        services.post_reply(thread=thread, author=people.lead, body="Reply")
    assert [entry.title for entry in digest.lively(None)] == ["Everyone"]


def test_a_space_between_two_networks_is_read_by_their_members_only(people: SimpleNamespace) -> None:
    space = services.space_for_networks(networks=(people.private, people.open), title="Learning together")
    assert services.space_for_networks(networks=(people.open, people.private), title="Again").pk == space.pk
    assert can_view_space(people.member, space)
    for role in ("outsider", "system_lead", "national", "external"):
        assert not can_view_space(getattr(people, role), space), role
    assert can_moderate(people.lead, space)
