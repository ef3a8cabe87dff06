"""Pages for a live consensus session: the facilitator's big screen and the participants' phones. htmx polls
keep both up to date; without JavaScript a refresh button does the same."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.assessments import live, permissions, queries
from wayfinder.assessments.models import LiveSession, Participant, Priority, Round, SessionStatus
from wayfinder.core.views import breadcrumbs
from wayfinder.frameworks.labels import level_label


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Session code",
        max_length=12,
        help_text="The 6 letters and numbers on the big screen",
        error_messages={"required": "Enter the session code"},
    )


class ConsensusForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Agreed level",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the agreed level", "invalid_choice": "Choose one of the levels shown"},
    )
    notes = forms.CharField(label="Notes", required=False, max_length=5000, widget=forms.Textarea)


class PriorityForm(forms.Form):
    text = forms.CharField(
        label="Improvement priority",
        max_length=500,
        error_messages={"required": "Enter the improvement priority", "max_length": "Use 500 characters or fewer"},
    )


def _session_for_facilitator(request: AuthenticatedRequest, session_id: int) -> LiveSession:
    return permissions.session_to_run_or_404(
        request.user, session_id, "round__network", "round__version__framework", "current_dimension"
    )


def _ended(request: AuthenticatedRequest, session: LiveSession) -> HttpResponse | None:
    """A write to an ended session (from a second tab, say) goes to the summary instead."""
    if session.status != SessionStatus.ENDED:
        return None
    messages.error(request, "This session has ended.")
    return redirect("assessments:live-summary", session_id=session.pk)


def _int_or_none(value: str | None) -> int | None:
    """An id from a form; anything else (including a number too big for the database) is None."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= 18 else None


def _participant(request: AuthenticatedRequest, code: str) -> Participant:
    participant = (
        Participant.objects.select_related(
            "session__round__network", "session__round__version__framework", "session__current_dimension"
        )
        .filter(session__code=live.normalise_code(code), user=request.user)
        .first()
    )
    if participant is None:
        raise Http404("No such session")
    return participant


def _crumbs(round_: Round) -> list[dict[str, str]]:
    return breadcrumbs(
        (round_.network.get_absolute_url(), round_.network.name),
        (reverse("assessments:round", kwargs={"round_id": round_.pk}), str(round_)),
    )


# The facilitator ---------------------------------------------------------------------------------------------


@login_required
@require_POST
def start(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = permissions.managed_round_or_404(request.user, round_id, "network", "version")
    try:
        session = live.session_start(round_=round_, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:round", round_id=round_.pk)
    return redirect("assessments:live-screen", session_id=session.pk)


def _screen_context(
    request: AuthenticatedRequest,
    session: LiveSession,
    consensus_form: ConsensusForm | None = None,
    priority_form: PriorityForm | None = None,
) -> dict[str, Any]:
    round_ = session.round
    dimensions = list(round_.version.dimensions.order_by("position"))
    levels = list(round_.version.levels.order_by("position"))
    current = session.current_dimension or dimensions[0]
    index = next(i for i, d in enumerate(dimensions) if d.pk == current.pk)
    descriptors: dict[int, str] = {}
    for descriptor in current.descriptors.all():
        if descriptor.perspective in ("", "network") or descriptor.level_id not in descriptors:
            descriptors[descriptor.level_id] = descriptor.text
    agreed = queries.agreed_levels(round_)
    spread = live.distribution(session, current.pk)
    # Until someone answers on a phone, fall back on the ratings given before the session (if any).
    rated: tuple[int | None, int | None] = (None, None)
    if not spread.answered:
        rated = live.spread_for(round_=round_, session=None, dimension_id=current.pk)
    existing = agreed.get(current.pk)
    if consensus_form is None:
        suggested = live.suggested_level(lowest=spread.lowest if spread.answered else rated[0])
        default_level = (
            existing.level_id if existing else next((lv.pk for lv in levels if lv.position == suggested), None)
        )
        consensus_form = ConsensusForm(initial={"level": default_level, "notes": existing.notes if existing else ""})
    level_field = cast(forms.ChoiceField, consensus_form.fields["level"])
    level_field.choices = [(lv.pk, level_label(lv.position, lv.name)) for lv in levels]
    return {
        "session": session,
        "round": round_,
        "network": round_.network,
        "framework": round_.version.framework,
        "dimensions": dimensions,
        "current": current,
        "number": index + 1,
        "previous": dimensions[index - 1] if index > 0 else None,
        "next": dimensions[index + 1] if index + 1 < len(dimensions) else None,
        "cards": [{"level": lv, "text": descriptors.get(lv.pk, "")} for lv in levels],
        "spread": spread,
        "rated_lowest": rated[0],
        "rated_highest": rated[1],
        # Keep the facilitator's choice (or the level already agreed) when answers arrive; see app.js.
        "keep_choice": consensus_form.is_bound or existing is not None,
        "agreed": agreed,
        "priorities": list(round_.priorities.all()),
        "consensus_form": consensus_form,
        "priority_form": priority_form or PriorityForm(),
        "join_url": request.build_absolute_uri(reverse("assessments:live-join")),
        "breadcrumbs": _crumbs(round_),
        "nav_section": "networks",
    }


@login_required
@require_GET
def screen(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = _session_for_facilitator(request, session_id)
    if session.status == SessionStatus.ENDED:
        return redirect("assessments:live-summary", session_id=session.pk)
    return render(request, "assessments/live/screen.jinja", _screen_context(request, session))


@login_required
@require_GET
def screen_distribution(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    """The answers so far, polled by the big screen. When nothing has changed since the version the screen
    shows ("seen"), answer 204 so htmx swaps nothing and screen readers hear nothing new."""
    session = _session_for_facilitator(request, session_id)
    spread = live.distribution(session)
    if request.GET.get("seen") == spread.digest:
        return HttpResponse(status=204)
    return render(
        request,
        "assessments/live/_distribution.jinja",
        {"session": session, "spread": spread, "current": session.current_dimension},
    )


@login_required
@require_POST
def move(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = _session_for_facilitator(request, session_id)
    if (gone := _ended(request, session)) is not None:
        return gone
    dimension_id = _int_or_none(request.POST.get("dimension"))
    if dimension_id is None:
        raise Http404("No such dimension")
    try:
        live.session_move(session=session, dimension_id=dimension_id, user=request.user)
    except ValidationError:
        raise Http404("No such dimension") from None
    return redirect("assessments:live-screen", session_id=session.pk)


@login_required
@require_POST
def record_consensus(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = _session_for_facilitator(request, session_id)
    if (gone := _ended(request, session)) is not None:
        return gone
    form = ConsensusForm(request.POST)
    level_field = cast(forms.ChoiceField, form.fields["level"])
    level_field.choices = [(lv.pk, level_label(lv.position, lv.name)) for lv in session.round.version.levels.all()]
    if form.is_valid() and session.current_dimension_id is not None:
        try:
            live.consensus_record(
                round_=session.round,
                dimension_id=session.current_dimension_id,
                level_id=form.cleaned_data["level"],
                notes=form.cleaned_data["notes"],
                user=request.user,
                session=session,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Agreed level recorded for {session.current_dimension}.")
            return redirect("assessments:live-screen", session_id=session.pk)
    return render(
        request, "assessments/live/screen.jinja", _screen_context(request, session, consensus_form=form), status=400
    )


@login_required
@require_POST
def add_priority(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = _session_for_facilitator(request, session_id)
    if (gone := _ended(request, session)) is not None:
        return gone
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            live.priority_add(
                round_=session.round,
                text=form.cleaned_data["text"],
                dimension_id=session.current_dimension_id,
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Priority added.")
            return redirect("assessments:live-screen", session_id=session.pk)
    return render(
        request, "assessments/live/screen.jinja", _screen_context(request, session, priority_form=form), status=400
    )


@login_required
@require_POST
def remove_priority(request: AuthenticatedRequest, session_id: int, priority_id: int) -> HttpResponse:
    session = _session_for_facilitator(request, session_id)
    if (gone := _ended(request, session)) is not None:
        return gone
    priority = get_object_or_404(Priority, pk=priority_id, round=session.round)
    live.priority_remove(priority=priority, user=request.user)
    messages.success(request, "Priority removed.")
    return redirect("assessments:live-screen", session_id=session.pk)


@login_required
@require_POST
def end(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = _session_for_facilitator(request, session_id)
    if session.status != SessionStatus.ENDED:
        live.session_end(session=session, user=request.user)
    return redirect("assessments:live-summary", session_id=session.pk)


@login_required
@require_GET
def summary(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    session = permissions.session_results_or_404(
        request.user, session_id, "round__network", "round__version__framework"
    )
    round_ = session.round
    agreed = queries.agreed_levels(round_)
    return render(
        request,
        "assessments/live/summary.jinja",
        {
            "session": session,
            "round": round_,
            "network": round_.network,
            "dimensions": list(round_.version.dimensions.order_by("position")),
            "agreed": agreed,
            "priorities": list(round_.priorities.all()),
            "breadcrumbs": _crumbs(round_),
            "nav_section": "networks",
        },
    )


# Participants ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedRequest) -> HttpResponse:
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            participant = live.session_join(code=form.cleaned_data["code"], user=request.user)
        except ValidationError as error:
            form.add_error("code", error.message_dict.get("code", error.messages))
        else:
            return redirect("assessments:live-answer", code=participant.session.code)
    return render(request, "assessments/live/join.jinja", {"form": form}, status=400 if form.errors else 200)


def _answer_context(request: AuthenticatedRequest, participant: Participant) -> dict[str, Any]:
    session = participant.session
    current = session.current_dimension
    ended = session.status == SessionStatus.ENDED
    levels = [] if ended else list(session.round.version.levels.order_by("position"))
    mine = (
        participant.answers.filter(dimension=current).select_related("level").first()
        if current is not None and not ended
        else None
    )
    return {
        "participant": participant,
        "session": session,
        "round": session.round,
        "network": session.round.network,
        "current": current,
        "levels": levels,
        "mine": mine,
        "ended": ended,
        # The session ends with the priorities listed, on every phone as on the big screen.
        "priorities": list(session.round.priorities.all()) if ended else [],
        "can_see_summary": ended and permissions.can_view_results(request.user, session.round),
    }


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedRequest, code: str) -> HttpResponse:
    participant = _participant(request, code)
    error = None
    if request.method == "POST":
        level_id = _int_or_none(request.POST.get("level"))
        if level_id is None:
            error = "Choose a level"
        else:
            try:
                live.answer_save(
                    participant=participant,
                    level_id=level_id,
                    dimension_id=_int_or_none(request.POST.get("dimension")),
                )
            except ValidationError as problem:
                error = " ".join(problem.messages)
            else:
                return redirect("assessments:live-answer", code=participant.session.code)
        # The facilitator may have moved on or ended the session while this person was choosing.
        participant.session.refresh_from_db(fields=["status", "current_dimension"])
        if participant.session.status == SessionStatus.ENDED:
            return redirect("assessments:live-answer", code=participant.session.code)
    context = _answer_context(request, participant)
    context["error"] = error
    return render(request, "assessments/live/answer.jinja", context, status=400 if error else 200)


@login_required
@require_GET
def answer_poll(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Tell a phone to reload when the facilitator has moved on or ended the session; otherwise nothing."""
    participant = _participant(request, code)
    session = participant.session
    shown = request.GET.get("dimension", "")
    if session.status == SessionStatus.ENDED or shown != str(session.current_dimension_id or ""):
        return HttpResponseClientRefresh()
    return HttpResponse(status=204)
