"""The daily summary and the command that keeps mail moving."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import Mailbox
from wayfinder.comms import pipeline, services
from wayfinder.comms.models import Delivery, DeliveryStatus, DigestIssue, DigestStatus, MailPreference
from wayfinder.comms.summaries import summaries_send

pytestmark = pytest.mark.django_db

REMINDER = "plans.action-reminder"


@pytest.fixture
def daily(world: SimpleNamespace) -> Iterator[Any]:
    MailPreference.objects.create(user=world.member, kind=REMINDER, frequency="daily")
    yield world.member


def remind(person: Any, n: int) -> None:
    pipeline.mail_send(
        kind=REMINDER, key=f"r:{n}", to=[person.email], subject=f"Wayfinder: action {n}", text=f"Do {n}."
    )


def test_held_mail_goes_in_one_summary_once(
    daily: Any, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        remind(daily, 1)
        remind(daily, 2)
    assert mailbox.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        assert summaries_send() == 1
        assert summaries_send() == 0  # nothing is in two summaries
    summary = mailbox.wait_for(daily.email, subject_contains="your daily summary (2 emails)")
    body = mailbox.body(summary)
    assert "action 1" in body and "Do 2." in body
    assert str(summary["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert set(Delivery.objects.filter(key__startswith="r:").values_list("status", flat=True)) == {
        DeliveryStatus.SUMMARISED
    }
    # Mail held after the first summary goes in the next one.
    with django_capture_on_commit_callbacks(execute=True):
        remind(daily, 3)
        assert summaries_send() == 1
    assert "Do 3." in mailbox.body(mailbox.wait_for(daily.email, subject_contains="(1 email)"))


def test_the_command_queues_retries_that_are_due_and_starts_scheduled_issues(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    pipeline.mail_send(kind=REMINDER, key="due", to=[world.member.email], subject="Wayfinder: due", text="Hi.")
    Delivery.objects.update(send_after=timezone.now() - timedelta(minutes=1))
    issue = services.digest_start(user=world.admin)
    services.digest_update(issue=issue, title="April", introduction="Hello.")
    services.digest_send(issue=issue, at=timezone.now() + timedelta(minutes=5))
    DigestIssue.objects.filter(pk=issue.pk).update(scheduled_for=timezone.now() - timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_queued_mail")
    mailbox.wait_for(world.member.email, subject_contains="due")
    assert DigestIssue.objects.get().status == DigestStatus.SENT
    assert mailbox.wait_for(world.lead.email, subject_contains="April")
    assert not Delivery.objects.filter(status=DeliveryStatus.QUEUED).exists()


def test_a_scheduled_issue_does_not_start_before_its_time(world: SimpleNamespace) -> None:
    issue = services.digest_start(user=world.admin)
    services.digest_update(issue=issue, title="May", introduction="Hello.")
    services.digest_send(issue=issue, at=timezone.now() + timedelta(days=1))
    call_command("send_queued_mail")
    assert DigestIssue.objects.get().status == DigestStatus.SCHEDULED
    assert not Delivery.objects.exists()
