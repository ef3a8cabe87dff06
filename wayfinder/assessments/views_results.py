"""Pages for a round's results, its exports (xlsx, CSV, PDF) and a network's targets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods
from markupsafe import Markup

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.assessments import caching, exports, permissions, queries, targets
from wayfinder.assessments.models import Round, Target
from wayfinder.assessments.queries import DimensionResult, RoundResults
from wayfinder.core import panels
from wayfinder.core.downloads import csv_response, download_response
from wayfinder.core.text import counted
from wayfinder.core.views import network_breadcrumbs
from wayfinder.frameworks.models import Framework, FrameworkKind
from wayfinder.hub.recommend import Recommendation, recommend_for
from wayfinder.networks import permissions as networks_permissions

# The comparison table shows this many earlier rounds; the exports carry all of them.
EARLIER_ROUNDS_SHOWN = 3


def _optional_url(name: str, **kwargs: Any) -> str | None:
    """A link to a page another part of Wayfinder provides, or None while it does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _round_or_404(request: AuthenticatedRequest, round_id: int) -> Round:
    return permissions.round_for_user_or_404(request.user, round_id, "network__system__region", "version__framework")


@dataclass(frozen=True)
class DrawnResults:
    """A round's results page as every viewer sees it, kept in the shared cache (caching.results_cached)."""

    round_id: int
    round_label: str
    network_name: str
    network_slug: str
    framework_id: int
    framework_slug: str
    is_survey: bool
    head: Markup
    body: Markup
    # The network's level on each dimension (agreed, or the median until one is agreed) and the dimensions' names,
    # for the panels other apps add below the results (core/panels.py).
    levels: dict[str, float]
    dimension_names: dict[str, str]
    # The page's addresses, the same for every viewer (shown to those they are for): the downloads, starting a plan
    # and a live session, setting targets (with no page to come back to), and the breadcrumbs.
    addresses: dict[str, str]
    breadcrumbs: list[dict[str, str]]


def _addresses(data: RoundResults) -> dict[str, str]:
    by_round = {"round_id": data.round_id}
    return {
        "xlsx": reverse("assessments:results-xlsx", kwargs=by_round),
        "csv": reverse("assessments:results-csv", kwargs=by_round),
        "pdf": reverse("assessments:results-pdf", kwargs=by_round),
        "plan_start": reverse("plans:start", kwargs=by_round),
        "live_start": reverse("assessments:live-start", kwargs=by_round),
        "targets": reverse(
            "assessments:targets", kwargs={"slug": data.network_slug, "framework_slug": data.framework_slug}
        ),
    }


def _breadcrumbs(round_: Round, data: RoundResults) -> list[dict[str, str]]:
    crumbs = network_breadcrumbs(round_.network)
    round_url = _optional_url("assessments:round", round_id=data.round_id)
    if round_url:
        crumbs.append({"href": round_url, "text": data.round_label})
    return crumbs


def draw_results(round_: Round) -> DrawnResults:
    """Everything on the results page that is the same for every viewer, drawn from the round's results (on
    today's date: the results say how long the round has left, so what is kept is kept for today only)."""
    data = queries.round_results(round_)
    context = {
        "results": data,
        "chart": exports.results_chart(data),
        "legend": exports.chart_legend(data),
        "earlier_shown": data.earlier_rounds[:EARLIER_ROUNDS_SHOWN],
        "survey_groups": _groups(data.dimensions) if data.is_survey else [],
        "recommendations": [] if data.is_survey else _recommendations(data.dimensions),
    }
    return DrawnResults(
        round_id=data.round_id,
        round_label=data.round_label,
        network_name=data.network_name,
        network_slug=data.network_slug,
        framework_id=data.framework_id,
        framework_slug=data.framework_slug,
        is_survey=data.is_survey,
        # Safe: Jinja templates with autoescaping drew these.
        head=Markup(render_to_string("assessments/results/_head.jinja", context)),  # noqa: S704
        body=Markup(render_to_string("assessments/results/_body.jinja", context)),  # noqa: S704
        levels={} if data.is_survey else {d.key: d.current for d in data.dimensions if d.current is not None},
        dimension_names={} if data.is_survey else {d.key: d.name for d in data.dimensions},
        addresses=_addresses(data),
        breadcrumbs=_breadcrumbs(round_, data),
    )


@login_required
@require_GET
def results(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    # Only what the page needs around its kept parts (the framework is kept with them): drawing them reads the round
    # again with its version and framework (one query, when drawn).
    round_ = permissions.round_for_user_or_404(request.user, round_id, "network")
    today = timezone.localdate()
    drawn = caching.results_cached(
        round_,
        (today,),
        lambda: draw_results(
            permissions.round_for_user_or_404(request.user, round_.pk, "network", "version__framework")
        ),
    )
    can_manage = permissions.can_manage_round(request.user, round_)
    shown = panels.panels_for(
        panels.Place(
            page="results",
            user=request.user,
            network_id=round_.network_id,
            network_slug=drawn.network_slug,
            network_name=drawn.network_name,
            levels=drawn.levels,
            dimension_names=drawn.dimension_names,
            round_id=round_.pk,
            role=networks_permissions.network_role(request.user, round_.network) or "",
            network=round_.network,
            framework_id=drawn.framework_id,
        )
    )
    context = {
        "drawn": drawn,
        "panels": shown,
        "can_manage": can_manage,
        "targets_url": _targets_url(drawn, back_to=request.path) if can_manage and not drawn.is_survey else None,
        "nav_section": "networks",
        "breadcrumbs": drawn.breadcrumbs,
    }
    return render(request, "assessments/results/results.jinja", context)


def _recommendations(dimensions: Sequence[DimensionResult]) -> list[Recommendation]:
    """Hub resources for the weakest dimensions, from the agreed level (or the median until one is agreed)."""
    levels = {d.key: d.current for d in dimensions if d.current is not None}
    return recommend_for(levels, [], dimension_names={d.key: d.name for d in dimensions})


def _targets_url(data: DrawnResults, *, back_to: str) -> str:
    return f"{data.addresses['targets']}?{urlencode({'next': back_to})}"


def _groups(dimensions: Sequence[DimensionResult]) -> list[tuple[str, list[DimensionResult]]]:
    """Survey statements by group, in the order the survey asks them."""
    groups: dict[str, list[DimensionResult]] = {}
    for d in dimensions:
        groups.setdefault(d.group, []).append(d)
    return list(groups.items())


@login_required
@require_GET
def results_xlsx(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    data = queries.round_results(_round_or_404(request, round_id))
    return download_response(exports.results_xlsx(data), exports.XLSX_CONTENT_TYPE, exports.filename(data, "xlsx"))


@login_required
@require_GET
def results_csv(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    data = queries.round_results(_round_or_404(request, round_id))
    return csv_response(exports.results_csv(data), exports.filename(data, "csv"))


@login_required
@require_GET
def results_pdf(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    data = queries.round_results(_round_or_404(request, round_id))
    return download_response(exports.results_pdf(data, request), "application/pdf", exports.filename(data, "pdf"))


# Targets --------------------------------------------------------------------------------------------------


class TargetsForm(forms.Form):
    """A target level and date for every dimension; leave the level empty to have no target."""

    def __init__(
        self,
        *args: Any,
        dimensions: list[tuple[str, str]],
        levels: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        choices: list[tuple[str, str]] = [("", "No target")]
        choices += [(str(position), f"{position} – {name}") for position, name in levels]
        for key, _name in dimensions:
            self.fields[f"level_{key}"] = forms.ChoiceField(label="Target level", choices=choices, required=False)
            self.fields[f"due_{key}"] = forms.DateField(
                label="Reach it by",
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={"invalid": "Enter a real date, for example 31 March 2027"},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        for key, name in self.dimensions:
            level, due = data.get(f"level_{key}"), data.get(f"due_{key}")
            if not level:
                continue
            if due is None and not self.errors.get(f"due_{key}"):
                self.add_error(f"due_{key}", f"{name}: enter the date the network aims to reach this level by")
            elif due is not None and due < today:
                self.add_error(f"due_{key}", f"{name}: the date must be today or in the future")
        return data

    def chosen(self) -> dict[str, tuple[int, date] | None]:
        """Each dimension's chosen level and date, or None for no target (call once the form is valid)."""
        data = self.cleaned_data
        return {
            key: (int(data[f"level_{key}"]), data[f"due_{key}"]) if data.get(f"level_{key}") else None
            for key, _ in self.dimensions
        }

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"key": key, "name": name, "level": self[f"level_{key}"], "due": self[f"due_{key}"]}
            for key, name in self.dimensions
        ]


def _safe_next(request: HttpRequest) -> str | None:
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return None


@login_required
@require_http_methods(["GET", "POST"])
def targets_edit(request: AuthenticatedRequest, slug: str, framework_slug: str) -> HttpResponse:
    network = networks_permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_open_round(request.user, network):
        raise Http404("No such network")
    framework = get_object_or_404(Framework.objects.exclude(kind=FrameworkKind.SURVEY), slug=framework_slug)
    version = targets.latest_version(framework)
    if version is None:
        raise Http404("No published version")
    dimensions = list(version.dimensions.order_by("position").values_list("key", "name"))
    levels = list(version.levels.order_by("position").values_list("position", "name"))
    initial = _targets_initial(targets.targets_of(network, framework), [key for key, _ in dimensions])

    # The latest round on this framework gives the starting point for each dimension, when there is one.
    latest = (
        permissions.rounds_visible_to(request.user)
        .select_related("network", "version__framework")
        .filter(network=network, version__framework=framework)
        .order_by("-opens_on", "-pk")
        .first()
    )
    latest_results = queries.round_results(latest) if latest is not None else None
    current = {d.key: d for d in latest_results.dimensions} if latest_results else {}

    form = TargetsForm(request.POST or None, initial=initial, dimensions=dimensions, levels=levels)
    if request.method == "POST" and form.is_valid():
        try:
            with_target = targets.targets_save(
                network=network, framework=framework, chosen=form.chosen(), user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _targets_saved(with_target, len(dimensions)))
            return redirect(_safe_next(request) or request.path)

    back_url = _safe_next(request)
    if back_url is None and latest is not None:
        back_url = reverse("assessments:results", kwargs={"round_id": latest.pk})
    return render(
        request,
        "assessments/targets/edit.jinja",
        {
            "network": network,
            "framework": framework,
            "version": version,
            "form": form,
            "current": current,
            "latest_results": latest_results,
            "back_url": back_url,
            "next": _safe_next(request) or "",
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
    )


def _targets_initial(existing: dict[str, Target], keys: Sequence[str]) -> dict[str, str]:
    """The form as the targets stand, with a date a year ahead for dimensions that have none."""
    default_due = _a_year_from(timezone.localdate()).isoformat()
    initial: dict[str, str] = {}
    for key in keys:
        target = existing.get(key)
        initial[f"level_{key}"] = str(target.level_position) if target else ""
        initial[f"due_{key}"] = target.due_on.isoformat() if target else default_due
    return initial


def _targets_saved(with_target: int, dimensions: int) -> str:
    if not with_target:
        return "Targets saved: no dimension has a target"
    return (
        f"Targets saved: {with_target} of {counted(dimensions, 'dimension', 'dimensions')} "
        f"{ngettext('has', 'have', with_target)} a target"
    )


def _a_year_from(day: date) -> date:
    """The seeds set 12-month targets, so the form suggests a date a year ahead."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)
