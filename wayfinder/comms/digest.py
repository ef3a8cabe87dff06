"""The monthly digest's engine: what is new for the editor to pick, each subscriber's copy, queueing the sending
in batches, and its progress. The editor's actions are in services.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from wayfinder.accounts.models import User
from wayfinder.comms import kinds, pipeline, registry
from wayfinder.comms.models import Delivery, DeliveryStatus, DigestIssue, DigestItem, DigestStatus, MailPreference
from wayfinder.comms.registry import DigestEntry, Frequency
from wayfinder.core.links import absolute_url

# Deliveries are made for this many subscribers at a time.
CHUNK = 2000


def issue_key(issue_id: int) -> str:
    return f"{kinds.DIGEST}:{issue_id}"


# What the editor picks from ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    section: registry.DigestSection
    entries: list[DigestEntry]


def proposals(issue: DigestIssue) -> list[Proposal]:
    """What each registered section offers as new since the last issue, without what the issue already has."""
    picked = set(issue.items.values_list("ref", flat=True))
    found = []
    for section in registry.digest_sections():
        entries = [entry for entry in section.propose(issue.new_since) if entry.ref not in picked]
        if entries or section.personal is None:
            found.append(Proposal(section=section, entries=entries))
    return found


# Each subscriber's copy ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A heading and its entries, as one part of a digest."""

    title: str
    entries: Sequence[DigestEntry]


def issue_parts(items: Sequence[DigestItem]) -> list[Part]:
    """The editor's picks grouped under their section headings, in the editor's order (a section first appears
    where its first pick is)."""
    parts: dict[str, list[DigestEntry]] = {}
    titles: dict[str, str] = {}
    for item in items:
        titles.setdefault(item.section, item.section_title)
        parts.setdefault(item.section, []).append(
            DigestEntry(ref=item.ref, title=item.title, url=item.url, summary=item.summary)
        )
    return [Part(title=titles[key], entries=entries) for key, entries in parts.items()]


def personal_parts(users: Sequence[User]) -> dict[int, list[Part]]:
    """Each person's own parts ("For your network"), asked of each section for the whole batch at once."""
    result: dict[int, list[Part]] = {user.pk: [] for user in users}
    for section in registry.digest_sections():
        if section.personal is None:
            continue
        found: Mapping[int, Sequence[DigestEntry]] = section.personal(users)
        for user_id, entries in found.items():
            if entries and user_id in result:
                result[user_id].append(Part(title=section.title, entries=entries))
    return result


def full(url: str) -> str:
    return absolute_url(url)


@dataclass(frozen=True)
class IssueText:
    """The parts of an issue that are the same for everyone, rendered once per batch."""

    subject: str
    text: str
    html: Markup
    archive_url: str


def issue_text(issue: DigestIssue, items: Sequence[DigestItem]) -> IssueText:
    parts = issue_parts(items)
    context = {"issue": issue, "parts": parts, "full": full}
    return IssueText(
        subject=issue.title,
        archive_url=full(issue_path(issue)),
        text=render_to_string("comms/email/digest.txt", context),
        html=Markup(render_to_string("comms/email/digest.html", context)),  # noqa: S704 - our autoescaped template
    )


def personal_text(parts: Sequence[Part]) -> tuple[str, Markup]:
    if not parts:
        return "", Markup("")
    context = {"parts": parts, "full": full}
    return (
        render_to_string("comms/email/digest_personal.txt", context),
        Markup(render_to_string("comms/email/digest_personal.html", context)),  # noqa: S704 - our template
    )


def issue_path(issue: DigestIssue) -> str:
    return reverse("comms:archive-issue", args=[issue.slug])


def copy_for(common: IssueText, parts: Sequence[Part]) -> pipeline.Rendered:
    """One subscriber's digest: the shared issue with their own parts after the introduction's picks."""
    text, html = personal_text(parts)
    return pipeline.Rendered(
        subject=common.subject,
        text=f"{common.text.rstrip()}\n{text.rstrip()}\n\nRead this issue on the web: {common.archive_url}\n",
        html=common.html
        + html
        + Markup('<p><a href="{0}">Read this issue on the web</a></p>').format(common.archive_url),
    )


def render_batch(deliveries: Sequence[Delivery]) -> Callable[[Delivery], pipeline.Rendered]:
    """Render a batch of digest deliveries: each issue once, each section's personal parts in one call."""
    issue_ids = {delivery.digest_issue_id for delivery in deliveries if delivery.digest_issue_id}
    issues = {issue.pk: issue for issue in DigestIssue.objects.filter(pk__in=issue_ids).prefetch_related("items")}
    common = {pk: issue_text(issue, list(issue.items.all())) for pk, issue in issues.items()}
    users = [delivery.user for delivery in deliveries if delivery.user is not None]
    personal = personal_parts(users)

    def render(delivery: Delivery) -> pipeline.Rendered:
        if delivery.digest_issue_id is None:
            return pipeline.stored_body(delivery)
        return copy_for(common[delivery.digest_issue_id], personal.get(delivery.user_id or 0, []))

    return render


pipeline.batch_renderers[kinds.DIGEST] = render_batch


# Sending ---------------------------------------------------------------------------------------------------------


def subscribers() -> QuerySet[User]:
    """Everyone who gets the digest: active accounts that have not turned it off."""
    digest = registry.mail_kind(kinds.DIGEST)
    turned_off = MailPreference.objects.filter(kind=kinds.DIGEST, frequency=Frequency.OFF).values("user_id")
    people = User.objects.filter(is_active=True).exclude(pk__in=turned_off)
    if digest.default == Frequency.OFF:
        turned_on = MailPreference.objects.filter(kind=kinds.DIGEST, frequency=Frequency.AT_ONCE).values("user_id")
        people = people.filter(pk__in=turned_on)
    return people


def _chunks(people: QuerySet[User]) -> Iterator[list[tuple[int, str]]]:
    last = 0
    while True:
        rows = list(people.filter(pk__gt=last).order_by("pk").values_list("pk", "email")[:CHUNK])
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def issue_queue(issue_id: int, *, now: datetime | None = None) -> int:
    """Make one delivery per subscriber (none twice, however often this runs) and queue them in batches. A
    scheduled issue starts here when its time comes. Returns how many deliveries were queued."""
    now = now or timezone.now()
    with transaction.atomic():
        issue = DigestIssue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.status not in (DigestStatus.SCHEDULED, DigestStatus.SENDING):
            return 0
        if issue.status == DigestStatus.SCHEDULED:
            if issue.scheduled_for is not None and issue.scheduled_for > now:
                return 0
            issue.status, issue.sent_at = DigestStatus.SENDING, now
            issue.save(update_fields=["status", "sent_at"])
    key = issue_key(issue.pk)
    for rows in _chunks(subscribers()):
        Delivery.objects.bulk_create(
            [
                Delivery(
                    key=key,
                    recipient=email.lower(),
                    user_id=user_id,
                    kind=kinds.DIGEST,
                    subject=issue.title,
                    digest_issue=issue,
                )
                for user_id, email in rows
            ],
            ignore_conflicts=True,
        )
    DigestIssue.objects.filter(pk=issue.pk).update(recipients_ready=True)
    return pipeline.queue_waiting(Delivery.objects.filter(digest_issue=issue))


def issues_finish(delivery_ids: Sequence[int]) -> int:
    """Mark sent each issue among these deliveries' that has nothing left to send."""
    issue_ids = set(
        Delivery.objects.filter(pk__in=delivery_ids, digest_issue__isnull=False).values_list("digest_issue", flat=True)
    )
    done = 0
    for issue_id in issue_ids:
        left = Delivery.objects.filter(
            digest_issue_id=issue_id, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]
        )
        if not left.exists():
            done += DigestIssue.objects.filter(pk=issue_id, status=DigestStatus.SENDING, recipients_ready=True).update(
                status=DigestStatus.SENT, finished_at=timezone.now()
            )
    return done


@dataclass(frozen=True)
class Progress:
    sent: int
    failed: int
    left: int
    ready: bool  # False while the deliveries are still being made

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.left

    @property
    def percent(self) -> int:
        return round(100 * (self.sent + self.failed) / self.total) if self.total else 0


def progress(issue: DigestIssue) -> Progress:
    """Sent, failed and left for an issue being sent: one query."""
    counts = Delivery.objects.filter(digest_issue=issue).aggregate(
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        left=Count("pk", filter=Q(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING])),
    )
    return Progress(sent=counts["sent"], failed=counts["failed"], left=counts["left"], ready=issue.recipients_ready)
