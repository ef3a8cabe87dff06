"""Consent and re-consent: publishing versions of the privacy notice and the mailing consent, recording who agreed
to which and when, and re-consent campaigns (ask every subscriber to confirm by a date; on the date, unsubscribe
everyone who did not) with the confirmations counted per week for the site admin."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wayfinder.comms import registry
from wayfinder.comms.consent_models import ConsentHow, ConsentRecord, PolicyKind, PolicyVersion, ReconsentCampaign
from wayfinder.comms.models import MailPreference
from wayfinder.comms.pipeline import mail_send
from wayfinder.comms.rights_builtin import RECONSENT_MAIL
from wayfinder.core import permissions as core_permissions
from wayfinder.core.links import absolute_url

TOKEN_SALT = "wayfinder.comms.reconsent"  # noqa: S105 - a signing salt: it separates uses, it is not a secret
LINK_NOT_VALID = "This link does not work. Check you copied the whole link from the email."
SEND_BATCH = 500


def can_manage_consent(user: Any, _: Any = None) -> bool:
    return core_permissions.is_site_admin(user)


core_permissions.register("consent.manage", can_manage_consent, needs_object=False)


# Versions and records ----------------------------------------------------------------------------------------


def current_policy(kind: str) -> PolicyVersion | None:
    return PolicyVersion.objects.filter(kind=kind).order_by("-version").first()


def current_policies() -> dict[str, PolicyVersion | None]:
    return {kind: current_policy(kind) for kind in PolicyKind.values}


@transaction.atomic
def policy_publish(*, kind: str, text: str, changes: str = "", published_by: Any) -> PolicyVersion:
    """Publish the next version of the privacy notice or the mailing consent."""
    if kind not in PolicyKind.values:
        raise ValidationError({"kind": "Choose the privacy notice or the mailing consent"})
    text = text.strip()
    if len(text) < 20:
        raise ValidationError({"text": "Enter the words people will agree to (at least 20 characters)"})
    last = PolicyVersion.objects.select_for_update().filter(kind=kind).aggregate(n=Max("version"))["n"] or 0
    return PolicyVersion.objects.create(
        kind=kind, version=last + 1, text=text, changes=changes.strip(), published_by=published_by
    )


@transaction.atomic
def consent_give(
    *, user: Any, policy: PolicyVersion, how: str = ConsentHow.PAGE, campaign: ReconsentCampaign | None = None
) -> ConsentRecord:
    """Record that the person agreed to this version (again, if they had withdrawn). Safe to call twice."""
    record, created = ConsentRecord.objects.get_or_create(
        user=user, policy=policy, defaults={"how": how, "campaign": campaign}
    )
    if not created and record.withdrawn_at is not None:
        record.withdrawn_at = None
        record.agreed_at = timezone.now()
        record.how, record.campaign = how, campaign
        record.save(update_fields=["withdrawn_at", "agreed_at", "how", "campaign"])
    return record


@transaction.atomic
def mailing_consent_withdraw(*, user: Any) -> int:
    """Withdraw the mailing consent: the records say when, and every mail that can be turned off is."""
    withdrawn = ConsentRecord.objects.filter(
        user=user, policy__kind=PolicyKind.MAILING, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
    unsubscribe_everything([user.pk])
    return withdrawn


def consents_of(user: Any) -> list[ConsentRecord]:
    return list(ConsentRecord.objects.filter(user=user).select_related("policy").order_by("-agreed_at", "-pk"))


def has_agreed(user: Any, policy: PolicyVersion | None) -> bool:
    if policy is None or not user.is_authenticated:
        return False
    return ConsentRecord.objects.filter(user=user, policy=policy, withdrawn_at__isnull=True).exists()


# Subscribers and unsubscribing -------------------------------------------------------------------------------


def optional_kinds() -> list[str]:
    """Every registered kind of mail a person can turn off."""
    return [kind.key for kind in registry.mail_kinds() if not kind.is_service]


def subscribers() -> QuerySet[Any]:
    """Active people who would get at least one kind of mail they can turn off: everyone, less those who turned
    every such kind off."""
    keys = optional_kinds()
    people = get_user_model().objects.filter(is_active=True)
    if not keys:
        return people.none()
    all_off = (
        MailPreference.objects.filter(kind__in=keys, frequency=registry.Frequency.OFF)
        .values("user_id")
        .annotate(n=Count("pk"))
        .filter(n=len(keys))
        .values("user_id")
    )
    return people.exclude(pk__in=all_off)


def unsubscribe_everything(user_ids: Sequence[int]) -> None:
    """Turn off every kind of mail these people can turn off (service messages still reach them)."""
    keys = optional_kinds()
    now = timezone.now()
    for start in range(0, len(user_ids), SEND_BATCH):
        batch = user_ids[start : start + SEND_BATCH]
        MailPreference.objects.bulk_create(
            [
                MailPreference(user_id=user_id, kind=key, frequency=registry.Frequency.OFF, changed_at=now)
                for user_id in batch
                for key in keys
            ],
            update_conflicts=True,
            unique_fields=["user", "kind"],
            update_fields=["frequency", "changed_at"],
        )


# Re-consent campaigns ----------------------------------------------------------------------------------------


def open_campaign() -> ReconsentCampaign | None:
    return ReconsentCampaign.objects.filter(closed_at__isnull=True).select_related("policy").first()


@transaction.atomic
def campaign_start(*, deadline: date, message: str, started_by: Any, today: date | None = None) -> ReconsentCampaign:
    """Ask every subscriber to confirm the current mailing consent by `deadline`; the mails go in the background."""
    today = today or timezone.localdate()
    policy = current_policy(PolicyKind.MAILING)
    if policy is None:
        raise ValidationError("Publish a mailing consent first: people need something to confirm")
    if open_campaign() is not None:
        raise ValidationError("A request to confirm is already running. Wait until its date has passed.")
    if deadline < today + timedelta(days=7):
        raise ValidationError({"deadline": "Give people at least a week: choose a date 7 or more days from today"})
    campaign = ReconsentCampaign.objects.create(
        policy=policy, deadline=deadline, message=message.strip(), started_by=started_by
    )
    from wayfinder.comms.consent_tasks import send_campaign

    transaction.on_commit(lambda: send_campaign.enqueue(campaign_id=campaign.pk))
    return campaign


def campaign_token(user_id: int, campaign_id: int) -> str:
    return signing.dumps({"u": user_id, "c": campaign_id}, salt=TOKEN_SALT, compress=True)


def campaign_from_token(token: str) -> tuple[Any, ReconsentCampaign]:
    """The person and the campaign a confirmation link names; ValidationError for a link that was changed."""
    try:
        values = signing.loads(token, salt=TOKEN_SALT)
        user_id, campaign_id = int(values["u"]), int(values["c"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(LINK_NOT_VALID) from None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    campaign = ReconsentCampaign.objects.select_related("policy").filter(pk=campaign_id).first()
    if user is None or campaign is None:
        raise ValidationError(LINK_NOT_VALID)
    return user, campaign


@transaction.atomic
def campaign_confirm(*, token: str) -> ConsentRecord:
    user, campaign = campaign_from_token(token)
    if campaign.closed_at is not None:
        closed = f"{campaign.deadline:%-d %B %Y}"
        raise ValidationError(
            f"The date to confirm was {closed}. You can choose which mail you get on your email preferences page."
        )
    return consent_give(user=user, policy=campaign.policy, how=ConsentHow.CAMPAIGN, campaign=campaign)


def send_campaign_batches(campaign_id: int) -> int:
    """Queue the request to confirm to every subscriber, in batches; returns how many were asked. Run by a
    background task; each mail has its own key, so running it again asks nobody twice."""
    campaign = ReconsentCampaign.objects.select_related("policy").get(pk=campaign_id)
    asked = 0
    for batch in _batches(subscribers().order_by("pk").values_list("pk", "email", "full_name"), SEND_BATCH):
        for user_id, email, full_name in batch:
            _send_request(campaign, user_id=user_id, email=email, full_name=full_name)
        asked += len(batch)
    ReconsentCampaign.objects.filter(pk=campaign.pk).update(asked=asked)
    return asked


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _send_request(campaign: ReconsentCampaign, *, user_id: int, email: str, full_name: str) -> None:
    """One person's request to confirm, through the mail pipeline: a campaign mail (they can turn these off), keyed
    by the campaign, so running the batches again asks nobody twice."""
    link = absolute_url(reverse("consent:confirm", kwargs={"token": campaign_token(user_id, campaign.pk)}))
    text = render_to_string(
        "comms/consent/email/reconsent.txt", {"campaign": campaign, "full_name": full_name, "link": link}
    ).strip()
    subject, _, body = text.partition("\n")
    mail_send(
        kind=RECONSENT_MAIL,
        key=f"comms.reconsent:{campaign.pk}",
        to=[email],
        subject=f"Wayfinder: {subject.strip()}",
        text=body.strip() + "\n",
    )


@transaction.atomic
def campaigns_close_due(*, today: date | None = None) -> list[ReconsentCampaign]:
    """On a campaign's date, unsubscribe every subscriber who has not confirmed. Safe to run again: a closed
    campaign is left alone. Run daily (`manage.py close_reconsent_campaigns`)."""
    today = today or timezone.localdate()
    closed = []
    due = ReconsentCampaign.objects.select_for_update().filter(closed_at__isnull=True, deadline__lte=today)
    for campaign in due:
        confirmed = ConsentRecord.objects.filter(
            policy=campaign.policy, withdrawn_at__isnull=True, agreed_at__gte=campaign.started_at
        ).values("user_id")
        not_confirmed = list(subscribers().exclude(pk__in=confirmed).values_list("pk", flat=True))
        unsubscribe_everything(not_confirmed)
        campaign.closed_at = timezone.now()
        campaign.unsubscribed = len(not_confirmed)
        campaign.save(update_fields=["closed_at", "unsubscribed"])
        closed.append(campaign)
    return closed


# Counting confirmations per week -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    starts_on: date
    confirmed: int


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def per_week(started_on: date, last_day: date, counts_by_day: dict[date, int]) -> list[Week]:
    """Confirmations counted in weeks from Monday, from the week the campaign started to the week of `last_day`,
    with the weeks nobody confirmed in shown as 0. Pure: plain dates in, plain weeks out."""
    weeks: dict[date, int] = {}
    monday = week_start(started_on)
    while monday <= last_day:
        weeks[monday] = 0
        monday += timedelta(days=7)
    for day, n in counts_by_day.items():
        key = week_start(day)
        if key in weeks:
            weeks[key] += n
    return [Week(starts_on=start, confirmed=n) for start, n in weeks.items()]


def confirmations_per_week(campaign: ReconsentCampaign, *, today: date | None = None) -> list[Week]:
    """One query: the confirmations of the campaign by day, then gathered into weeks."""
    today = today or timezone.localdate()
    by_day = (
        ConsentRecord.objects.filter(policy=campaign.policy, agreed_at__gte=campaign.started_at)
        .annotate(day=TruncDate("agreed_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    last_day = min(today, campaign.deadline)
    return per_week(timezone.localdate(campaign.started_at), last_day, dict(by_day))


# Agreeing when the account is made ----------------------------------------------------------------------------


def _agree_on_signup(kind: str) -> Callable[[Any, bool], None]:
    def record(user: Any, agreed: bool) -> None:
        policy = current_policy(kind)
        if policy is None:
            return
        if agreed:
            consent_give(user=user, policy=policy, how=ConsentHow.SIGNUP)
        elif kind == PolicyKind.MAILING:
            # Not agreeing to mail is what withdrawing would do: only service messages reach them until they agree.
            unsubscribe_everything([user.pk])

    return record


def register_signup_agreements() -> None:
    """Sign-up asks a new person to agree to the current privacy notice (they cannot make an account without) and
    offers the mailing consent, once each has been published; what they agreed to is recorded with the account."""
    from wayfinder.accounts import signup

    signup.register(
        signup.Agreement(
            key="privacy",
            label="I have read the privacy notice and agree to it",
            required=True,
            required_message="Confirm you have read the privacy notice and agree to it",
            available=lambda: current_policy(PolicyKind.PRIVACY) is not None,
            record=_agree_on_signup(PolicyKind.PRIVACY),
            link=lambda: ("Read the privacy notice", reverse("consent:privacy")),
        )
    )
    signup.register(
        signup.Agreement(
            key="mailing",
            label="Email me the monthly digest and the notifications I choose",
            required=False,
            required_message="",
            available=lambda: current_policy(PolicyKind.MAILING) is not None,
            record=_agree_on_signup(PolicyKind.MAILING),
        )
    )
