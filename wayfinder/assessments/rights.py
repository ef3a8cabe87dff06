"""What assessments holds about a person, for "download my data", and what "delete my account" takes away: the
rater's name, address and written evidence go; their ratings stay in the round, anonymous, so every result and
dashboard is unchanged."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from wayfinder.assessments.models import LiveAnswer, Rater, Rating
from wayfinder.comms.registry import DataFile
from wayfinder.core.changes import changed

ERASED_DOMAIN = "erased.invalid"


def _raters_of(user: Any) -> QuerySet[Rater]:
    # An invitation sent to the person's address before they had an account is theirs too.
    return Rater.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def export(user: Any) -> list[DataFile]:
    raters = _raters_of(user).select_related("round__network").order_by("round__opens_on", "pk")
    ratings = (
        Rating.objects.filter(rater__in=_raters_of(user))
        .select_related("rater__round__network", "dimension", "level")
        .order_by("rater__round__opens_on", "rater_id", "dimension__position")
    )
    answers = (
        LiveAnswer.objects.filter(participant__user=user)
        .select_related("participant__session__round__network", "dimension", "level")
        .order_by("created_at")
    )
    return [
        DataFile(
            name="assessments/rater-invitations.csv",
            header=[
                "Network",
                "Round",
                "Opens on",
                "Closes on",
                "Perspective",
                "Name given",
                "Email",
                "Invited",
                "Submitted",
            ],
            rows=[
                [
                    rater.round.network.name,
                    str(rater.round),
                    rater.round.opens_on,
                    rater.round.closes_on,
                    rater.get_perspective_display(),
                    rater.name,
                    rater.email,
                    rater.invited_at,
                    rater.submitted_at,
                ]
                for rater in raters
            ],
        ),
        DataFile(
            name="assessments/ratings.csv",
            header=["Network", "Round", "Dimension", "Level", "Level name", "How sure", "Evidence", "Last changed"],
            rows=[
                [
                    rating.rater.round.network.name,
                    str(rating.rater.round),
                    rating.dimension.name,
                    rating.level.position,
                    rating.level.name,
                    rating.get_confidence_display(),
                    rating.evidence,
                    rating.updated_at,
                ]
                for rating in ratings
            ],
        ),
        DataFile(
            name="assessments/live-session-answers.csv",
            header=["Network", "Round", "Dimension", "Level", "Answered"],
            rows=[
                [
                    answer.participant.session.round.network.name,
                    str(answer.participant.session.round),
                    answer.dimension.name,
                    answer.level.position,
                    answer.created_at,
                ]
                for answer in answers
            ],
        ),
    ]


def erase(user: Any) -> None:
    """Each of the person's rater rows keeps its perspective and its ratings (the round's results are made from
    those) but loses the name, the address and the link to the account; the evidence they wrote goes."""
    raters = list(_raters_of(user).only("pk", "round_id"))
    for rater in raters:
        rater.user = None
        rater.name = ""
        # Unique within a round, so each gets its own made-up address on a domain that can never receive mail.
        rater.email = f"erased-rater-{rater.pk}@{ERASED_DOMAIN}"
    Rater.objects.bulk_update(raters, ["user", "name", "email"])
    Rating.objects.filter(rater__in=[rater.pk for rater in raters]).update(evidence="")
    # Nothing a summary counts has changed, but whatever is drawn from these rounds is drawn again from what is
    # left, so no copy made before anywhere keeps the person's words.
    changed(rounds=[rater.round_id for rater in raters])
