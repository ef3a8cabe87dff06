"""The mail pipeline: one delivery per message and recipient, claimed before sending and marked after, retries with
backoff, a plain-text and an accessible HTML part, and the headers for one-click unsubscribe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.comms import failing_backend
from tests.conftest import Mailbox
from wayfinder.comms import kinds, pipeline, registry, rendering
from wayfinder.comms.models import AddressOptOut, Delivery, DeliveryStatus, MailPreference
from wayfinder.comms.registry import Frequency, MailCategory
from wayfinder.comms.tasks import deliver

NOTE = "test.note"
SERVICE = "test.service"


@pytest.fixture(autouse=True)
def test_kinds() -> Iterator[None]:
    registry.register_mail_kind(
        NOTE,
        label="Notes",
        description="Notes for tests.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
    registry.register_mail_kind(SERVICE, label="Service", description="", category=MailCategory.SERVICE, choices=())
    yield
    registry._mail_kinds.pop(NOTE, None)
    registry._mail_kinds.pop(SERVICE, None)


def send(to: list[str], *, kind: str = NOTE, key: str = "test:1", text: str = "Hello.") -> int:
    return pipeline.mail_send(kind=kind, key=key, to=to, subject="Wayfinder: a note", text=text)


# Pure parts ------------------------------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=1000))
def test_the_wait_before_a_retry_grows_and_never_passes_an_hour(attempts: int) -> None:
    assert timedelta(minutes=1) <= pipeline.retry_delay(attempts) <= timedelta(hours=1)
    assert pipeline.retry_delay(attempts + 1) >= pipeline.retry_delay(attempts)


@pytest.mark.parametrize(
    ("category", "has_account", "frequency", "status"),
    [
        (MailCategory.SERVICE, True, "off", DeliveryStatus.QUEUED),  # a service message cannot be turned off
        (MailCategory.SERVICE, False, None, DeliveryStatus.QUEUED),
        (MailCategory.NOTIFICATION, True, None, DeliveryStatus.QUEUED),  # the kind's default
        (MailCategory.NOTIFICATION, True, "off", DeliveryStatus.SKIPPED),
        (MailCategory.NOTIFICATION, True, "daily", DeliveryStatus.HELD),
        (MailCategory.NOTIFICATION, True, "weekly", DeliveryStatus.QUEUED),  # a choice the kind no longer offers
        (MailCategory.NOTIFICATION, False, None, DeliveryStatus.QUEUED),
        (MailCategory.NOTIFICATION, False, "off", DeliveryStatus.SKIPPED),
    ],
)
def test_a_new_delivery_waits_is_held_or_is_not_sent_as_the_person_chose(
    category: MailCategory, has_account: bool, frequency: str | None, status: DeliveryStatus
) -> None:
    choices = () if category == MailCategory.SERVICE else (Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF)
    kind = registry.MailKind(key="k", label="K", description="", category=category, choices=choices)
    assert pipeline.initial_status(kind, has_account=has_account, frequency=frequency) == status


def test_text_becomes_escaped_paragraphs_with_full_addresses_as_links() -> None:
    html = rendering.text_to_html("Hello <b>you</b> & co.\n\nOpen https://w.example/a?b=1&c=2.\nThanks")
    assert "&lt;b&gt;you&lt;/b&gt; &amp; co." in html
    assert '<a href="https://w.example/a?b=1&amp;c=2">https://w.example/a?b=1&amp;c=2</a>.' in html
    assert html.count("<p>") == 2 and "<br>" in html


@pytest.mark.parametrize(("code", "permanent"), [(421, False), (451, False), (450, False), (550, True), (554, True)])
def test_only_a_5xx_answer_is_a_permanent_failure(code: int, permanent: bool) -> None:
    import smtplib

    assert pipeline.is_permanent(smtplib.SMTPResponseException(code, b"")) is permanent
    assert pipeline.is_permanent(smtplib.SMTPRecipientsRefused({"a@b": (code, b"")})) is permanent
    assert pipeline.is_permanent(smtplib.SMTPServerDisconnected("gone")) is False


# Sending over real SMTP ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_mail_has_a_text_part_an_html_part_with_inlined_styles_and_one_click_unsubscribe(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://wayfinder.example"
    with django_capture_on_commit_callbacks(execute=True):
        send([world.member.email], text="Your note.\n\nSee https://wayfinder.example/networks/")
    message = mailbox.wait_for(world.member.email)
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    assert "Your note." in text.get_content() and "To stop these emails, open: https://" in text.get_content()
    document = html.get_content()
    assert '<html lang="en-GB">' in document and "<title>Wayfinder: a note</title>" in document
    assert "<style" not in document and 'style="' in document  # styles written into the tags
    assert '<a href="https://wayfinder.example/networks/"' in document
    unsubscribe = str(message["List-Unsubscribe"]).strip()  # a long header is folded onto a second line
    assert unsubscribe.startswith("<https://wayfinder.example/u/") and unsubscribe.endswith("/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Delivery.objects.get().status == DeliveryStatus.SENT


@pytest.mark.django_db
def test_a_service_message_has_no_unsubscribe_link_and_goes_to_an_address_with_no_account(
    mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send(["new.person@example.org"], kind=SERVICE)
    message = mailbox.wait_for("new.person@example.org")
    assert message["List-Unsubscribe"] is None and message["List-Unsubscribe-Post"] is None
    assert "To stop these emails" not in mailbox.body(message)


@pytest.mark.django_db
def test_the_same_message_sent_again_reaches_nobody_twice(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert send([world.member.email, world.lead.email]) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send([world.member.email.upper(), world.lead.email, world.outsider.email]) == 1
    mailbox.wait_for(world.outsider.email)
    assert sorted(str(m["To"]) for m in mailbox.messages) == sorted(
        [world.member.email, world.lead.email, world.outsider.email]
    )
    # Running a batch again (a retry, a second worker) claims nothing: every delivery is marked sent.
    ids = list(Delivery.objects.values_list("pk", flat=True))
    assert deliver.enqueue(delivery_ids=ids).return_value == 0
    assert len(mailbox.messages) == 3


@pytest.mark.django_db
def test_mail_is_queued_only_when_the_write_commits(world: SimpleNamespace, mailbox: Mailbox) -> None:
    send([world.member.email])  # the test's transaction never commits
    assert Delivery.objects.get().status == DeliveryStatus.QUEUED
    assert mailbox.messages == []


@pytest.mark.django_db
def test_mail_turned_off_is_not_sent_and_daily_is_held(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    MailPreference.objects.create(user=world.member, kind=NOTE, frequency=Frequency.OFF)
    MailPreference.objects.create(user=world.lead, kind=NOTE, frequency=Frequency.DAILY)
    AddressOptOut.objects.create(email="gone@example.org", kind=NOTE)
    with django_capture_on_commit_callbacks(execute=True):
        send([world.member.email, world.lead.email, world.outsider.email, "gone@example.org"])
    mailbox.wait_for(world.outsider.email)
    statuses = dict(Delivery.objects.values_list("recipient", "status"))
    assert statuses == {
        world.member.email: DeliveryStatus.SKIPPED,
        world.lead.email: DeliveryStatus.HELD,
        world.outsider.email: DeliveryStatus.SENT,
        "gone@example.org": DeliveryStatus.SKIPPED,
    }
    assert [str(m["To"]) for m in mailbox.messages] == [world.outsider.email]


# Failures --------------------------------------------------------------------------------------------------------


@pytest.fixture
def failing(settings: Any) -> Iterator[list[int]]:
    settings.EMAIL_BACKEND = "tests.comms.failing_backend.FailingBackend"
    failing_backend.FAILURES.clear()
    failing_backend.SENT.clear()
    yield failing_backend.FAILURES
    failing_backend.FAILURES.clear()
    failing_backend.SENT.clear()


@pytest.mark.django_db
def test_an_smtp_error_that_may_pass_is_tried_again_later_and_then_sent(
    world: SimpleNamespace, failing: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    failing[:] = [451, 421]
    with django_capture_on_commit_callbacks(execute=True):
        send([world.member.email])
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.QUEUED, 1)
    assert delivery.send_after is not None and delivery.send_after > timezone.now()
    assert "451" in delivery.last_error

    # Not before its time: the queued-mail command leaves it be.
    assert pipeline.queue_waiting(Delivery.objects.all()) == 0
    # Queued by a clock that runs ahead, the worker still will not take it before its time.
    assert pipeline.queue_waiting(Delivery.objects.all(), now=timezone.now() + timedelta(hours=2)) == 1
    assert Delivery.objects.get().attempts == 1
    Delivery.objects.update(send_after=timezone.now() - timedelta(seconds=1))
    pipeline.queue_waiting(Delivery.objects.all())  # 421 this time
    Delivery.objects.update(send_after=timezone.now() - timedelta(seconds=1))
    pipeline.queue_waiting(Delivery.objects.all())
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)
    assert [m.to for m in failing_backend.SENT] == [[world.member.email]]


@pytest.mark.django_db
def test_a_refused_address_fails_at_once_and_the_rest_of_the_batch_goes(
    world: SimpleNamespace, failing: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    failing[:] = [550]
    with django_capture_on_commit_callbacks(execute=True):
        send([world.lead.email, world.member.email])
    statuses = dict(Delivery.objects.values_list("recipient", "status"))
    assert statuses == {world.lead.email: DeliveryStatus.FAILED, world.member.email: DeliveryStatus.SENT}


@pytest.mark.django_db
def test_after_the_last_attempt_a_delivery_is_marked_failed(
    world: SimpleNamespace, failing: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    failing[:] = [451] * pipeline.MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        send([world.member.email])
    for _ in range(pipeline.MAX_ATTEMPTS - 1):
        Delivery.objects.update(send_after=timezone.now() - timedelta(seconds=1))
        pipeline.queue_waiting(Delivery.objects.all())
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, pipeline.MAX_ATTEMPTS)
    assert failing_backend.SENT == []


@pytest.mark.django_db
def test_a_delivery_claimed_by_a_worker_that_died_is_sent_by_the_same_task_run_again_but_not_by_another(
    world: SimpleNamespace, mailbox: Mailbox
) -> None:
    send([world.member.email])
    delivery = Delivery.objects.get()
    assert pipeline.claim(delivery.pk, "task:first", now=timezone.now())
    # Another task cannot take it while it is claimed...
    assert pipeline.deliver_batch([delivery.pk], claimant="task:second") == (0, None)
    # ...the run that claimed it, run again after its worker was killed, sends it.
    assert pipeline.deliver_batch([delivery.pk], claimant="task:first") == (1, None)
    mailbox.wait_for(world.member.email)
    assert len(mailbox.messages) == 1


@pytest.mark.django_db
def test_a_claim_left_behind_long_ago_is_queued_again(world: SimpleNamespace) -> None:
    send([world.member.email])
    delivery = Delivery.objects.get()
    long_ago = timezone.now() - pipeline.STALE_CLAIM - timedelta(minutes=1)
    pipeline.claim(delivery.pk, "task:gone", now=long_ago)
    assert pipeline.requeue_stale(now=timezone.now()) == 1
    assert Delivery.objects.get().status == DeliveryStatus.QUEUED


@pytest.mark.django_db
def test_a_delivery_that_stopped_its_worker_too_often_is_marked_failed_not_tried_for_ever(
    world: SimpleNamespace,
) -> None:
    send([world.member.email])
    long_ago = timezone.now() - pipeline.STALE_CLAIM - timedelta(minutes=1)
    Delivery.objects.update(
        status=DeliveryStatus.SENDING, claimed_by="task:x", claimed_at=long_ago, attempts=pipeline.MAX_ATTEMPTS
    )
    assert pipeline.requeue_stale() == 0
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_a_key_longer_than_the_column_is_refused_before_the_database() -> None:
    with pytest.raises(ValueError, match="at most 200"):
        send(["a@example.org"], key="k" * 201)


def test_every_registered_kind_of_mail_can_be_found_by_its_key() -> None:
    for kind in registry.mail_kinds():
        assert registry.mail_kind(kind.key) is kind
    keys = {kind.key for kind in registry.mail_kinds()}
    assert {kinds.DIGEST, "networks.invitation", "assessments.rater-reminder", "plans.action-reminder"} <= keys
