"""Consent: versioned privacy notice and mailing consent, who agreed to what and when, and re-consent campaigns
(ask, confirm from the mail's link without signing in, unsubscribe the rest on the date, count per week)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.signing_in import sign_in
from wayfinder.accounts.models import User
from wayfinder.comms import consent, kinds, registry
from wayfinder.comms.consent import Week, per_week
from wayfinder.comms.consent_models import ConsentHow, ConsentRecord, PolicyKind, ReconsentCampaign
from wayfinder.comms.data_rights_models import DataRequest
from wayfinder.comms.models import MailPreference

pytestmark = pytest.mark.django_db

MAILING_TEXT = "We will email you the monthly digest and the notifications you choose. You can stop them at any time."


def test_weeks_start_on_monday_and_empty_weeks_count_zero() -> None:
    # A campaign started on Wednesday 6 May 2026 and looked at on Tuesday 26 May.
    counts = {date(2026, 5, 6): 3, date(2026, 5, 10): 1, date(2026, 5, 25): 4, date(2026, 6, 30): 9}
    assert per_week(date(2026, 5, 6), date(2026, 5, 26), counts) == [
        Week(date(2026, 5, 4), 4),
        Week(date(2026, 5, 11), 0),
        Week(date(2026, 5, 18), 0),
        Week(date(2026, 5, 25), 4),
    ]


def test_a_campaign_that_started_today_has_one_week() -> None:
    assert per_week(date(2026, 5, 4), date(2026, 5, 4), {}) == [Week(date(2026, 5, 4), 0)]


def test_versions_are_numbered_per_kind(world: SimpleNamespace) -> None:
    first = consent.policy_publish(kind=PolicyKind.MAILING, text=MAILING_TEXT, published_by=world.admin)
    privacy = consent.policy_publish(kind=PolicyKind.PRIVACY, text="We keep your name " * 3, published_by=None)
    second = consent.policy_publish(kind=PolicyKind.MAILING, text=MAILING_TEXT + " Now weekly.", published_by=None)
    assert (first.version, privacy.version, second.version) == (1, 1, 2)
    assert consent.current_policy(PolicyKind.MAILING) == second
    with pytest.raises(ValidationError):
        consent.policy_publish(kind=PolicyKind.MAILING, text="Too short", published_by=None)


def test_a_person_sees_what_they_agreed_to_and_when(world: SimpleNamespace, client: Client) -> None:
    policy = consent.policy_publish(kind=PolicyKind.MAILING, text=MAILING_TEXT, published_by=None)
    sign_in(client, world.member)
    assert "I agree to the mailing consent" in client.get("/accounts/consent/").content.decode()
    client.post("/accounts/consent/agree/mailing/")
    record = ConsentRecord.objects.get(user=world.member)
    assert record.policy == policy and record.how == ConsentHow.PAGE
    page = client.get("/accounts/consent/").content.decode()
    assert "You have agreed to this version." in page
    assert f"{record.agreed_at:%-d %B %Y}" in page and "On their consent page" in page

    client.post("/accounts/consent/withdraw/")
    record.refresh_from_db()
    assert record.withdrawn_at is not None
    assert MailPreference.objects.get(user=world.member, kind=kinds.DIGEST).frequency == registry.Frequency.OFF


@pytest.fixture
def campaign(world: SimpleNamespace, django_capture_on_commit_callbacks: Any) -> ReconsentCampaign:
    consent.policy_publish(kind=PolicyKind.MAILING, text=MAILING_TEXT, published_by=world.admin)
    # The outsider turned every mail off already: they are not a subscriber and are not asked.
    for key in consent.optional_kinds():
        MailPreference.objects.create(user=world.outsider, kind=key, frequency=registry.Frequency.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        started = consent.campaign_start(
            deadline=timezone.localdate() + timedelta(days=14), message="The law has changed.", started_by=world.admin
        )
    started.refresh_from_db()
    return started


def link_for(email: str) -> str:
    message = next(m for m in mail.outbox if m.to == [email])
    assert "The law has changed." in message.body
    found = re.search(r"https?://\S+(/accounts/consent/confirm/\S+/)", str(message.body))
    assert found is not None
    return found.group(1)


def test_every_subscriber_is_asked_once(world: SimpleNamespace, campaign: ReconsentCampaign) -> None:
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert "outsider@example.org" not in recipients
    assert "member@example.org" in recipients and len(recipients) == len(set(recipients)) == campaign.asked == 7


def test_confirming_from_the_link_needs_no_sign_in_and_a_get_changes_nothing(
    world: SimpleNamespace, campaign: ReconsentCampaign, client: Client
) -> None:
    link = link_for("member@example.org")
    page = client.get(link)
    assert page.status_code == 200 and "Yes, keep sending me emails" in page.content.decode()
    assert not ConsentRecord.objects.exists(), "mail scanners follow links: a GET records nothing"
    assert "Thank you for confirming" in client.post(link).content.decode()
    record = ConsentRecord.objects.get()
    assert (record.user, record.campaign, record.how) == (world.member, campaign, ConsentHow.CAMPAIGN)
    client.post(link)
    assert ConsentRecord.objects.count() == 1


def test_a_changed_link_is_refused(world: SimpleNamespace, campaign: ReconsentCampaign, client: Client) -> None:
    link = link_for("member@example.org")
    forged = link.replace("/confirm/", "/confirm/x")
    response = client.post(forged)
    assert response.status_code == 400 and "This link does not work" in response.content.decode()
    other = consent.campaign_token(world.lead.pk, campaign.pk)
    assert link != f"/accounts/consent/confirm/{other}/", "each person's link is their own"
    assert not ConsentRecord.objects.exists()


def test_on_the_date_everyone_who_did_not_confirm_is_unsubscribed(
    world: SimpleNamespace, campaign: ReconsentCampaign, client: Client
) -> None:
    client.post(link_for("member@example.org"))
    assert consent.campaigns_close_due(today=campaign.deadline - timedelta(days=1)) == []
    out = StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *args: campaign.deadline)
        call_command("close_reconsent_campaigns", stdout=out)
    assert "6 unsubscribed" in out.getvalue()
    off = set(
        MailPreference.objects.filter(kind=kinds.DIGEST, frequency=registry.Frequency.OFF).values_list(
            "user__email", flat=True
        )
    )
    assert "member@example.org" not in off
    assert {"lead@example.org", "national@example.org", "outsider@example.org"} <= off
    campaign.refresh_from_db()
    assert campaign.closed_at is not None and campaign.unsubscribed == 6
    assert consent.campaigns_close_due(today=campaign.deadline) == [], "closed once"
    late = client.post(link_for("lead@example.org"))
    assert late.status_code == 400 and not ConsentRecord.objects.filter(user=world.lead).exists()


def test_the_admin_sees_confirmations_per_week(world: SimpleNamespace, campaign: ReconsentCampaign) -> None:
    monday = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    ReconsentCampaign.objects.filter(pk=campaign.pk).update(started_at=monday, deadline=date(2026, 5, 25))
    campaign.refresh_from_db()
    for who, days in [("member", 0), ("lead", 2), ("national", 8)]:
        record = consent.consent_give(user=getattr(world, who), policy=campaign.policy, campaign=campaign)
        ConsentRecord.objects.filter(pk=record.pk).update(agreed_at=monday + timedelta(days=days))
    weeks = consent.confirmations_per_week(campaign, today=date(2026, 5, 20))
    assert weeks == [Week(date(2026, 5, 4), 2), Week(date(2026, 5, 11), 1), Week(date(2026, 5, 18), 0)]


def test_starting_a_campaign_says_what_is_wrong(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.admin)
    soon = (timezone.localdate() + timedelta(days=3)).isoformat()
    page = client.post("/accounts/consent/manage/", {"campaign": "1", "campaign-deadline": soon}).content.decode()
    assert "Publish a mailing consent first" in page
    consent.policy_publish(kind=PolicyKind.MAILING, text=MAILING_TEXT, published_by=None)
    page = client.post("/accounts/consent/manage/", {"campaign": "1", "campaign-deadline": soon}).content.decode()
    assert "Give people at least a week" in page
    assert not ReconsentCampaign.objects.exists()


def test_a_site_admin_publishes_and_starts_a_campaign_from_the_page(
    world: SimpleNamespace, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, world.admin)
    response = client.post(
        "/accounts/consent/manage/",
        {"publish": "1", "publish-kind": "mailing", "publish-text": MAILING_TEXT, "publish-changes": "First one"},
    )
    assert response.status_code == 302
    deadline = timezone.localdate() + timedelta(days=21)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/consent/manage/", {"campaign": "1", "campaign-deadline": deadline.isoformat()}
        )
    assert response.status_code == 302
    page = client.get("/accounts/consent/manage/").content.decode()
    assert f"is running until {deadline:%-d %B %Y}" in page and "Week starting" in page
    assert "8 asked" in page


@pytest.mark.parametrize(("who", "status"), [("member", 404), ("national", 404), ("admin", 200)])
def test_only_site_admins_manage_consent(world: SimpleNamespace, client: Client, who: str, status: int) -> None:
    sign_in(client, getattr(world, who))
    assert client.get("/accounts/consent/manage/").status_code == status


def test_the_privacy_notice_is_public(client: Client) -> None:
    consent.policy_publish(
        kind=PolicyKind.PRIVACY, text="We keep your name and role.\n\nWe never sell it.", published_by=None
    )
    page = client.get("/accounts/consent/privacy/").content.decode()
    assert "<p>We never sell it.</p>" in page and "Version 1" in page


def test_the_demo_has_consents_and_a_data_request() -> None:
    call_command("seed_demo", stdout=StringIO())
    people = User.objects.filter(email__endswith="@wayfinder.test").count()
    assert ConsentRecord.objects.filter(policy__kind=PolicyKind.PRIVACY).count() == people
    assert ConsentRecord.objects.filter(policy__kind=PolicyKind.MAILING).count() == people
    assert DataRequest.objects.filter(person="member@wayfinder.test").exists()
    call_command("seed_demo", stdout=StringIO())
    assert ConsentRecord.objects.count() == 2 * people, "running it again adds nothing"


def test_asking_costs_the_same_queries_for_more_subscribers(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f
    from wayfinder.comms.models import Delivery

    policy = consent.policy_publish(kind=PolicyKind.MAILING, text=MAILING_TEXT, published_by=world.admin)
    # Sending is the pipeline's work, counted by its own tests; here only making the deliveries is counted.
    queued: list[int] = []
    monkeypatch.setattr(consent, "queue_waiting", lambda deliveries: queued.append(deliveries.count()))

    def asking(extra: int) -> int:
        f.UserFactory.create_batch(extra)
        campaign = ReconsentCampaign.objects.create(policy=policy, deadline=timezone.localdate() + timedelta(days=10))
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=False):
            asked = consent.send_campaign_batches(campaign.pk)
        assert asked == Delivery.objects.filter(key=consent.campaign_key(campaign.pk)).count()
        ReconsentCampaign.objects.filter(pk=campaign.pk).update(closed_at=timezone.now())
        return len(queries)

    assert asking(2) == asking(40)
    assert queued[1] == queued[0] + 40
