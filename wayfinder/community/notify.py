"""Who hears of what happens in the community, on the notifications page and by mail: only people who may read
the thread, once each (a notification is unique by person, kind and post; a mail by its key and recipient).
Called by the services, inside their transactions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace
from django.template.loader import render_to_string

from wayfinder.accounts.models import User
from wayfinder.comms.pipeline import mail_send
from wayfinder.community import mail, markup
from wayfinder.community.models import (
    Follow,
    Notification,
    NotificationKind,
    Post,
    PostingStop,
    PostStatus,
    Space,
    SpaceKind,
)
from wayfinder.community.permissions import spaces_condition
from wayfinder.core import generations
from wayfinder.core.home import home_generation_key, homes_changed
from wayfinder.core.links import absolute_url
from wayfinder.core.permissions import person_generation_key
from wayfinder.core.roles import AppointmentRole, NetworkRole
from wayfinder.networks.models import Appointment, Membership, Privacy, System

UNREAD_SECONDS = 3600

# Which kind of mail each notification goes out as.
MODERATION_KINDS = (NotificationKind.HIDDEN, NotificationKind.RESTORED, NotificationKind.STOPPED)
MAIL_KIND: dict[str, str] = {
    NotificationKind.REPLY: mail.ACTIVITY,
    NotificationKind.THREAD: mail.ACTIVITY,
    NotificationKind.ACCEPTED: mail.ACTIVITY,
    NotificationKind.MENTION: mail.MENTION,
    NotificationKind.HIDDEN: mail.MODERATION,
    NotificationKind.RESTORED: mail.MODERATION,
    NotificationKind.STOPPED: mail.MODERATION,
}


# Who may read a space, among some people -----------------------------------------------------------------------


def readers_among(space: Space, user_ids: Iterable[int]) -> set[int]:
    """Those of `user_ids` who may read the space (`permissions.can_view_space`), in a few queries for any
    number of people."""
    ids = set(user_ids)
    if not ids:
        return set()
    active = set(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    network = space.network
    if space.kind == SpaceKind.SHARED or (
        space.kind == SpaceKind.NETWORK and network is not None and network.privacy == Privacy.OPEN
    ):
        return active
    admins = set(User.objects.filter(pk__in=active, is_superuser=True).values_list("pk", flat=True))
    admins |= set(
        Appointment.objects.filter(user_id__in=active, role=AppointmentRole.SITE_ADMIN).values_list(
            "user_id", flat=True
        )
    )
    networks = [n.pk for n in (space.network, space.partner) if n is not None]
    members = set(
        Membership.objects.filter(user_id__in=active, network_id__in=networks).values_list("user_id", flat=True)
    )
    readers = admins | members
    if space.kind == SpaceKind.NETWORK and network is not None and network.privacy != Privacy.CONFIDENTIAL:
        overseeing = Q(role=AppointmentRole.NATIONAL_TEAM)
        if network.system_id is not None:
            overseeing |= Q(role=AppointmentRole.SYSTEM_LEAD, system_id=network.system_id)
            region = System.objects.filter(pk=network.system_id).values("region_id")
            overseeing |= Q(role=AppointmentRole.REGIONAL_LEAD, region_id__in=region)
        readers |= set(Appointment.objects.filter(overseeing, user_id__in=active).values_list("user_id", flat=True))
    return readers


def people_named(names: Iterable[str]) -> dict[int, str]:
    """People whose name without spaces (lower-cased) is one of `names`, by id."""
    wanted = list(names)
    if not wanted:
        return {}
    squeezed = Lower(Replace("full_name", Value(" "), Value("")))
    return dict(
        User.objects.annotate(squeezed=squeezed).filter(squeezed__in=wanted, is_active=True).values_list("pk", "email")
    )


def moderators_of(space: Space) -> set[int]:
    """The people who moderate the space (`permissions.can_moderate`): its networks' leads, or for the shared
    space the editors; and site admins."""
    admins = set(User.objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True))
    roles = [AppointmentRole.SITE_ADMIN] + ([AppointmentRole.EDITOR] if space.kind == SpaceKind.SHARED else [])
    admins |= set(Appointment.objects.filter(role__in=roles).values_list("user_id", flat=True))
    networks = [n for n in (space.network_id, space.partner_id) if n is not None]
    if networks:
        admins |= set(
            Membership.objects.filter(network_id__in=networks, role=NetworkRole.LEAD).values_list("user_id", flat=True)
        )
    return admins


def queue_changed(space: Space) -> None:
    """The moderation queue of the space changed: its moderators' home pages (which count what waits) are drawn
    again, now and once more after the commit."""
    people = moderators_of(space)
    homes_changed(people)
    transaction.on_commit(lambda: homes_changed(people), robust=True)


# Making notifications ----------------------------------------------------------------------------------------


def unread_key(user_id: int) -> str:
    return f"community:unread:{user_id}"


def unread_changed(user_ids: Iterable[int]) -> None:
    keys = [unread_key(pk) for pk in set(user_ids)]
    if keys:
        generations.bump(keys)
        transaction.on_commit(lambda: generations.bump(keys), robust=True)


def _notify(
    kind: str, people: set[int], *, post: Post | None, thread_id: int | None, actor_id: Any, text: str = ""
) -> None:
    """Record a notification for each person and mail them (as they chose for this kind of mail)."""
    people.discard(actor_id)
    if not people:
        return
    Notification.objects.bulk_create(
        [
            Notification(person_id=pk, kind=kind, thread_id=thread_id, post=post, actor_id=actor_id, text=text)
            for pk in sorted(people)
        ],
        ignore_conflicts=True,
    )
    unread_changed(people)
    emails = list(User.objects.filter(pk__in=people).values_list("email", flat=True))
    _mail(kind, emails, post=post, thread_id=thread_id, actor_id=actor_id, text=text)


def _mail(
    kind: str, emails: list[str], *, post: Post | None, thread_id: int | None, actor_id: Any, text: str, ref: str = ""
) -> None:
    from wayfinder.community.models import Thread

    thread = Thread.objects.select_related("space").filter(pk=thread_id).first() if thread_id else None
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    context = {
        "kind": kind,
        "thread": thread,
        "actor": actor.display_name if actor is not None else "Someone",
        "excerpt": markup.plain(post.body, 400) if post is not None and kind not in MODERATION_KINDS else "",
        "reason": text,
        "link": absolute_url(post.get_absolute_url() if post is not None else thread.get_absolute_url())
        if thread is not None
        else absolute_url("/community/notifications/"),
    }
    rendered = render_to_string("community/email/notification.txt", context).strip()
    subject, _, body = rendered.partition("\n")
    key = f"community.{kind}:{ref or (post.pk if post is not None else thread_id)}"
    mail_send(
        kind=MAIL_KIND[kind], key=key, to=emails, subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n"
    )


def post_shown(post: Post) -> None:
    """A post is now shown to readers: tell those who follow the thread (for a reply), the topic or the space (for
    a new thread), and those it mentions."""
    thread = post.thread
    space = post.space
    mentioned = mentions(post)
    if post.opening:
        follows = Q(space_id=space.pk) | (Q(topic_id=thread.topic_id) if thread.topic_id else Q(pk__in=[]))
        kind = NotificationKind.THREAD
    else:
        follows = Q(thread_id=thread.pk)
        kind = NotificationKind.REPLY
    followers = set(Follow.objects.filter(follows).values_list("person_id", flat=True)) - mentioned
    _notify(kind, readers_among(space, followers), post=post, thread_id=thread.pk, actor_id=post.author_id)


def mentions(post: Post) -> set[int]:
    """Tell the people the post mentions, if they may read the thread; returns who was told."""
    found = people_named(markup.mentioned_names(post.body))
    readers = readers_among(post.space, found) - {post.author_id}
    already = set(
        Notification.objects.filter(post=post, kind=NotificationKind.MENTION).values_list("person_id", flat=True)
    )
    _notify(NotificationKind.MENTION, readers - already, post=post, thread_id=post.thread_id, actor_id=post.author_id)
    return readers


def answer_accepted(post: Post) -> None:
    if post.author_id is None:
        return
    _notify(NotificationKind.ACCEPTED, {post.author_id}, post=post, thread_id=post.thread_id, actor_id=None)


def moderated(post: Post, *, hidden: bool, reason: str) -> None:
    """Tell the author a moderator hid or restored their post, and why."""
    if post.author_id is None:
        return
    kind = NotificationKind.HIDDEN if hidden else NotificationKind.RESTORED
    text = reason
    note = Notification.objects.create(person_id=post.author_id, kind=kind, thread_id=post.thread_id, text=text)
    unread_changed([post.author_id])
    email = User.objects.filter(pk=post.author_id).values_list("email", flat=True).first()
    if email:
        _mail(kind, [email], post=post, thread_id=post.thread_id, actor_id=None, text=text, ref=f"n{note.pk}")


def posting_stopped(stop: PostingStop) -> None:
    text = stop.reason
    kind = NotificationKind.STOPPED
    note = Notification.objects.create(person_id=stop.person_id, kind=kind, text=text)
    unread_changed([stop.person_id])
    email = User.objects.filter(pk=stop.person_id).values_list("email", flat=True).first()
    if email:
        _mail(kind, [email], post=None, thread_id=None, actor_id=None, text=text, ref=f"n{note.pk}")


# Reading them ------------------------------------------------------------------------------------------------


def notifications_condition(user: Any) -> Q:
    """A person's notifications that are still about something they may read."""
    readable = spaces_condition(user, "thread__space__") & (
        Q(thread__status=PostStatus.VISIBLE) | Q(thread__author=user) | Q(kind__in=MODERATION_KINDS)
    )
    return Q(person=user) & (Q(thread__isnull=True) | readable)


def unread_count(user: Any) -> int:
    """How many unread notifications the person has: one round trip to the cache while nothing changed for them
    (a new notification, reading them, or a change to their memberships or roles bumps one of the generations)."""
    if user is None or not user.is_authenticated:
        return 0
    keys = [unread_key(user.pk), person_generation_key(user.pk), home_generation_key(user.pk)]
    return generations.cached(
        "community:unread",
        keys,
        user.pk,
        lambda: _count_unread(user),
        UNREAD_SECONDS,
    )


def _count_unread(user: Any) -> int:
    # Most people have nothing unread: asked first of the (person, read_at) index alone, which spares working out
    # the spaces they may read.
    unread = Notification.objects.filter(person=user, read_at__isnull=True)
    if not unread.exists():
        return 0
    return unread.filter(notifications_condition(user)).count()
