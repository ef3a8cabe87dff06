"""Pages for measures: a network's measures, one measure, defining and picking measures, values, imports, the top
five, libraries and a system's roll-up.

Views stay thin: parse, ask the permission policy, call a service or a query, render. Anything a person may not
see answers 404, so ids cannot be probed. Every form is a plain POST.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.core.downloads import csv_response, download_response
from wayfinder.core.forms import add_service_errors
from wayfinder.core.tabular import read_limited
from wayfinder.core.views import network_breadcrumbs
from wayfinder.measures import exports, imports, periods, permissions, queries, services
from wayfinder.measures.display import drawn
from wayfinder.measures.forms import (
    AnnotateForm,
    BaselineForm,
    ImportForm,
    LibraryForm,
    LinkForm,
    MeasureForm,
    TopFiveForm,
    ValueForm,
)
from wayfinder.measures.models import Area, Definition, Measure, Value
from wayfinder.networks import permissions as networks_permissions
from wayfinder.networks.models import Network
from wayfinder.plans.models import Priority

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _crumbs(network: Network, *links: tuple[str, str]) -> list[dict[str, str]]:
    return network_breadcrumbs(
        network, (reverse("measures:network", kwargs={"slug": network.slug}), "Measures"), *links
    )


def _editable(request: AuthenticatedRequest, slug: str) -> Network:
    return permissions.network_or_404(request.user, slug, permissions.can_edit_measures)


# A network's measures ------------------------------------------------------------------------------------------


@login_required
@require_GET
def network_measures(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.network_or_404(request.user, slug)
    charts = queries.network_charts(network)
    areas = dict(Area.choices)
    return render(
        request,
        "measures/network.jinja",
        {
            "network": network,
            "charts": [drawn(c, small=True) for c in charts],
            "areas_kept": sorted({areas[c.measure.area] for c in charts}),
            "areas_missing": [label for key, label in Area.choices if key not in {c.measure.area for c in charts}],
            "can_edit": permissions.can_edit_measures(request.user, network),
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = _editable(request, slug)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(network=network, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{measure.name} added. Enter or import its values next.")
            return redirect(measure.get_absolute_url())
    return render(
        request,
        "measures/measure_form.jinja",
        {"network": network, "form": form, "editing": False, "breadcrumbs": _crumbs(network)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def library_pick(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = _editable(request, slug)
    libraries = list(permissions.libraries_usable_by(network).select_related("system").prefetch_related("definitions"))
    kept = set(Measure.objects.filter(network=network).values_list("definition_id", flat=True))
    if request.method == "POST":
        definition = Definition.objects.filter(
            pk=request.POST.get("definition", "") if request.POST.get("definition", "").isdigit() else 0,
            library__in=[lib.pk for lib in libraries],
        ).first()
        if definition is None:
            messages.error(request, "Choose a measure from the libraries listed")
            return redirect("measures:library-pick", slug=network.slug)
        try:
            measure = services.measure_adopt(network=network, definition=definition, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("measures:library-pick", slug=network.slug)
        messages.success(request, f"{measure.name} added from {definition.library.name}.")
        return redirect(measure.get_absolute_url())
    return render(
        request,
        "measures/library_pick.jinja",
        {"network": network, "libraries": libraries, "kept": kept, "breadcrumbs": _crumbs(network)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def values_import(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = _editable(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = read_limited(upload) or b""
        result = imports.values_import(
            network=network,
            data=data,
            filename=upload.name or "",
            dry_run=form.cleaned_data["dry_run"],
            by=request.user,
        )
        if result.saved:
            messages.success(request, f"The file has been imported: {result.said()}.")
            return redirect("measures:network", slug=network.slug)
    return render(
        request,
        "measures/import.jinja",
        {
            "network": network,
            "form": form,
            "result": result,
            "measures": Measure.objects.filter(network=network).order_by("name"),
            "formats": periods.FORMATS,
            "breadcrumbs": _crumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def top_five(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.network_or_404(request.user, slug, permissions.can_choose_top_five)
    chosen = queries.top_five(request.user, network)
    form = TopFiveForm(
        request.POST or None,
        queryset=Measure.objects.filter(network=network).order_by("area", "name"),
        initial={"measures": [m.pk for m in chosen]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.top_five_set(
                person=request.user, network=network, measure_ids=[m.pk for m in form.cleaned_data["measures"]]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your top five measures are saved. They show on your network's page.")
            return redirect("networks:detail", slug=network.slug)
    return render(
        request, "measures/top_five.jinja", {"network": network, "form": form, "breadcrumbs": _crumbs(network)}
    )


# One measure -----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def measure_detail(request: AuthenticatedRequest, slug: str, measure_id: int) -> HttpResponse:
    network = permissions.network_or_404(request.user, slug)
    measure = permissions.measure_or_404(request.user, network, measure_id)
    chart = queries.measure_chart(measure)
    can_edit = permissions.can_edit_measures(request.user, network)
    return render(
        request,
        "measures/measure.jinja",
        {
            "network": network,
            "measure": measure,
            **drawn(chart),
            "rows": chart.rows(),
            "priorities": list(measure.priorities.select_related("plan").order_by("plan__starts_on", "position")),
            "can_edit": can_edit,
            "value_form": ValueForm(measure=measure) if can_edit else None,
            "baseline_form": BaselineForm(
                initial={"baseline_end": measure.baseline_end.isoformat() if measure.baseline_end else ""},
                choices=[(v.period.isoformat(), label) for v, label in zip(chart.values, chart.labels, strict=True)],
            )
            if can_edit
            else None,
            "nav_section": "networks",
            "breadcrumbs": _crumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: AuthenticatedRequest, slug: str, measure_id: int) -> HttpResponse:
    network = _editable(request, slug)
    measure = permissions.measure_or_404(request.user, network, measure_id)
    initial = {
        "name": measure.name,
        "description": measure.description,
        "unit": measure.unit,
        "area": measure.area,
        "direction": measure.direction,
        "target": measure.target_text,
    }
    form = MeasureForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(measure=measure, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The measure is saved.")
            return redirect(measure.get_absolute_url())
    return render(
        request,
        "measures/measure_form.jinja",
        {
            "network": network,
            "measure": measure,
            "form": form,
            "editing": True,
            "breadcrumbs": _crumbs(network, (measure.get_absolute_url(), measure.name)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_priorities(request: AuthenticatedRequest, slug: str, measure_id: int) -> HttpResponse:
    network = _editable(request, slug)
    measure = permissions.measure_or_404(request.user, network, measure_id)
    choices = (
        Priority.objects.filter(plan__network=network).select_related("plan").order_by("-plan__starts_on", "position")
    )
    form = LinkForm(
        request.POST or None,
        queryset=choices,
        initial={"priorities": list(measure.priorities.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_link(measure=measure, priority_ids=[p.pk for p in form.cleaned_data["priorities"]])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The links to your plan's priorities are saved.")
            return redirect(measure.get_absolute_url())
    return render(
        request,
        "measures/priorities.jinja",
        {
            "network": network,
            "measure": measure,
            "form": form,
            "has_priorities": choices.exists(),
            "breadcrumbs": _crumbs(network, (measure.get_absolute_url(), measure.name)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def value_add(request: AuthenticatedRequest, slug: str, measure_id: int) -> HttpResponse:
    network = _editable(request, slug)
    measure = permissions.measure_or_404(request.user, network, measure_id)
    form = ValueForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_of(measure, form.cleaned_data["period"])
        except ValidationError as error:
            form.add_error("period", error.messages)
        else:
            try:
                services.value_set(
                    measure=measure,
                    period=period,
                    value=form.cleaned_data["value"],
                    note=form.cleaned_data["note"] or None,
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("value", error.messages)
            else:
                messages.success(request, f"The value for {periods.label(period, measure.frequency)} is saved.")
                return redirect(measure.get_absolute_url())
    return render(
        request,
        "measures/value_form.jinja",
        {
            "network": network,
            "measure": measure,
            "form": form,
            "breadcrumbs": _crumbs(network, (measure.get_absolute_url(), measure.name)),
        },
    )


def _value_or_404(measure: Measure, value_id: int) -> Value:
    value = measure.values.filter(pk=value_id).first()
    if value is None:
        raise Http404("No such value")
    value.measure = measure
    return value


@login_required
@require_http_methods(["GET", "POST"])
def value_annotate(request: AuthenticatedRequest, slug: str, measure_id: int, value_id: int) -> HttpResponse:
    network = _editable(request, slug)
    measure = permissions.measure_or_404(request.user, network, measure_id)
    value = _value_or_404(measure, value_id)
    form = AnnotateForm(request.POST or None, initial={"note": value.note, "step_change": value.step_change})
    if request.method == "POST" and form.is_valid():
        try:
            services.value_annotate(value=value, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{periods.label(value.period, measure.frequency).capitalize()} is saved.")
            return redirect(measure.get_absolute_url())
    return render(
        request,
        "measures/annotate.jinja",
        {
            "network": network,
            "measure": measure,
            "value": value,
            "period": periods.label(value.period, measure.frequency),
            "form": form,
            "breadcrumbs": _crumbs(network, (measure.get_absolute_url(), measure.name)),
        },
    )


@login_required
@require_POST
def measure_baseline(request: AuthenticatedRequest, slug: str, measure_id: int) -> HttpResponse:
    network = _editable(request, slug)
    measure = permissions.measure_or_404(request.user, network, measure_id)
    text = request.POST.get("baseline_end", "")
    try:
        day = dt.date.fromisoformat(text) if text else None
        services.measure_set_baseline(measure=measure, baseline_end=day)
    except ValueError:
        messages.error(request, "Choose a period from the list")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "The limits are now fixed on the baseline." if day else "The limits now come from every value.",
        )
    return redirect(measure.get_absolute_url())


@login_required
@require_GET
def measure_download(request: AuthenticatedRequest, slug: str, measure_id: int, kind: str) -> HttpResponse:
    network = permissions.network_or_404(request.user, slug)
    measure = permissions.measure_or_404(request.user, network, measure_id)
    chart = queries.measure_chart(measure)
    name = f"{network.slug}-measure-{measure.pk}"
    if kind == "csv":
        return csv_response(exports.measure_csv(chart), f"{name}.csv")
    if kind == "xlsx":
        return download_response(exports.measure_xlsx(chart), XLSX, f"{name}.xlsx")
    raise Http404("No such download")


# Libraries and the roll-up ---------------------------------------------------------------------------------------


@login_required
@require_GET
def index(request: AuthenticatedRequest) -> HttpResponse:
    """Where a person's measures are: their networks', the libraries they publish and the roll-ups they see."""
    networks = list(
        networks_permissions.networks_visible_to(request.user)
        .filter(memberships__user=request.user)
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "measures/index.jinja",
        {
            "networks": networks,
            "libraries": list(permissions.libraries_published_by(request.user).select_related("system")),
            "may_publish_national": permissions.can_publish_library(request.user, None),
            "systems": list(networks_permissions.systems_overseen_by(request.user).order_by("name")[:200]),
            "nav_section": "measures",
        },
    )


def _library_or_404(request: AuthenticatedRequest, library_id: int) -> Any:
    library = permissions.libraries_published_by(request.user).select_related("system").filter(pk=library_id).first()
    if library is None:
        raise Http404("No such library")
    return library


@login_required
@require_http_methods(["GET", "POST"])
def library_new(request: AuthenticatedRequest) -> HttpResponse:
    systems = [
        s
        for s in networks_permissions.systems_overseen_by(request.user)
        if permissions.can_publish_library(request.user, s)
    ]
    national = permissions.can_publish_library(request.user, None)
    if not systems and not national:
        raise Http404("No such page")
    form = LibraryForm(request.POST or None)
    owners = ([("", "National: every network in England")] if national else []) + [(str(s.pk), s.name) for s in systems]
    if request.method == "POST" and form.is_valid():
        owner = request.POST.get("owner", "")
        system = next((s for s in systems if str(s.pk) == owner), None)
        if (owner and system is None) or (not owner and not national):
            form.add_error(None, "Choose who publishes the library")
        else:
            try:
                library = services.library_create(system=system, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{library.name} is published. Add its measures next.")
                return redirect("measures:library", library_id=library.pk)
    return render(request, "measures/library_new.jinja", {"form": form, "owners": owners, "nav_section": "measures"})


@login_required
@require_http_methods(["GET", "POST"])
def library_detail(request: AuthenticatedRequest, library_id: int) -> HttpResponse:
    library = _library_or_404(request, library_id)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            definition = services.definition_create(library=library, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{definition.name} is added to {library.name}.")
            return redirect("measures:library", library_id=library.pk)
    return render(
        request,
        "measures/library.jinja",
        {
            "library": library,
            "definitions": list(library.definitions.order_by("area", "name")),
            "form": form,
            "nav_section": "measures",
        },
    )


@login_required
@require_GET
def system_rollup(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    system = networks_permissions.system_overseen_or_404(request.user, system_id)
    if not permissions.can_view_rollup(request.user, system):
        raise Http404("No such page")
    return render(
        request,
        "measures/rollup.jinja",
        {
            "system": system,
            "libraries": queries.rollup(system),
            "minimum": queries.MINIMUM_GROUP,
            "nav_section": "measures",
        },
    )
