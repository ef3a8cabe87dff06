"""Pages for opening and running a round, and for rating in it (signed in, or by an external rater's link)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.assessments import live, permissions, queries, services
from wayfinder.assessments.forms import (
    CloseDateForm,
    InviteExternalForm,
    InviteMembersForm,
    RatingForm,
    RoundOpenForm,
)
from wayfinder.assessments.models import Perspective, Rater, Rating, Round
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import network_breadcrumbs
from wayfinder.frameworks.models import FrameworkKind
from wayfinder.frameworks.queries import frameworks_visible_to
from wayfinder.networks import permissions as networks_permissions

# Opening and running a round ---------------------------------------------------------------------------------


@login_required
def network_rounds(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = networks_permissions.get_visible_network_or_404(request.user, slug=slug)
    rounds = list(
        permissions.rounds_visible_to(request.user)
        .filter(network=network)
        .select_related("version__framework")
        .annotate(
            invited=Count("raters"),
            submitted=Count("raters", filter=Q(raters__submitted_at__isnull=False)),
        )
    )
    mine = queries.rounds_rated_by(request.user, network)
    today = timezone.localdate()
    for round_ in rounds:
        round_.is_open = services.round_is_open(round_, today)  # type: ignore[attr-defined]
    return render(
        request,
        "assessments/rounds/list.jinja",
        {
            "network": network,
            "rounds": rounds,
            "mine": mine,
            "today": today,
            "can_open": permissions.can_open_round(request.user, network),
            "breadcrumbs": network_breadcrumbs(network),
            "nav_section": "networks",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = networks_permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_open_round(request.user, network):
        raise Http404("No such network")
    versions = queries.published_versions(frameworks_visible_to(request.user))
    form = RoundOpenForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_open(
                network=network,
                version=form.chosen_version(),
                purpose=data["purpose"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                user=request.user,
                title=data["title"],
                message=data["message"],
                reminder_days_before=data["reminder_days_before"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Round opened. Now invite the people who will rate.")
            return redirect("assessments:round", round_id=round_.pk)
    return render(
        request,
        "assessments/rounds/open.jinja",
        {"network": network, "form": form, "breadcrumbs": network_breadcrumbs(network), "nav_section": "networks"},
    )


def _round_for_page(request: AuthenticatedRequest, round_id: int) -> tuple[Round, Rater | None]:
    round_ = permissions.round_page_for_user_or_404(
        request.user, round_id, "network__system__region", "version__framework"
    )
    return round_, services.rater_for_user(round_=round_, user=request.user)


@login_required
def round_detail(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_, rater = _round_for_page(request, round_id)
    can_manage = permissions.can_manage_round(request.user, round_)
    raters: list[Rater] = []
    members_form = external_form = close_form = None
    if can_manage:
        raters = queries.raters_with_counts(round_)
        members_form = InviteMembersForm(choices=queries.members_to_invite(round_))
        external_form = InviteExternalForm()
        close_form = CloseDateForm(initial={"closes_on": round_.closes_on})
    return render(
        request,
        "assessments/rounds/detail.jinja",
        _round_context(request, round_, rater, can_manage, raters, members_form, external_form, close_form),
    )


def _round_context(
    request: AuthenticatedRequest,
    round_: Round,
    rater: Rater | None,
    can_manage: bool,
    raters: Sequence[Rater],
    members_form: Any,
    external_form: Any,
    close_form: Any,
) -> dict[str, Any]:
    return {
        "round": round_,
        "network": round_.network,
        "framework": round_.version.framework,
        "rater": rater,
        "can_manage": can_manage,
        "can_view_results": permissions.can_view_results(request.user, round_),
        "is_open": services.round_is_open(round_),
        "today": timezone.localdate(),
        "live_session": live.running_session(round_),
        "raters": raters,
        "dimension_count": round_.version.dimensions.count(),
        "members_form": members_form,
        "external_form": external_form,
        "close_form": close_form,
        "breadcrumbs": network_breadcrumbs(
            round_.network, (reverse("assessments:network-rounds", kwargs={"slug": round_.network.slug}), "Rounds")
        ),
        "nav_section": "networks",
    }


def _managed_round(request: AuthenticatedRequest, round_id: int) -> Round:
    return permissions.managed_round_or_404(request.user, round_id, "network", "version__framework")


def _rerender(request: AuthenticatedRequest, round_: Round, **forms_: Any) -> HttpResponse:
    raters = queries.raters_with_counts(round_)
    forms_.setdefault("members_form", InviteMembersForm(choices=queries.members_to_invite(round_)))
    forms_.setdefault("external_form", InviteExternalForm())
    forms_.setdefault("close_form", CloseDateForm(initial={"closes_on": round_.closes_on}))
    rater = services.rater_for_user(round_=round_, user=request.user)
    context = _round_context(request, round_, rater, True, raters, **forms_)
    return render(request, "assessments/rounds/detail.jinja", context, status=400)


@login_required
@require_POST
def invite_members(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = _managed_round(request, round_id)
    form = InviteMembersForm(request.POST, choices=queries.members_to_invite(round_))
    if not form.is_valid():
        return _rerender(request, round_, members_form=form)
    people = queries.members_chosen(round_, form.cleaned_data["members"])
    try:
        services.raters_invite(
            round_=round_, users=people, perspective=form.cleaned_data["perspective"], invited_by=request.user
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _rerender(request, round_, members_form=form)
    count = len(people)
    messages.success(request, f"{count} {'person has' if count == 1 else 'people have'} been invited by email.")
    return redirect("assessments:round", round_id=round_.pk)


@login_required
@require_POST
def invite_external(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = _managed_round(request, round_id)
    form = InviteExternalForm(request.POST)
    if form.is_valid():
        try:
            services.rater_invite(
                round_=round_,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                perspective=Perspective.EXTERNAL,
                invited_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['email']} has been invited by email.")
            return redirect("assessments:round", round_id=round_.pk)
    return _rerender(request, round_, external_form=form)


@login_required
@require_POST
def change_close_date(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = _managed_round(request, round_id)
    form = CloseDateForm(request.POST)
    if form.is_valid():
        try:
            services.round_change_close_date(round_=round_, closes_on=form.cleaned_data["closes_on"], user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The closing date has been changed.")
            return redirect("assessments:round", round_id=round_.pk)
    return _rerender(request, round_, close_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def close_early(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = _managed_round(request, round_id)
    if request.method == "POST":
        try:
            services.round_close_early(round_=round_, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The round is closed. Nobody can change their ratings now.")
        return redirect("assessments:round", round_id=round_.pk)
    return render(
        request,
        "assessments/rounds/close.jinja",
        {
            "round": round_,
            "network": round_.network,
            "breadcrumbs": network_breadcrumbs(round_.network),
            "nav_section": "networks",
        },
    )


# Rating ------------------------------------------------------------------------------------------------------


class RaterAccess:
    """Who is rating, and how their pages link to each other: by signed-in round id or by a secret link."""

    def __init__(self, rater: Rater, token: str | None) -> None:
        self.rater = rater
        self.round = rater.round
        self.token = token

    def url(self, page: str = "start", dimension_id: int | None = None) -> str:
        if self.token:
            if page == "question":
                return reverse(
                    "assessments:rate-token-question", kwargs={"token": self.token, "dimension_id": dimension_id}
                )
            return reverse(f"assessments:rate-token-{page}", kwargs={"token": self.token})
        if page == "question":
            return reverse(
                "assessments:rate-question", kwargs={"round_id": self.round.pk, "dimension_id": dimension_id}
            )
        return reverse(f"assessments:rate-{page}", kwargs={"round_id": self.round.pk})


def _access(request: HttpRequest, round_id: int | None, token: str | None) -> RaterAccess:
    if token is not None:
        rater = services.rater_from_token(token=token)
        if rater is None:
            raise Http404("This link is not valid")
        return RaterAccess(rater, token)
    if round_id is None:
        raise Http404("No such round")
    rater = permissions.rater_for_user_or_404(request.user, round_id, "round__network", "round__version__framework")
    return RaterAccess(rater, None)


def _progress(access: RaterAccess) -> tuple[list[Any], dict[int, Rating]]:
    dimensions = list(access.round.version.dimensions.order_by("position"))
    ratings = {r.dimension_id: r for r in access.rater.ratings.select_related("level")}
    return dimensions, ratings


def _rating_context(access: RaterAccess, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "rater": access.rater,
        "round": access.round,
        "network": access.round.network,
        "framework": access.round.version.framework,
        "is_open": services.round_is_open(access.round),
        "survey": access.round.version.framework.kind == FrameworkKind.SURVEY,
        "nav_section": "networks",
        **extra,
    }


def _rate_start(request: HttpRequest, round_id: int | None = None, token: str | None = None) -> HttpResponse:
    access = _access(request, round_id, token)
    dimensions, ratings = _progress(access)
    next_dimension = next((d for d in dimensions if d.pk not in ratings), None)
    return render(
        request,
        "assessments/rating/start.jinja",
        _rating_context(
            access,
            dimensions=dimensions,
            ratings=ratings,
            next_dimension=next_dimension,
            unsent_changes=services.rater_has_unsent_changes(access.rater),
        ),
    )


def _rate_question(
    request: HttpRequest, dimension_id: int, round_id: int | None = None, token: str | None = None
) -> HttpResponse:
    access = _access(request, round_id, token)
    dimensions, ratings = _progress(access)
    index = next((i for i, d in enumerate(dimensions) if d.pk == dimension_id), None)
    if index is None:
        raise Http404("No such question")
    dimension = dimensions[index]
    levels = list(access.round.version.levels.order_by("position"))
    descriptors: dict[int, dict[str, str]] = {}
    for descriptor in dimension.descriptors.all():
        descriptors.setdefault(descriptor.level_id, {})[descriptor.perspective] = descriptor.text
    survey = access.round.version.framework.kind == FrameworkKind.SURVEY
    existing = ratings.get(dimension.pk)
    initial = (
        {"level": existing.level_id, "evidence": existing.evidence, "confidence": existing.confidence}
        if existing
        else {}
    )
    form = RatingForm(request.POST or None, initial=initial, dimension=dimension, levels=levels, survey=survey)
    if request.method == "POST":
        later = request.POST.get("action") == "later"
        if later and not request.POST.get("level") and not request.POST.get("evidence", "").strip():
            return redirect(access.url("start"))
        if form.is_valid():
            try:
                services.rating_save(
                    rater=access.rater,
                    dimension_id=dimension.pk,
                    level_id=form.cleaned_data["level"],
                    evidence=form.cleaned_data["evidence"],
                    confidence=form.cleaned_data["confidence"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if later:
                    messages.success(
                        request, "Your answer has been saved. You can come back to it until the round closes."
                    )
                    return redirect(access.url("start"))
                if request.POST.get("return") == "check" or index + 1 >= len(dimensions):
                    return redirect(access.url("check"))
                return redirect(access.url("question", dimensions[index + 1].pk))
    perspective = "network" if any("network" in texts for texts in descriptors.values()) else ""
    cards = [
        {
            "level": level,
            "text": descriptors.get(level.pk, {}).get(perspective) or descriptors.get(level.pk, {}).get("", ""),
            "other": [
                (key, text)
                for key, text in sorted(descriptors.get(level.pk, {}).items())
                if key not in ("", perspective)
            ],
        }
        for level in levels
    ]
    return render(
        request,
        "assessments/rating/question.jinja",
        _rating_context(
            access,
            form=form,
            dimension=dimension,
            number=index + 1,
            total=len(dimensions),
            cards=cards,
            previous=dimensions[index - 1] if index > 0 else None,
            returning=request.GET.get("return") == "check" or request.POST.get("return") == "check",
        ),
        status=400 if request.method == "POST" else 200,
    )


def _rate_check(request: HttpRequest, round_id: int | None = None, token: str | None = None) -> HttpResponse:
    access = _access(request, round_id, token)
    dimensions, ratings = _progress(access)
    error = None
    if request.method == "POST":
        try:
            services.rating_submit(rater=access.rater)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect(access.url("done"))
    return render(
        request,
        "assessments/rating/check.jinja",
        _rating_context(
            access,
            dimensions=dimensions,
            ratings=ratings,
            error=error,
            missing=[d for d in dimensions if d.pk not in ratings],
            unsent_changes=services.rater_has_unsent_changes(access.rater),
        ),
        status=400 if error else 200,
    )


def _rate_done(request: HttpRequest, round_id: int | None = None, token: str | None = None) -> HttpResponse:
    access = _access(request, round_id, token)
    if access.rater.submitted_at is None:
        return redirect(access.url("check"))
    return render(request, "assessments/rating/done.jinja", _rating_context(access))


# Signed-in raters: plain views with the login check. External raters: the same views, by their link.
rate_start = login_required(require_http_methods(["GET"])(_rate_start))
rate_question = login_required(require_http_methods(["GET", "POST"])(_rate_question))
rate_check = login_required(require_http_methods(["GET", "POST"])(_rate_check))
rate_done = login_required(require_http_methods(["GET"])(_rate_done))
rate_token_start = require_http_methods(["GET"])(_rate_start)
rate_token_question = require_http_methods(["GET", "POST"])(_rate_question)
rate_token_check = require_http_methods(["GET", "POST"])(_rate_check)
rate_token_done = require_http_methods(["GET"])(_rate_done)
