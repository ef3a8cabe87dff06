"""Rounds the caller may see, their results (aggregates only), and the caller's own ratings in a round.

A round the caller may not see, or one they were not invited to rate, answers 404 so ids cannot be probed.
"""

# No `from __future__ import annotations`: django-ninja reads the signatures at import time.

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from wayfinder.accounts.models import User
from wayfinder.api.common import caller, error_text
from wayfinder.api.schemas import (
    ConsensusOut,
    DimensionKey,
    DimensionResultOut,
    FrameworkRef,
    MyRatingOut,
    MyRatingsOut,
    NetworkRef,
    NetworkSlug,
    RaterCountsOut,
    RatingIn,
    ResultLevelOut,
    ResultsOut,
    RoundId,
    RoundOut,
    SummaryOut,
    SurveyOut,
    TargetOut,
    responses,
)
from wayfinder.assessments import permissions as assessments_permissions
from wayfinder.assessments import queries, services
from wayfinder.assessments.models import Rater, Rating, Round
from wayfinder.assessments.scoring import Summary
from wayfinder.frameworks.models import Dimension, Level

router = Router(tags=["Rounds"])

ROUNDS_PER_PAGE = 20
# Far beyond any real list, and small enough that the offset it makes always fits the database's integers.
MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 100


def _rounds_for(user: User) -> QuerySet[Round]:
    # network__system__region: oversees (networks.permissions) may read them; version__framework: every round shows it.
    return assessments_permissions.rounds_visible_to(user).select_related(
        "network__system__region", "version__framework"
    )


def _round_or_404(request: HttpRequest, round_id: int) -> Round:
    return assessments_permissions.round_for_user_or_404(
        caller(request), round_id, "network__system__region", "version__framework"
    )


def round_out(round_: Round) -> RoundOut:
    framework = round_.version.framework
    return RoundOut(
        id=round_.pk,
        title=queries.round_label(title=round_.title, purpose=round_.purpose, opens_on=round_.opens_on),
        purpose=round_.purpose,
        network=NetworkRef(slug=round_.network.slug, name=round_.network.name),
        framework=FrameworkRef(slug=framework.slug, name=framework.name, version=round_.version.number),
        opens_on=round_.opens_on,
        closes_on=round_.closes_on,
        closed_early_at=round_.closed_early_at,
        is_open=services.round_is_open(round_),
    )


class RoundPagination(PageNumberPagination):
    """Pages of rounds (`items` and `count`); each item is built by round_out from the page's rows."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"From 1 to {MAX_PAGE:,}")
        page_size: int | None = Field(
            None, ge=1, description=f"{ROUNDS_PER_PAGE} by default; more than {MAX_PAGE_SIZE} gives {MAX_PAGE_SIZE}"
        )

    def paginate_queryset(self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [round_out(r) for r in page["items"]]
        return page


@router.get(
    "/rounds",
    response=responses(list[RoundOut], 422),
    summary="List the rounds whose results you may see",
    operation_id="listRounds",
)
@paginate(RoundPagination, page_size=ROUNDS_PER_PAGE, max_page_size=MAX_PAGE_SIZE)
def round_list(request: HttpRequest, network: NetworkSlug = None) -> QuerySet[Round]:
    """Newest first. `network` filters by a network's slug (a network you may not see gives an empty list)."""
    rounds = _rounds_for(caller(request)).order_by("-opens_on", "-pk")
    if network:
        rounds = rounds.filter(network__slug=network)
    return rounds


@router.get(
    "/rounds/{int:round_id}",
    response=responses(RoundOut, 404),
    summary="One round",
    operation_id="getRound",
)
def round_detail(request: HttpRequest, round_id: RoundId) -> RoundOut:
    return round_out(_round_or_404(request, round_id))


def _summary(summary: Summary) -> SummaryOut:
    return SummaryOut(
        count=summary.count,
        median=summary.median,
        lowest=summary.lowest,
        highest=summary.highest,
        spread=summary.spread,
    )


@router.get(
    "/rounds/{int:round_id}/results",
    response=responses(ResultsOut, 404),
    summary="A round's results: aggregates per dimension",
    operation_id="getRoundResults",
)
def round_results(request: HttpRequest, round_id: RoundId) -> ResultsOut:
    """Medians, ranges, spread, disagreement flags, consensus, targets and the internal/external split.
    Never a rater's name, email or individual rating. A survey shows figures only once enough people
    have answered."""
    round_ = _round_or_404(request, round_id)
    data = queries.round_results(round_)
    dimensions = []
    for d in data.dimensions:
        # A suppressed survey statement shows no figures at all, not even how many answered.
        shown = not d.suppressed
        dimensions.append(
            DimensionResultOut(
                key=d.key,
                number=d.number,
                name=d.name,
                group=d.group,
                suppressed=d.suppressed,
                all=_summary(d.all) if shown else None,
                internal=_summary(d.internal) if shown and not data.is_survey else None,
                external=_summary(d.external) if shown and not data.is_survey else None,
                flagged=d.flagged if shown else False,
                distribution=list(d.distribution) if shown else [],
                consensus=ConsensusOut(
                    level=d.agreed.level,
                    level_name=d.agreed.level_name,
                    agreed=d.agreed.agreed,
                    lowest=d.agreed.lowest,
                    highest=d.agreed.highest,
                    notes=d.agreed.notes,
                )
                if d.agreed is not None
                else None,
                current=d.current if shown else None,
                target=TargetOut(level=d.target.level, level_name=d.target.level_name, due_on=d.target.due_on)
                if d.target is not None
                else None,
                gap=d.gap,
            )
        )
    survey = None
    if data.survey is not None:
        survey = SurveyOut(
            respondents=data.survey.respondents,
            minimum=data.survey.minimum,
            enough=data.survey.enough,
            comments=[c.text for c in data.survey.comments],
        )
    return ResultsOut(
        round=round_out(round_),
        is_survey=data.is_survey,
        levels=[ResultLevelOut(position=lv.position, name=lv.name) for lv in data.levels],
        raters=RaterCountsOut(
            invited=data.raters.invited,
            rated=data.raters.rated,
            submitted=data.raters.submitted,
            rated_internal=data.raters.rated_internal,
            rated_external=data.raters.rated_external,
        ),
        rates_itself_higher=data.rates_itself_higher,
        flagged_count=data.flagged_count,
        dimensions=dimensions,
        survey=survey,
    )


# The caller's own ratings ------------------------------------------------------------------------------------


def _rater_or_404(request: HttpRequest, round_id: int) -> tuple[Round, Rater]:
    round_ = _round_or_404(request, round_id)
    rater = services.rater_for_user(round_=round_, user=caller(request))
    if rater is None:
        raise Http404("You are not a rater in this round")
    return round_, rater


def _my_ratings(round_: Round, rater: Rater) -> MyRatingsOut:
    """Every dimension of the round with the rater's rating, in three queries however many there are."""
    dimensions = list(Dimension.objects.filter(version_id=round_.version_id).order_by("position"))
    ratings = {r.dimension_id: r for r in Rating.objects.filter(rater=rater).select_related("level")}
    items = []
    for dimension in dimensions:
        rating = ratings.get(dimension.pk)
        items.append(
            MyRatingOut(
                dimension=dimension.key,
                dimension_name=dimension.name,
                level=rating.level.position if rating else None,
                level_name=rating.level.name if rating else "",
                evidence=rating.evidence if rating else "",
                confidence=rating.confidence if rating else "",
            )
        )
    return MyRatingsOut(
        round_id=round_.pk,
        is_open=services.round_is_open(round_),
        perspective=rater.perspective,
        submitted_at=rater.submitted_at,
        ratings=items,
    )


@router.get(
    "/rounds/{int:round_id}/my-ratings",
    response=responses(MyRatingsOut, 404),
    summary="Your ratings in a round you were invited to rate",
    operation_id="getMyRatings",
)
def my_ratings(request: HttpRequest, round_id: RoundId) -> MyRatingsOut:
    round_, rater = _rater_or_404(request, round_id)
    return _my_ratings(round_, rater)


# Declared before the {dimension_key} route, which would otherwise take "submit" for a dimension's key.
@router.post(
    "/rounds/{int:round_id}/my-ratings/submit",
    response=responses(MyRatingsOut, 404, 409, 422),
    summary="Submit your ratings",
    operation_id="submitMyRatings",
)
def my_ratings_submit(request: HttpRequest, round_id: RoundId) -> MyRatingsOut:
    """Every dimension must be rated and the round open. Submitting again with nothing changed answers 409."""
    round_, rater = _rater_or_404(request, round_id)
    submitted_before = rater.submitted_at is not None
    try:
        rater = services.rating_submit(rater=rater)
    except ValidationError as error:
        # Once submitted, every dimension has been rated, so while the round is open the only reason left to
        # refuse is that nothing has changed since: a conflict with what is already there, not bad input.
        status = 409 if submitted_before and services.round_is_open(round_) else 422
        raise HttpError(status, error_text(error)) from error
    return _my_ratings(round_, rater)


@router.put(
    "/rounds/{int:round_id}/my-ratings/{dimension_key}",
    response=responses(MyRatingOut, 404, 422),
    summary="Save your rating of one dimension",
    operation_id="saveMyRating",
)
def my_rating_save(
    request: HttpRequest, round_id: RoundId, dimension_key: DimensionKey, payload: RatingIn
) -> MyRatingOut:
    """`level` is the level's position in the round's framework (1 is the lowest). You can change a rating
    until the round closes; after you have submitted, submit again to send the change."""
    round_, rater = _rater_or_404(request, round_id)
    dimension = Dimension.objects.filter(version_id=round_.version_id, key=dimension_key).first()
    if dimension is None:
        raise Http404("No such dimension in this round's framework")
    positions = sorted(Level.objects.filter(version_id=round_.version_id).values_list("position", flat=True))
    level = Level.objects.filter(version_id=round_.version_id, position=payload.level).first()
    if level is None:
        choices = f" Choose a level from {positions[0]} to {positions[-1]}." if positions else ""
        raise HttpError(422, f"Level {payload.level} is not a level of this framework.{choices}")
    try:
        rating = services.rating_save(
            rater=rater,
            dimension_id=dimension.pk,
            level_id=level.pk,
            evidence=payload.evidence,
            confidence=payload.confidence,
        )
    except ValidationError as error:
        raise HttpError(422, error_text(error)) from error
    return MyRatingOut(
        dimension=dimension.key,
        dimension_name=dimension.name,
        level=level.position,
        level_name=level.name,
        evidence=rating.evidence,
        confidence=rating.confidence,
    )
