"""Every write a person can cause in comms: their mail preferences, a one-click unsubscribe, and the editor's work
on the digest. Each is atomic and raises ValidationError with a message a person understands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from wayfinder.comms import digest, kinds, pipeline, registry
from wayfinder.comms.models import AddressOptOut, DigestIssue, DigestItem, DigestStatus, MailPreference
from wayfinder.comms.registry import Frequency
from wayfinder.comms.tokens import Unsubscribe

# Preferences -----------------------------------------------------------------------------------------------------


def preference_set(*, user: Any, kind: str, frequency: str) -> None:
    """Choose how one kind of mail is sent to a person. A service message cannot be turned off."""
    mail_kind = registry.mail_kind(kind)
    if mail_kind.is_service:
        raise ValidationError(f"{mail_kind.label} are service messages: Wayfinder always sends them.")
    if frequency not in mail_kind.choices:
        raise ValidationError({kind: f"Choose how you want {mail_kind.label.lower()}"})
    MailPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"frequency": frequency, "changed_at": timezone.now()}
    )


@transaction.atomic
def preferences_save(*, user: Any, choices: Mapping[str, str]) -> None:
    """Save a person's choices for several kinds of mail at once (the preferences page)."""
    for kind, frequency in choices.items():
        preference_set(user=user, kind=kind, frequency=frequency)


@transaction.atomic
def unsubscribe(*, named: Unsubscribe) -> registry.MailKind:
    """Turn off one kind of mail for the person a valid token names (one-click unsubscribe: no sign-in)."""
    from wayfinder.accounts.models import User

    try:
        kind = registry.mail_kind(named.kind)
    except LookupError:
        kind = None
    user = User.objects.filter(pk=named.user_id).first() if named.user_id is not None else None
    if kind is None or kind.is_service or (user is None and not named.email):
        raise ValidationError("This link no longer unsubscribes anyone. You can choose your emails after signing in.")
    if user is not None:
        preference_set(user=user, kind=kind.key, frequency=Frequency.OFF)
    else:
        AddressOptOut.objects.get_or_create(email=named.email.lower(), kind=kind.key)
    return kind


# The digest ------------------------------------------------------------------------------------------------------

NOT_A_DRAFT = "This issue has already been sent or scheduled, so it can no longer be changed."


def _unique_slug(title: str, issue_id: int | None = None) -> str:
    base = slugify(title)[:180] or "digest"
    slug, n = base, 2
    others = DigestIssue.objects.exclude(pk=issue_id) if issue_id is not None else DigestIssue.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _draft(issue: DigestIssue) -> DigestIssue:
    locked = DigestIssue.objects.select_for_update().get(pk=issue.pk)
    if locked.status != DigestStatus.DRAFT:
        raise ValidationError(NOT_A_DRAFT)
    return locked


@transaction.atomic
def digest_start(*, user: Any, now: datetime | None = None) -> DigestIssue:
    """Start a new issue, offered what is new since the last issue was sent."""
    now = now or timezone.now()
    last = DigestIssue.objects.filter(sent_at__isnull=False).order_by("-sent_at").first()
    title = f"Wayfinder digest: {date_format(timezone.localtime(now), 'F Y')}"
    return DigestIssue.objects.create(
        title=title,
        slug=_unique_slug(title),
        new_since=last.sent_at if last else None,
        created_by=user,
        created_at=now,
    )


@transaction.atomic
def digest_update(*, issue: DigestIssue, title: str, introduction: str) -> DigestIssue:
    issue = _draft(issue)
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the issue"})
    issue.title, issue.introduction = title[:200], introduction.strip()
    issue.slug = _unique_slug(title, issue.pk)
    issue.save(update_fields=["title", "introduction", "slug"])
    return issue


@transaction.atomic
def digest_pick(*, issue: DigestIssue, refs: Sequence[str]) -> int:
    """Add entries the sections propose to the issue, after what it has. Returns how many were added."""
    issue = _draft(issue)
    wanted = set(refs)
    if not wanted:
        raise ValidationError({"refs": "Choose at least one thing to add"})
    position = (issue.items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    added = 0
    for proposal in digest.proposals(issue):
        for entry in proposal.entries:
            if entry.ref in wanted:
                DigestItem.objects.create(
                    issue=issue,
                    section=proposal.section.key,
                    section_title=proposal.section.title,
                    ref=entry.ref,
                    title=entry.title[:300],
                    url=entry.url[:500],
                    summary=entry.summary,
                    position=position,
                )
                position, added = position + 1, added + 1
    if not added:
        raise ValidationError({"refs": "Those are no longer on offer. Choose from the list again."})
    return added


@transaction.atomic
def digest_item_move(*, issue: DigestIssue, item_id: int, up: bool) -> None:
    """Swap an entry with the one before (up) or after it."""
    issue = _draft(issue)
    items = list(issue.items.order_by("position", "pk"))
    index = next((i for i, item in enumerate(items) if item.pk == item_id), None)
    if index is None:
        raise ValidationError("That entry is not in this issue.")
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def digest_item_remove(*, issue: DigestIssue, item_id: int) -> None:
    issue = _draft(issue)
    issue.items.filter(pk=item_id).delete()


def digest_send_test(*, issue: DigestIssue, user: Any, now: datetime | None = None) -> None:
    """Send the issue as `user` would get it, to them alone, marked as a test."""
    now = now or timezone.now()
    common = digest.issue_text(issue, list(issue.items.all()))
    rendered = digest.copy_for(common, digest.personal_parts([user]).get(user.pk, []))
    with transaction.atomic():
        pipeline.mail_send(
            kind=kinds.DIGEST_TEST,
            key=f"{kinds.DIGEST_TEST}:{issue.pk}:{now.timestamp()}",
            to=[user.email],
            subject=f"Test: {rendered.subject}",
            text=rendered.text,
            html=str(rendered.html),
        )


@transaction.atomic
def digest_send(*, issue: DigestIssue, at: datetime | None = None, now: datetime | None = None) -> DigestIssue:
    """Send the issue to every subscriber now, or schedule it for `at`."""
    from wayfinder.comms.tasks import digest_queue

    now = now or timezone.now()
    issue = _draft(issue)
    if not issue.items.exists() and not issue.introduction:
        raise ValidationError("Add an introduction or at least one entry before sending the issue.")
    if at is not None and at <= now:
        raise ValidationError({"at": "Choose a time in the future, or send it now"})
    issue.status = DigestStatus.SCHEDULED
    issue.scheduled_for = at or now
    issue.save(update_fields=["status", "scheduled_for"])
    issue_id = issue.pk
    if at is None:
        transaction.on_commit(lambda: digest_queue.enqueue(issue_id=issue_id))
    else:
        from django_tasks import default_task_backend

        if default_task_backend.supports_defer:
            transaction.on_commit(lambda: digest_queue.using(run_after=at).enqueue(issue_id=issue_id))
    return issue


@transaction.atomic
def digest_unschedule(*, issue: DigestIssue) -> DigestIssue:
    """Take a scheduled issue back to a draft."""
    issue = DigestIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != DigestStatus.SCHEDULED:
        raise ValidationError("Only a scheduled issue can be taken back to a draft.")
    issue.status, issue.scheduled_for = DigestStatus.DRAFT, None
    issue.save(update_fields=["status", "scheduled_for"])
    return issue


@transaction.atomic
def digest_pause(*, issue: DigestIssue) -> DigestIssue:
    """Stop sending an issue: what is being sent finishes, nothing more goes until it is resumed."""
    issue = DigestIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != DigestStatus.SENDING:
        raise ValidationError("Only an issue that is being sent can be paused.")
    issue.status = DigestStatus.PAUSED
    issue.save(update_fields=["status"])
    return issue


@transaction.atomic
def digest_resume(*, issue: DigestIssue) -> DigestIssue:
    """Carry on sending a paused issue to those who have not had it."""
    from wayfinder.comms.tasks import digest_queue

    issue = DigestIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != DigestStatus.PAUSED:
        raise ValidationError("Only a paused issue can be resumed.")
    issue.status = DigestStatus.SENDING
    issue.save(update_fields=["status"])
    issue_id = issue.pk
    # Queueing again makes the deliveries still missing (if it was paused while they were being made) and queues
    # every one still waiting; those already sent are never claimed again.
    transaction.on_commit(lambda: digest_queue.enqueue(issue_id=issue_id))
    return issue
