"""Every write a person can make in the community: starting threads and replying, editing, marking helpful,
accepting answers, following, reading notifications, reporting, and what moderators do.

Each function is atomic and raises ValidationError with a message a person understands; views check permission
(wayfinder.community.permissions) before calling these. Notifications go only to people who may read the thread,
with mail through comms (`notify.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.community import caching, markup, notify, search
from wayfinder.community.models import (
    Follow,
    Helpful,
    ModerationAction,
    ModerationLog,
    Participant,
    Post,
    PostingStop,
    PostRevision,
    PostStatus,
    Report,
    ReportReason,
    Space,
    SpaceKind,
    Tag,
    Thread,
    ThreadKind,
    Topic,
)
from wayfinder.community.permissions import can_moderate, can_post_in
from wayfinder.hub.models import ResourcePage
from wayfinder.networks.models import Network

# A new account's first posts wait for a moderator: while the account is younger than this many days and until this
# many of its posts have been shown.
NEW_ACCOUNT_DAYS = 7
FIRST_POSTS_HELD = 2
# At most this many posts (threads and replies) a person may write in one minute.
POSTS_PER_MINUTE = 5
TITLE_MOST = 200
BODY_MOST = 20_000
TAGS_MOST = 5
# Longest a moderator may stop someone posting.
STOP_DAYS_MOST = 365


# Spaces ------------------------------------------------------------------------------------------------------


def space_shared() -> Space:
    """The community space for everyone signed in (made the first time it is asked for)."""
    space, _ = Space.objects.get_or_create(kind=SpaceKind.SHARED, defaults={"title": "Community"})
    return space


def space_for_network(*, network: Network) -> Space:
    """The network's own space (made the first time it is asked for)."""
    space, made = Space.objects.get_or_create(
        kind=SpaceKind.NETWORK, network=network, defaults={"title": f"{network.name} discussions"}
    )
    if made:
        caching.spaces_changed()
    return space


@transaction.atomic
def space_for_networks(*, networks: Sequence[Network], title: str) -> Space:
    """A private space between two networks, read only by the members of either (and site admins). Asking again
    for the same two networks returns the space already opened."""
    first, second = sorted(networks, key=lambda network: network.pk)
    if first.pk == second.pk:
        raise ValidationError("A discussion between networks needs two different networks")
    title = title.strip()[:TITLE_MOST] or f"{first.name} and {second.name}"
    space, made = Space.objects.get_or_create(
        kind=SpaceKind.PAIR, network=first, partner=second, defaults={"title": title}
    )
    if made:
        caching.spaces_changed()
    return space


@transaction.atomic
def topic_save(*, form: Any) -> Topic:
    """Save an editor's topic form (new or changed), with its dimensions and support domains."""
    topic: Topic = form.save()
    return topic


# Before posting ----------------------------------------------------------------------------------------------


def has_agreed_norms(person: User) -> bool:
    return Participant.objects.filter(person=person, norms_agreed_at__isnull=False).exists()


@transaction.atomic
def norms_agree(*, person: User) -> None:
    Participant.objects.update_or_create(person=person, defaults={"norms_agreed_at": timezone.now()})


def posting_stopped_until(person: User, space: Space) -> Any:
    stop = PostingStop.objects.filter(space=space, person=person, until__gt=timezone.now()).order_by("-until").first()
    return stop.until if stop is not None else None


def _rate_limit(person: User) -> None:
    minute = int(timezone.now().timestamp() // 60)
    key = f"community:posts:{person.pk}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=120)
        count = 1
    if count > POSTS_PER_MINUTE:
        raise ValidationError(
            f"You can post {POSTS_PER_MINUTE} times a minute at most. Wait a minute, then post again."
        )


def _check_can_write(person: User, space: Space) -> None:
    if not can_post_in(person, space):
        raise ValidationError("Only members of this network can post here")
    if not has_agreed_norms(person):
        raise ValidationError("Read and agree to the community norms before you post")
    until = posting_stopped_until(person, space)
    if until is not None:
        raise ValidationError(f"A moderator has stopped you posting here until {until:%-d %B %Y at %H:%M}")
    _rate_limit(person)


def _first_status(person: User, space: Space) -> str:
    """New accounts' first posts wait for approval; moderators' never do."""
    young = person.date_joined > timezone.now() - timedelta(days=NEW_ACCOUNT_DAYS)
    if not young or can_moderate(person, space):
        return PostStatus.VISIBLE
    shown = Post.objects.filter(author=person, status=PostStatus.VISIBLE).count()
    return PostStatus.PENDING if shown < FIRST_POSTS_HELD else PostStatus.VISIBLE


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write your post"})
    if len(body) > BODY_MOST:
        raise ValidationError({"body": f"A post can be {BODY_MOST:,} characters at most"})
    return body


def _tags(names: Iterable[str]) -> list[Tag]:
    cleaned = sorted({" ".join(name.lower().split())[:40] for name in names if name.strip()})
    if len(cleaned) > TAGS_MOST:
        raise ValidationError({"tags": f"Give {TAGS_MOST} tags at most"})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=cleaned)}
    missing = [Tag(name=name) for name in cleaned if name not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=cleaned)}
    return list(existing.values())


# Threads and posts -------------------------------------------------------------------------------------------


@transaction.atomic
def thread_start(
    *,
    space: Space,
    author: User,
    kind: str,
    title: str,
    body: str,
    topic: Topic | None = None,
    tags: Iterable[str] = (),
    resources: Iterable[ResourcePage] = (),
) -> Thread:
    """Start a question or a discussion. The author follows it; a new account's thread waits for approval."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": "Give your question or discussion a title"})
    if len(title) > TITLE_MOST:
        raise ValidationError({"title": f"A title can be {TITLE_MOST} characters at most"})
    if kind not in ThreadKind.values:
        raise ValidationError({"kind": "Choose whether this is a question or a discussion"})
    if topic is not None and space.kind != SpaceKind.SHARED:
        topic = None  # topics arrange the shared space only
    body = _clean_body(body)
    _check_can_write(author, space)
    status = _first_status(author, space)
    now = timezone.now()
    thread = Thread.objects.create(
        space=space, topic=topic, kind=kind, title=title, author=author, status=status, last_activity_at=now
    )
    thread.tags.set(_tags(tags))
    thread.resources.set(list(resources))
    post = Post.objects.create(
        thread=thread, space=space, author=author, opening=True, body=body, html=markup.render(body), status=status
    )
    Follow.objects.get_or_create(person=author, thread=thread)
    caching.threads_changed([thread.pk])
    if status == PostStatus.VISIBLE:
        search.threads_index([thread.pk])
        notify.post_shown(post)
    else:
        notify.queue_changed(space)
    return thread


@transaction.atomic
def post_reply(*, thread: Thread, author: User, body: str, quote: Post | None = None) -> Post:
    """Reply to a thread, perhaps quoting one of its posts. The author follows the thread from now on."""
    # Locked so that replies and a moderator's lock are taken one at a time.
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("space__network", "space__partner")
        .get(pk=thread.pk)
    )
    if thread.locked:
        raise ValidationError("This thread is locked: nobody can reply to it")
    if thread.status != PostStatus.VISIBLE:
        raise ValidationError("You can reply once this thread is shown")
    if quote is not None and (quote.thread_id != thread.pk or quote.status != PostStatus.VISIBLE):
        raise ValidationError("You can only quote a post shown in this thread")
    body = _clean_body(body)
    _check_can_write(author, thread.space)
    status = _first_status(author, thread.space)
    post = Post.objects.create(
        thread=thread,
        space=thread.space,
        author=author,
        body=body,
        html=markup.render(body),
        quote=quote,
        status=status,
    )
    Follow.objects.get_or_create(person=author, thread=thread)
    caching.threads_changed([thread.pk])
    if status == PostStatus.VISIBLE:
        _count_reply(thread, +1)
        search.threads_index([thread.pk])
        notify.post_shown(post)
    else:
        notify.queue_changed(thread.space)
    return post


def _count_reply(thread: Thread, step: int) -> None:
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + step, last_activity_at=timezone.now() if step > 0 else F("last_activity_at")
    )


@transaction.atomic
def post_edit(*, post: Post, editor: User, body: str, title: str | None = None) -> Post:
    """Change your own post (and, for a thread's first post, its title); what the post said before is kept, and
    it shows it was edited."""
    if post.author_id != editor.pk:
        raise ValidationError("You can only edit your own posts")
    if post.status == PostStatus.HIDDEN:
        raise ValidationError("A moderator hid this post, so it cannot be edited")
    body = _clean_body(body)
    if title is not None and post.opening:
        title = " ".join(title.split())
        if not title or len(title) > TITLE_MOST:
            raise ValidationError({"title": f"Give a title of {TITLE_MOST} characters at most"})
        if Thread.objects.filter(pk=post.thread_id).exclude(title=title).update(title=title):
            caching.threads_changed([post.thread_id])
            search.threads_index([post.thread_id])
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, written_at=post.edited_at or post.created_at)
    post.body = body
    post.html = markup.render(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "html", "edited_at"])
    caching.threads_changed([post.thread_id])
    if post.status == PostStatus.VISIBLE:
        search.threads_index([post.thread_id])
        notify.mentions(post)
    return post


@transaction.atomic
def post_helpful(*, post: Post, person: User, helpful: bool) -> None:
    """Mark (or unmark) a reply as helpful; once per person."""
    if post.opening:
        raise ValidationError("Only replies can be marked helpful")
    if post.author_id == person.pk:
        raise ValidationError("You cannot mark your own reply as helpful")
    if helpful:
        _, made = Helpful.objects.get_or_create(post=post, person=person)
        if made:
            Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    elif Helpful.objects.filter(post=post, person=person).delete()[0]:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
    caching.threads_changed([post.thread_id])


@transaction.atomic
def answer_accept(*, thread: Thread, post: Post | None, by: User) -> None:
    """The asker (or a lead, in a network's space) accepts a reply as the answer, or clears the answer."""
    if thread.kind != ThreadKind.QUESTION:
        raise ValidationError("Only questions have an accepted answer")
    if post is not None and (post.thread_id != thread.pk or post.opening or post.status != PostStatus.VISIBLE):
        raise ValidationError("Choose a reply shown in this thread")
    Thread.objects.filter(pk=thread.pk).update(accepted=post)
    caching.threads_changed([thread.pk])
    if post is not None and post.author_id and post.author_id != by.pk:
        notify.answer_accepted(post)


# Following and notifications ---------------------------------------------------------------------------------


@transaction.atomic
def follow_set(
    *,
    person: User,
    following: bool,
    thread: Thread | None = None,
    topic: Topic | None = None,
    space: Space | None = None,
) -> None:
    """Follow or stop following one thread, topic or space."""
    if [thread, topic, space].count(None) != 2:
        raise ValidationError("Follow one thread, topic or space at a time")
    if following:
        Follow.objects.get_or_create(person=person, thread=thread, topic=topic, space=space)
    else:
        Follow.objects.filter(person=person, thread=thread, topic=topic, space=space).delete()
    caching.follows_changed(person.pk)


@transaction.atomic
def notifications_read(*, person: User, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (all of them, or those in `ids`)."""
    unread = notify.Notification.objects.filter(person=person, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    count = unread.update(read_at=timezone.now())
    if count:
        notify.unread_changed([person.pk])
    return count


# Reports and moderation --------------------------------------------------------------------------------------


@transaction.atomic
def report_make(*, post: Post, reporter: User, reason: str, detail: str) -> Report:
    if reason not in ReportReason.values:
        raise ValidationError({"reason": "Choose why you are reporting this post"})
    detail = detail.strip()
    if reason in (ReportReason.OTHER, ReportReason.ILLEGAL) and not detail:
        raise ValidationError({"detail": "Tell us what is wrong with this post"})
    if len(detail) > 2000:
        raise ValidationError({"detail": "Keep this to 2,000 characters at most"})
    report = Report.objects.create(post=post, reporter=reporter, reason=reason, detail=detail)
    notify.queue_changed(post.space)
    return report


def _log(space_id: int, moderator: User, action: str, reason: str = "", **about: Any) -> None:
    ModerationLog.objects.create(space_id=space_id, moderator=moderator, action=action, reason=reason, **about)


def _check_moderator(moderator: User, space: Space) -> None:
    if not can_moderate(moderator, space):
        raise ValidationError("Only the moderators of this space can do that")


def _resolve_reports(post: Post) -> None:
    Report.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now())
    notify.queue_changed(post.space)


def _set_status(post: Post, status: str, reason: str) -> None:
    was = post.status
    Post.objects.filter(pk=post.pk).update(status=status, moderation_reason=reason)
    post.status, post.moderation_reason = status, reason
    caching.threads_changed([post.thread_id])
    if post.opening:
        Thread.objects.filter(pk=post.thread_id).update(status=status)
    elif was == PostStatus.VISIBLE and status != PostStatus.VISIBLE:
        _count_reply(post.thread, -1)
        Thread.objects.filter(pk=post.thread_id, accepted=post).update(accepted=None)
    elif was != PostStatus.VISIBLE and status == PostStatus.VISIBLE:
        _count_reply(post.thread, +1)
    if PostStatus.VISIBLE in (was, status):
        search.threads_index([post.thread_id])  # the thread, or its words, shown or not from now on


@transaction.atomic
def post_hide(*, post: Post, moderator: User, reason: str) -> None:
    """Hide a post (a thread's opening post hides the thread); its author is told why."""
    _check_moderator(moderator, post.space)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason the author will be told"})
    if post.status == PostStatus.HIDDEN:
        raise ValidationError("This post is already hidden")
    _set_status(post, PostStatus.HIDDEN, reason)
    _resolve_reports(post)
    _log(
        post.space_id,
        moderator,
        ModerationAction.HIDE,
        reason,
        post=post,
        thread_id=post.thread_id,
        person_id=post.author_id,
    )
    notify.moderated(post, hidden=True, reason=reason)


@transaction.atomic
def post_restore(*, post: Post, moderator: User, reason: str) -> None:
    _check_moderator(moderator, post.space)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason the author will be told"})
    if post.status != PostStatus.HIDDEN:
        raise ValidationError("This post is not hidden")
    _set_status(post, PostStatus.VISIBLE, "")
    _log(
        post.space_id,
        moderator,
        ModerationAction.RESTORE,
        reason,
        post=post,
        thread_id=post.thread_id,
        person_id=post.author_id,
    )
    notify.moderated(post, hidden=False, reason=reason)


@transaction.atomic
def post_approve(*, post: Post, moderator: User) -> None:
    """Show a post that was waiting for approval; those following the thread hear of it now."""
    _check_moderator(moderator, post.space)
    if post.status != PostStatus.PENDING:
        raise ValidationError("This post is not waiting for approval")
    _set_status(post, PostStatus.VISIBLE, "")
    _log(
        post.space_id,
        moderator,
        ModerationAction.APPROVE,
        post=post,
        thread_id=post.thread_id,
        person_id=post.author_id,
    )
    notify.post_shown(post)


@transaction.atomic
def report_dismiss(*, report: Report, moderator: User, reason: str) -> None:
    _check_moderator(moderator, report.post.space)
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now())
    notify.queue_changed(report.post.space)
    _log(
        report.post.space_id,
        moderator,
        ModerationAction.DISMISS,
        reason.strip(),
        post=report.post,
        thread_id=report.post.thread_id,
    )


@transaction.atomic
def thread_lock(*, thread: Thread, moderator: User, locked: bool, reason: str = "") -> None:
    _check_moderator(moderator, thread.space)
    Thread.objects.filter(pk=thread.pk).update(locked=locked)
    caching.threads_changed([thread.pk])
    action = ModerationAction.LOCK if locked else ModerationAction.UNLOCK
    _log(thread.space_id, moderator, action, reason.strip(), thread=thread)


@transaction.atomic
def posting_stop(*, space: Space, person: User, moderator: User, days: int, reason: str) -> PostingStop:
    """Stop a person posting in a space for a number of days; they are told why."""
    _check_moderator(moderator, space)
    if person.pk == moderator.pk:
        raise ValidationError("You cannot stop yourself posting")
    if not 1 <= days <= STOP_DAYS_MOST:
        raise ValidationError({"days": f"Give a number of days from 1 to {STOP_DAYS_MOST}"})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason the person will be told"})
    stop = PostingStop.objects.create(
        space=space, person=person, until=timezone.now() + timedelta(days=days), reason=reason
    )
    _log(space.pk, moderator, ModerationAction.STOP, reason, person=person)
    notify.posting_stopped(stop)
    return stop
