"""The one outgoing-mail pipeline every app uses.

`mail_send` records one `Delivery` per recipient, unique on (message key, recipient), and queues the new ones in
batches on the task queue once the caller's transaction commits. A worker claims each delivery before it sends
and marks it after: a retry, a second worker or a worker that was killed never sends a message twice, and a
delivery whose worker died is taken up again by the task's next run (or by `send_queued_mail`), so none is
dropped. SMTP errors that may pass are retried with a growing wait; a refusal is recorded as a failure.

The one moment this cannot close is between the mail server accepting a message and our record of it being
written (a few milliseconds): a worker killed exactly then sends that one message again, with the same
Message-ID, which mail services use to drop the copy.
"""

from __future__ import annotations

import hashlib
import smtplib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from wayfinder.accounts.models import User
from wayfinder.comms import registry, rendering
from wayfinder.comms.models import (
    KEY_LENGTH,
    AddressOptOut,
    Delivery,
    DeliveryStatus,
    DigestIssue,
    DigestStatus,
    MailPreference,
)
from wayfinder.comms.registry import Frequency, MailKind
from wayfinder.comms.tokens import unsubscribe_token
from wayfinder.core.links import absolute_url

BATCH_SIZE = 100
MAX_ATTEMPTS = 6
# A delivery claimed this long ago and never marked belongs to a worker that is gone.
STALE_CLAIM = timedelta(minutes=15)
# A new delivery still waiting this long after it was made was never put on the queue (or its batch was lost).
LOST = timedelta(hours=6)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait before trying again after `attempts` tries: 1, 2, 4, 8 ... minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def initial_status(kind: MailKind, *, has_account: bool, frequency: str | None) -> DeliveryStatus:
    """Whether a new delivery is sent at once, held for the daily summary, or not sent at all. Someone without an
    account has no daily summary: their mail goes at once unless they turned it off (`frequency` OFF)."""
    if kind.is_service:
        return DeliveryStatus.QUEUED
    if not has_account:
        return DeliveryStatus.SKIPPED if frequency == Frequency.OFF else DeliveryStatus.QUEUED
    chosen = Frequency(frequency) if frequency in kind.choices else kind.default
    return {
        Frequency.AT_ONCE: DeliveryStatus.QUEUED,
        Frequency.DAILY: DeliveryStatus.HELD,
        Frequency.OFF: DeliveryStatus.SKIPPED,
    }[chosen]


def frequencies(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each person's choice for one kind of mail, for those who made one: one query."""
    return dict(
        MailPreference.objects.filter(user_id__in=list(user_ids), kind=kind).values_list("user_id", "frequency")
    )


def mail_send(*, kind: str, key: str, to: Iterable[str], subject: str, text: str, html: str = "") -> int:
    """Send one message to each address, once: call again with the same key and nobody gets a second copy.

    kind: a registered `MailKind` key; key: names this message ("networks.invitation:42"); text: the plain-text
    body (the HTML part is made from it unless `html`, the body's HTML, is given). The footer with the reason and,
    for mail a person can turn off, the unsubscribe link, is added per recipient. Queued when the caller's
    transaction commits. Returns how many deliveries are new.
    """
    mail_kind = registry.mail_kind(kind)
    if len(key) > KEY_LENGTH:
        raise ValueError(f"A message key is at most {KEY_LENGTH} characters: {key[:60]}...")
    addresses = sorted({address.strip().lower() for address in to if address and address.strip()})
    if not addresses:
        return 0
    users = {user.email.lower(): user for user in User.objects.filter(email__in=addresses, is_active=True)}
    chosen = frequencies((user.pk for user in users.values()), kind) if not mail_kind.is_service else {}
    opted_out = (
        set(AddressOptOut.objects.filter(kind=kind, email__in=addresses).values_list("email", flat=True))
        if not mail_kind.is_service
        else set()
    )
    rows = []
    for address in addresses:
        user = users.get(address)
        frequency = chosen.get(user.pk) if user is not None else (Frequency.OFF if address in opted_out else None)
        status = initial_status(mail_kind, has_account=user is not None, frequency=frequency)
        rows.append(
            Delivery(
                key=key, recipient=address, user=user, kind=kind, subject=subject, text=text, html=html, status=status
            )
        )
    existing = set(Delivery.objects.filter(key=key, recipient__in=addresses).values_list("recipient", flat=True))
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(lambda: queue_waiting(Delivery.objects.filter(key=key)))
    return len(set(addresses) - existing)


def queue_waiting(deliveries: Any, *, now: datetime | None = None) -> int:
    """Put the deliveries among `deliveries` that wait to be sent on the task queue, in batches. Harmless to call
    for deliveries already queued: only one worker can claim each."""
    from wayfinder.comms.tasks import deliver

    now = now or timezone.now()
    ids = list(
        deliveries.filter(Q(send_after__isnull=True) | Q(send_after__lte=now), status=DeliveryStatus.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH_SIZE):
        deliver.enqueue(delivery_ids=ids[start : start + BATCH_SIZE])
    return len(ids)


def requeue_stale(*, now: datetime | None = None) -> int:
    """Deliveries claimed by a worker that never marked them (it died) wait to be sent again, from now; one that
    has stopped a worker MAX_ATTEMPTS times (a message that cannot be built, say) is marked failed instead."""
    now = now or timezone.now()
    stale = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM)
    stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=DeliveryStatus.FAILED, last_error="Sending stopped part-way too many times"
    )
    return stale.filter(attempts__lt=MAX_ATTEMPTS).update(status=DeliveryStatus.QUEUED, claimed_by="", send_after=now)


def overdue(*, now: datetime | None = None) -> Any:
    """Deliveries nobody is about to send: retries whose time has come, and new ones whose queueing was lost (the
    queue was down when they were made) long enough ago that no batch still holds them."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        Q(send_after__isnull=False, send_after__lte=now) | Q(send_after__isnull=True, created_at__lt=now - LOST),
        status=DeliveryStatus.QUEUED,
    ).exclude(digest_issue__status="paused")


# Sending ---------------------------------------------------------------------------------------------------------


def claim(pk: int, claimant: str, *, now: datetime) -> bool:
    """Take one delivery to send, in one UPDATE so two workers cannot both take it. The task run that claimed it
    may take it again (it was killed before marking it); a paused digest's deliveries wait."""
    claimable = (Q(status=DeliveryStatus.QUEUED) & (Q(send_after__isnull=True) | Q(send_after__lte=now))) | Q(
        status=DeliveryStatus.SENDING, claimed_by=claimant
    )
    # Only conditions on the delivery's own row (no join): PostgreSQL then checks them again on the row another
    # worker has just updated, so the second of two racing claims finds it taken. With a join, Django writes
    # "WHERE id IN (SELECT ...)" and the second claim would go through on its stale snapshot.
    not_paused = Q(digest_issue_id__isnull=True) | Q(
        digest_issue_id__in=DigestIssue.objects.filter(status=DigestStatus.SENDING).values("pk")
    )
    return (
        Delivery.objects.filter(claimable, not_paused, pk=pk).update(
            status=DeliveryStatus.SENDING, claimed_by=claimant, claimed_at=now, attempts=F("attempts") + 1
        )
        == 1
    )


def mark_sent(pk: int, claimant: str) -> None:
    Delivery.objects.filter(pk=pk, claimed_by=claimant, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )


def mark_failed(delivery: Delivery, claimant: str, error: str, *, permanent: bool) -> datetime | None:
    """Record an error; a delivery that may still go waits and is tried again. Returns when, or None."""
    mine = Delivery.objects.filter(pk=delivery.pk, claimed_by=claimant, status=DeliveryStatus.SENDING)
    if permanent or delivery.attempts >= MAX_ATTEMPTS:
        mine.update(status=DeliveryStatus.FAILED, last_error=error[:2000])
        return None
    when = timezone.now() + retry_delay(delivery.attempts)
    mine.update(status=DeliveryStatus.QUEUED, claimed_by="", send_after=when, last_error=error[:2000])
    return when


def is_permanent(error: Exception) -> bool:
    """A 5xx answer (the address does not exist, the message was refused) will not change on a retry."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: Markup


# A digest (or another app's bulk mail) renders its deliveries itself: given the batch, it returns a function
# from one delivery to its rendered body. Registered by comms.digest; keyed by Delivery.kind.
BatchRenderer = Callable[[Sequence[Delivery]], Callable[[Delivery], Rendered]]
batch_renderers: dict[str, BatchRenderer] = {}


@dataclass(frozen=True)
class Attachment:
    """A file carried by a message, such as a calendar invitation."""

    filename: str
    content: bytes
    mimetype: str


# Mail that carries files: a delivery stores only its key and bodies, so the app that sends a kind of mail with
# attachments registers how to make them again from the delivery (its key names what they are of), and every
# attempt on any worker attaches the same files. Keyed by Delivery.kind; a maker may return none.
AttachmentMaker = Callable[[Delivery], Sequence[Attachment]]
attachment_makers: dict[str, AttachmentMaker] = {}


def register_attachments(kind: str, make: AttachmentMaker) -> None:
    """Call from `AppConfig.ready()` for a kind of mail whose messages carry files."""
    attachment_makers[kind] = make


def stored_body(delivery: Delivery) -> Rendered:
    html = Markup(delivery.html) if delivery.html else rendering.text_to_html(delivery.text)  # noqa: S704 - ours
    return Rendered(subject=delivery.subject, text=delivery.text, html=html)


def footer_for(delivery: Delivery, kind: MailKind) -> rendering.Footer:
    if kind.is_service:
        return rendering.Footer(reason="Wayfinder sent you this email because of something you need to know or do.")
    if delivery.user_id is None:
        token = unsubscribe_token(kind=kind.key, email=delivery.recipient)
        return rendering.Footer(
            reason=f"Wayfinder sent you this email: {kind.label.lower()}.",
            unsubscribe_url=absolute_url(reverse("comms:unsubscribe", args=[token])),
        )
    token = unsubscribe_token(kind=kind.key, user_id=delivery.user_id)
    return rendering.Footer(
        reason=f"You get this email because you have a Wayfinder account: {kind.label.lower()}.",
        unsubscribe_url=absolute_url(reverse("comms:unsubscribe", args=[token])),
        preferences_url=absolute_url(reverse("comms:preferences")),
    )


def message_id(delivery: Delivery) -> str:
    """The same for every attempt at one delivery, so a mail service can drop a copy sent again."""
    digest = hashlib.sha256(f"{delivery.key}\n{delivery.recipient}".encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">") or "wayfinder.localhost"
    return f"<{digest}.{delivery.pk}@{domain}>"


def build_message(delivery: Delivery, rendered: Rendered) -> EmailMultiAlternatives:
    kind = registry.mail_kind(delivery.kind)
    footer = footer_for(delivery, kind)
    headers = {"Message-ID": message_id(delivery)}
    if footer.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{footer.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendering.plain_text(body=rendered.text, footer=footer),
        to=[delivery.recipient],
        headers=headers,
    )
    message.attach_alternative(
        rendering.html_document(subject=rendered.subject, body=rendered.html, footer=footer), "text/html"
    )
    make = attachment_makers.get(delivery.kind)
    for attachment in make(delivery) if make is not None else ():
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def deliver_batch(delivery_ids: Sequence[int], *, claimant: str) -> tuple[int, datetime | None]:
    """Send each delivery that can still be claimed, over one connection. Returns how many were sent and, when
    some must be tried again later, the earliest moment to try."""
    batch = list(Delivery.objects.filter(pk__in=delivery_ids).select_related("user").order_by("pk"))
    renderers: dict[str, Callable[[Delivery], Rendered]] = {}
    for kind in {delivery.kind for delivery in batch} & set(batch_renderers):
        renderers[kind] = batch_renderers[kind]([d for d in batch if d.kind == kind])
    sent, retry_at = 0, None
    connection = get_connection()
    try:
        for delivery in batch:
            if not claim(delivery.pk, claimant, now=timezone.now()):
                continue
            delivery.attempts += 1
            render = renderers.get(delivery.kind, stored_body)
            try:
                message = build_message(delivery, render(delivery))
                message.connection = connection
                message.send()
            except (smtplib.SMTPException, OSError) as error:
                connection.close()  # a broken connection is opened afresh for the next message
                when = mark_failed(
                    delivery, claimant, f"{type(error).__name__}: {error}", permanent=is_permanent(error)
                )
                if when is not None and (retry_at is None or when < retry_at):
                    retry_at = when
                continue
            mark_sent(delivery.pk, claimant)
            sent += 1
    finally:
        connection.close()
    return sent, retry_at
