"""Every write a person can cause in a round: opening it, inviting raters, rating, submitting, closing.

Each function is atomic and raises ValidationError with a message a person understands; views and the API
check permission (wayfinder.assessments.permissions) before calling these.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from wayfinder.accounts.models import User
from wayfinder.assessments import mail
from wayfinder.assessments.models import Confidence, Perspective, Purpose, Rater, Rating, Round
from wayfinder.comms.pipeline import mail_send
from wayfinder.core.changes import changed
from wayfinder.core.links import absolute_url
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.networks.models import Membership, Network

# The longest a round may run: a year and a bit covers an annual review with time to spare.
LONGEST_ROUND_DAYS = 400


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _mail(*, kind: str, key: str, to: str, template: str, context: dict[str, object]) -> None:
    """Send an email through comms, queued once the transaction commits, so a write that is rolled back sends
    nothing. The first line of the rendered template is its subject."""
    text = render_to_string(f"assessments/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    mail_send(kind=kind, key=key, to=[to], subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n")


def rating_link(*, rater: Rater, token: str | None) -> str:
    """Where a rater goes to rate: members sign in; external raters use their own secret link."""
    if token is not None and rater.user_id is None:
        return absolute_url(f"/rate/{token}/")
    return absolute_url(f"/rounds/{rater.round_id}/rate/")


def rater_people(round_: Round) -> list[int]:
    """The people invited to rate the round who have an account: a change to the round itself (its dates, closing
    it) reaches each of their home pages."""
    return list(round_.raters.filter(user_id__isnull=False).values_list("user_id", flat=True))


def round_is_open(round_: Round, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return round_.closed_early_at is None and round_.opens_on <= today <= round_.closes_on


def _check_open(round_: Round) -> None:
    today = timezone.localdate()
    if round_.closed_early_at is not None:
        raise ValidationError("This round has been closed. Ratings can no longer be changed.")
    if today < round_.opens_on:
        raise ValidationError(f"This round opens on {_day(round_.opens_on)}. You can rate from then.")
    if today > round_.closes_on:
        raise ValidationError(f"This round closed on {_day(round_.closes_on)}. Ratings can no longer be changed.")


def reminder_due(*, closes_on: date, reminder_days_before: int, today: date) -> bool:
    """Whether a round closing on `closes_on` is inside its reminder window today (and has not closed)."""
    return closes_on - timedelta(days=reminder_days_before) <= today <= closes_on


def _check_dates(*, opens_on: date, closes_on: date) -> None:
    errors: dict[str, str] = {}
    if closes_on < opens_on:
        errors["closes_on"] = "The closing date must be the same as or after the opening date"
    elif (closes_on - opens_on).days > LONGEST_ROUND_DAYS:
        errors["closes_on"] = "A round can run for at most 400 days"
    if closes_on < timezone.localdate():
        errors["closes_on"] = "The closing date must be today or in the future"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_open(
    *,
    network: Network,
    version: FrameworkVersion,
    purpose: str,
    opens_on: date,
    closes_on: date,
    user: User,
    title: str = "",
    message: str = "",
    reminder_days_before: int = 3,
) -> Round:
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError({"version": "Choose a published framework version"})
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": "Choose what the round is for"})
    if not 0 <= reminder_days_before <= 60:
        raise ValidationError({"reminder_days_before": "Enter a number of days from 0 to 60"})
    _check_dates(opens_on=opens_on, closes_on=closes_on)
    round_ = Round.objects.create(
        network=network,
        version=version,
        purpose=purpose,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=user,
        title=title.strip()[:200],
        message=message.strip(),
        reminder_days_before=reminder_days_before,
    )
    changed(rounds=[round_.pk])
    return round_


@transaction.atomic
def rater_invite(
    *,
    round_: Round,
    email: str,
    perspective: str,
    invited_by: User,
    name: str = "",
    user: User | None = None,
) -> tuple[Rater, str]:
    """Invite one person to rate and email them their link. Returns the rater and the raw token (only its
    hash is kept)."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": "Enter an email address in the correct format, like name@example.org"}
        ) from None
    if perspective not in Perspective.values:
        raise ValidationError({"perspective": "Choose a perspective"})
    if round_.closed_early_at is not None or round_.closes_on < timezone.localdate():
        raise ValidationError("This round has closed, so nobody else can be invited to it.")
    if Rater.objects.filter(round=round_, email__iexact=email).exists():
        raise ValidationError({"email": f"{email} has already been invited to this round"})
    if user is None and perspective != Perspective.EXTERNAL:
        user = User.objects.filter(email__iexact=email).first()
    if (
        user is not None
        and perspective != Perspective.EXTERNAL
        and not Membership.objects.filter(network_id=round_.network_id, user=user).exists()
    ):
        raise ValidationError({"email": "Only members of the network can rate as a member or steering group"})
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            rater = Rater.objects.create(
                round=round_,
                user=user if perspective != Perspective.EXTERNAL else None,
                email=email,
                name=(name.strip() or (user.get_full_name() if user else ""))[:150],
                perspective=perspective,
                token_hash=_hash(token),
                invited_at=timezone.now(),
            )
    except IntegrityError:
        # Someone else invited the same address a moment ago.
        raise ValidationError({"email": f"{email} has already been invited to this round"}) from None
    # The number invited shows on the results and on the inviter's and the rater's home pages.
    changed(rounds=[round_.pk], people=[rater.user_id])
    _mail(
        kind=mail.RATER_INVITATION,
        key=f"{mail.RATER_INVITATION}:{rater.pk}",
        to=email,
        template="rater_invitation",
        context={
            "round": round_,
            "network": round_.network,
            "framework": round_.version.framework,
            "inviter": invited_by,
            "closes_on": _day(round_.closes_on),
            "link": rating_link(rater=rater, token=token),
            "external": rater.is_external,
        },
    )
    return rater, token


@transaction.atomic
def raters_invite(*, round_: Round, users: Sequence[User], perspective: str, invited_by: User) -> list[Rater]:
    """Invite several members at once: all of them or, if one cannot be invited, none (and no email)."""
    if not users:
        raise ValidationError({"members": "Choose at least one member"})
    return [
        rater_invite(round_=round_, email=user.email, perspective=perspective, invited_by=invited_by, user=user)[0]
        for user in users
    ]


def rater_for_user(*, round_: Round, user: User) -> Rater | None:
    if not user.is_authenticated:
        return None
    return Rater.objects.filter(round=round_, user=user).first()


def rater_from_token(*, token: str) -> Rater | None:
    """The rater an emailed link belongs to. Only hashes are stored, so the lookup compares hashes."""
    if not token or len(token) > 100:
        return None
    return (
        Rater.objects.select_related("round__network", "round__version__framework")
        .filter(token_hash=_hash(token))
        .first()
    )


@transaction.atomic
def rating_save(*, rater: Rater, dimension_id: int, level_id: int, evidence: str = "", confidence: str = "") -> Rating:
    round_ = rater.round
    _check_open(round_)
    if not round_.version.dimensions.filter(pk=dimension_id).exists():
        raise ValidationError("That question is not part of this round's framework.")
    if not round_.version.levels.filter(pk=level_id).exists():
        raise ValidationError({"level": "Choose one of the levels shown"})
    if confidence and confidence not in Confidence.values:
        raise ValidationError({"confidence": "Choose how sure you are from the list"})
    if len(evidence) > 5000:
        raise ValidationError({"evidence": "Evidence must be 5,000 characters or fewer"})
    evidence = evidence.strip()
    existing = Rating.objects.select_for_update().filter(rater=rater, dimension_id=dimension_id).first()
    if existing is not None:
        if (existing.level_id, existing.evidence, existing.confidence) == (level_id, evidence, confidence):
            # Saving the same answer again is not a change: it must not reopen a submission.
            return existing
        existing.level_id, existing.evidence, existing.confidence = level_id, evidence, confidence
        existing.save(update_fields=["level", "evidence", "confidence", "updated_at"])
        changed(rounds=[round_.pk], people=[rater.user_id])
        return existing
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                rater=rater, dimension_id=dimension_id, level_id=level_id, evidence=evidence, confidence=confidence
            )
    except IntegrityError:
        # The same rater saved this dimension from another tab a moment ago: the later answer wins.
        rating = Rating.objects.select_for_update().get(rater=rater, dimension_id=dimension_id)
        rating.level_id, rating.evidence, rating.confidence = level_id, evidence, confidence
        rating.save(update_fields=["level", "evidence", "confidence", "updated_at"])
    changed(rounds=[round_.pk], people=[rater.user_id])
    return rating


@transaction.atomic
def rating_submit(*, rater: Rater) -> Rater:
    rater = Rater.objects.select_for_update().select_related("round__version").get(pk=rater.pk)
    _check_open(rater.round)
    total = rater.round.version.dimensions.count()
    rated = rater.ratings.count()
    if rated < total:
        missing = total - rated
        raise ValidationError(
            f"Answer every question before you submit: {missing} {'is' if missing == 1 else 'are'} not answered yet."
        )
    if rater.submitted_at is not None:
        last_change = rater.ratings.aggregate(last=Max("updated_at"))["last"]
        if last_change is None or last_change <= rater.submitted_at:
            raise ValidationError("You have already submitted these ratings.")
    rater.submitted_at = timezone.now()
    rater.save(update_fields=["submitted_at", "updated_at"])
    changed(rounds=[rater.round_id], people=[rater.user_id])
    return rater


def rater_has_unsent_changes(rater: Rater) -> bool:
    if rater.submitted_at is None:
        return False
    last_change = rater.ratings.aggregate(last=Max("updated_at"))["last"]
    return last_change is not None and last_change > rater.submitted_at


@transaction.atomic
def round_close_early(*, round_: Round, user: User) -> Round:
    if round_.closed_early_at is not None:
        raise ValidationError("This round is already closed.")
    if round_.closes_on < timezone.localdate():
        raise ValidationError(f"This round already closed on {_day(round_.closes_on)}.")
    round_.closed_early_at = timezone.now()
    round_.save(update_fields=["closed_early_at", "updated_at"])
    changed(rounds=[round_.pk], people=rater_people(round_))
    return round_


@transaction.atomic
def round_change_close_date(*, round_: Round, closes_on: date, user: User) -> Round:
    if round_.closed_early_at is not None:
        raise ValidationError("This round has been closed, so its dates cannot change.")
    _check_dates(opens_on=round_.opens_on, closes_on=closes_on)
    round_.closes_on = closes_on
    round_.save(update_fields=["closes_on", "updated_at"])
    changed(rounds=[round_.pk], people=rater_people(round_))
    return round_


def rater_remind(*, rater_id: int) -> bool:
    """Send one reminder to a rater who has not submitted. Safe to run twice: it sends at most once."""
    with transaction.atomic():
        rater = (
            Rater.objects.select_for_update()
            .select_related("round__network", "round__version__framework")
            .filter(pk=rater_id, submitted_at__isnull=True, reminded_at__isnull=True)
            .first()
        )
        if rater is None or not round_is_open(rater.round):
            return False
        token = None
        if rater.user_id is None:
            # A fresh link replaces the old one: the first was only ever sent by email, never kept.
            token = secrets.token_urlsafe(32)
            rater.token_hash = _hash(token)
        rater.reminded_at = timezone.now()
        rater.save(update_fields=["reminded_at", "token_hash", "updated_at"])
        _mail(
            kind=mail.RATER_REMINDER,
            key=f"{mail.RATER_REMINDER}:{rater.pk}",
            to=rater.email,
            template="rater_reminder",
            context={
                "round": rater.round,
                "network": rater.round.network,
                "framework": rater.round.version.framework,
                "closes_on": _day(rater.round.closes_on),
                "link": rating_link(rater=rater, token=token),
                "external": token is not None,
            },
        )
    return True


def raters_due_a_reminder(today: date | None = None) -> list[int]:
    """Raters who have not finished, in open rounds that close within their reminder window."""
    today = today or timezone.localdate()
    candidates = Rater.objects.filter(
        submitted_at__isnull=True,
        reminded_at__isnull=True,
        round__closed_early_at__isnull=True,
        round__opens_on__lte=today,
        round__closes_on__gte=today,
    ).values_list("pk", "round__closes_on", "round__reminder_days_before")
    return [
        pk
        for pk, closes_on, days in candidates
        if reminder_due(closes_on=closes_on, reminder_days_before=days, today=today)
    ]
