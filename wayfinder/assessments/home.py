"""What rounds add to the home page's to-do list: rounds waiting for the person's rating, and rounds their network
runs that need them (nobody invited yet, closing soon, everyone has rated). One query each."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from wayfinder.assessments import permissions
from wayfinder.assessments.models import Rater, Rating, Round
from wayfinder.assessments.queries import open_on, round_label
from wayfinder.core.home import SOON_DAYS, ToDo, Viewer
from wayfinder.frameworks.models import Dimension, FrameworkKind

# What counts as a network having assessed recently (see `assessed_since`).
RECENT_DAYS = 365


# When a network last assessed. Which rounds are open and which have closed is `queries.open_on` and
# `queries.closed_by`, the rules every page uses. A round open now counts too, so nobody is asked to start one.


def assessed_since(today: date, days: int = RECENT_DAYS) -> Q:
    """Rounds that show a network has assessed in the last `days` days: a round that closed in that time (on its
    closing date, or early), or one open now."""
    cutoff = today - timedelta(days=days)
    return Q(opens_on__lte=today) & (
        Q(closed_early_at__isnull=True, closes_on__gte=cutoff) | Q(closed_early_at__date__gte=cutoff)
    )


# Rounds waiting for the person's rating ------------------------------------------------------------------------


def _count(queryset: QuerySet[Any]) -> Coalesce:
    return Coalesce(Subquery(queryset, output_field=IntegerField()), 0)


def rounds_to_rate(viewer: Viewer) -> list[ToDo]:
    """Each open round the person was invited to rate in with their account and has not submitted (or has changed
    since submitting), with a link straight to the first question they have not answered."""
    ratings = Rating.objects.filter(rater_id=OuterRef("pk"))
    unanswered = (
        Dimension.objects.filter(version_id=OuterRef("round__version_id"))
        .filter(~Exists(Rating.objects.filter(rater_id=OuterRef(OuterRef("pk")), dimension_id=OuterRef("pk"))))
        .order_by("position")
        .values("pk")[:1]
    )
    raters = (
        Rater.objects.filter(open_on(viewer.today, "round__"), user_id=viewer.user.pk)
        .filter(Q(submitted_at__isnull=True) | Exists(ratings.filter(updated_at__gt=OuterRef("submitted_at"))))
        .select_related("round__network", "round__version__framework")
        .annotate(
            questions=_count(
                Dimension.objects.filter(version_id=OuterRef("round__version_id"))
                .values("version_id")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            answered=_count(ratings.values("rater_id").annotate(n=Count("pk")).values("n")),
            next_question=Subquery(unanswered),
        )
        .order_by("round__closes_on", "pk")
    )
    return [_rating_to_do(rater) for rater in raters]


def _questions(n: int) -> str:
    return f"{n} {'question' if n == 1 else 'questions'}"


def _rating_to_do(rater: Rater) -> ToDo:
    round_ = rater.round
    survey = round_.version.framework.kind == FrameworkKind.SURVEY
    total, answered, next_question = rater.questions, rater.answered, rater.next_question  # type: ignore[attr-defined]
    if next_question is not None:
        action = "Answer now" if survey else "Rate now"
        href = reverse("assessments:rate-question", kwargs={"round_id": round_.pk, "dimension_id": next_question})
        detail = (
            f"{answered} of {_questions(total)} answered"
            if answered
            else f"{_questions(total)}. Only you see your own answers"
        )
    elif total == 0:
        action, href, detail = "Open the round", reverse("assessments:rate-start", kwargs={"round_id": round_.pk}), ""
    else:
        action = "Check and submit"
        href = reverse("assessments:rate-check", kwargs={"round_id": round_.pk})
        detail = (
            "You changed answers after you submitted"
            if rater.submitted_at
            else f"All {_questions(total)} answered, not submitted yet"
        )
    return ToDo(
        title=_round_title(round_),
        action=action,
        href=href,
        detail=detail,
        due_on=round_.closes_on,
        due_label="Closes",
        rank=20,
    )


def _round_title(round_: Round) -> str:
    label = round_label(title=round_.title, purpose=round_.purpose, opens_on=round_.opens_on)
    return f"{round_.network.name}: {label}"


# Rounds the person runs --------------------------------------------------------------------------------------


def rounds_to_run(viewer: Viewer) -> list[ToDo]:
    """Rounds of the networks the person leads or facilitates that need them: nobody invited yet, everyone has
    submitted (so the round can close early), or closing within a week with ratings still to come."""
    network_ids = viewer.network_ids(*permissions.ROUND_RUNNERS)
    if not network_ids:
        return []
    today = viewer.today
    rounds = (
        Round.objects.filter(network_id__in=network_ids, closed_early_at__isnull=True, closes_on__gte=today)
        .select_related("network")
        .annotate(
            invited=Count("raters"),
            submitted=Count("raters", filter=Q(raters__submitted_at__isnull=False)),
        )
        .order_by("closes_on", "pk")
    )
    return [to_do for round_ in rounds if (to_do := _running_to_do(round_, today)) is not None]


def _running_to_do(round_: Round, today: date) -> ToDo | None:
    invited, submitted = round_.invited, round_.submitted  # type: ignore[attr-defined]
    page = round_.get_absolute_url()
    title = _round_title(round_)
    if invited == 0:
        opened = round_.opens_on <= today
        return ToDo(
            title=title,
            action="Invite raters",
            href=page,
            detail="Nobody has been invited to rate yet",
            due_on=round_.closes_on if opened else round_.opens_on,
            due_label="Closes" if opened else "Opens",
            rank=30,
        )
    if round_.opens_on > today:
        return None
    if submitted == invited:
        return ToDo(
            title=title,
            action="Close the round",
            href=reverse("assessments:round-close", kwargs={"round_id": round_.pk}),
            detail=f"Everyone invited has submitted ({submitted} of {invited}). You can close the round early",
            due_on=round_.closes_on,
            due_label="Closes",
            rank=30,
        )
    if (round_.closes_on - today).days <= SOON_DAYS:
        return ToDo(
            title=title,
            action="See who has rated",
            href=page,
            detail=f"{submitted} of {invited} have submitted",
            due_on=round_.closes_on,
            due_label="Closes",
            rank=30,
        )
    return None
