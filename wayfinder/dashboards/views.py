"""The system, regional and national dashboards and their exports (CSV, xlsx, and a PDF summary of a system).

Views stay thin: parse the filters, ask the permission policy, read the (cached) queries, render. A system or region the
person may not see, or that does not exist, answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from wayfinder.core import permissions
from wayfinder.core.http import AuthenticatedRequest
from wayfinder.dashboards import caching, exports, queries
from wayfinder.dashboards.forms import DashboardFilterForm
from wayfinder.networks.models import Network, Place, Region, System

FORMATS = ("csv", "xlsx", "pdf")


def _filters(
    request: AuthenticatedRequest, choices: list[tuple[int, str, int]], places: list[tuple[int, str]] | None
) -> tuple[DashboardFilterForm, queries.Filters]:
    form = DashboardFilterForm(
        request.GET, frameworks=[(pk, name) for pk, name, _ in choices], places=places, auto_id="filter-%s"
    )
    filters = form.filters()
    if form.errors:
        messages.warning(request, "Some filters were not used because they need changing. See the filter form.")
    return form, filters


def _your_dashboards(user: Any) -> list[tuple[str, str]]:
    """Links to the system and regional dashboards this person oversees (one query)."""
    r = permissions.reach(user)
    links = [
        (reverse("dashboards:region", kwargs={"region_id": pk}), f"{name} (region)")
        for pk, name in Region.objects.filter(pk__in=r.region_ids).values_list("pk", "name")
    ]
    if not r.national:
        links += [
            (reverse("dashboards:system", kwargs={"system_id": pk}), name)
            for pk, name in permissions.dashboard_systems_for(user).values_list("pk", "name")
        ]
    return links


def _cached_data(
    request: AuthenticatedRequest,
    scope: caching.Scope,
    base: QuerySet[Network],
    places: list[tuple[int, str]] | None,
) -> tuple[DashboardFilterForm, queries.Dashboard]:
    """The scope's dashboard data from the cache, worked out on a miss. What the viewer may see of it (suppressed
    groups, which rows open) is decided afterwards, per viewer, never cached."""
    choices = caching.cached(scope, ("choices",), lambda: queries.framework_choices(base))
    form, filters = _filters(request, choices, places)
    today = timezone.localdate()
    data = caching.cached(
        scope, ("dashboard", filters, today), lambda: queries.dashboard(base, filters, choices=choices, today=today)
    )
    return form, data


def _export(fmt: str, table: exports.Table, data: queries.Dashboard, *, suppressed: bool = False) -> HttpResponse:
    if fmt == "csv":
        content: bytes | str = exports.table_csv(table)
        content_type = "text/csv; charset=utf-8"
    else:
        content = exports.table_xlsx(table, data, suppressed=suppressed)
        content_type = exports.XLSX_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(table.title, fmt)}"'
    return response


def _format(request: AuthenticatedRequest, allowed: tuple[str, ...]) -> str | None:
    fmt = request.GET.get("format")
    if not fmt:
        return None
    if fmt not in allowed:
        messages.warning(request, f"We cannot make a download of that type. Choose one of: {', '.join(allowed)}.")
        return None
    return fmt


def _query_without_format(request: AuthenticatedRequest) -> str:
    query = request.GET.copy()
    query.pop("format", None)
    return query.urlencode()


@login_required
def system(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    system = get_object_or_404(System.objects.select_related("region"), pk=system_id)
    if not permissions.can_view_system_dashboard(request.user, system):
        raise Http404("No such system")
    base: QuerySet[Network] = Network.objects.filter(system=system)
    places = list(Place.objects.filter(system=system).values_list("pk", "name"))
    form, data = _cached_data(request, caching.system_scope(system.pk), base, places)
    fmt = _format(request, FORMATS)
    title = f"{system.name} dashboard"
    if fmt == "pdf":
        response = HttpResponse(exports.system_pdf(system, data, form, request), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(title, "pdf")}"'
        return response
    if fmt:
        return _export(fmt, exports.system_table(title, data), data)
    return render(
        request,
        "dashboards/system.jinja",
        {
            "system": system,
            "data": data,
            "form": form,
            "charts": exports.distribution_charts(data),
            "readiness_total": queries.READINESS_TOTAL,
            "query": _query_without_format(request),
            "number": exports.number,
            "nav_section": "dashboards",
            "breadcrumbs": [
                {"href": reverse("home"), "text": "Home"},
                {
                    "href": reverse("dashboards:region", kwargs={"region_id": system.region_id}),
                    "text": system.region.name,
                },
            ],
        },
    )


def _group_page(
    request: AuthenticatedRequest,
    *,
    scope: caching.Scope,
    base: QuerySet[Network],
    title: str,
    caption: str,
    group_label: str,
    key: str,
    names: list[tuple[int, str]],
    oversees: set[int],
    openable: set[int],
    link_name: str,
    link_kwarg: str,
    sees_all: bool,
    breadcrumbs: list[dict[str, str]],
) -> HttpResponse:
    form, data = _cached_data(request, scope, base, None)
    rows = queries.groups(data, key=key, names=names, oversees=oversees, openable=openable)
    # Totals over fewer than the minimum networks are hidden unless the viewer oversees every one of them.
    overseen = sum(row.networks for row in rows if row.id in oversees)
    suppressed = not sees_all and queries.too_small(data) and overseen < len(data.networks)
    fmt = _format(request, ("csv", "xlsx"))
    if fmt:
        return _export(
            fmt, exports.group_table(title, group_label, data, rows, suppressed), data, suppressed=suppressed
        )
    return render(
        request,
        "dashboards/groups.jinja",
        {
            "title": title,
            "caption": caption,
            "group_label": group_label,
            "data": data,
            "rows": rows,
            "suppressed": suppressed,
            "minimum": permissions.DASHBOARD_MINIMUM_GROUP,
            "form": form,
            "charts": [] if suppressed else exports.distribution_charts(data),
            "link_name": link_name,
            "link_kwarg": link_kwarg,
            "your_dashboards": _your_dashboards(request.user),
            "query": _query_without_format(request),
            "number": exports.number,
            "nav_section": "dashboards",
            "breadcrumbs": breadcrumbs,
        },
    )


@login_required
def region(request: AuthenticatedRequest, region_id: int) -> HttpResponse:
    region = get_object_or_404(Region, pk=region_id)
    if not permissions.can_view_region_dashboard(request.user, region):
        raise Http404("No such region")
    systems = list(System.objects.filter(region=region).order_by("name").values_list("pk", "name"))
    ids = {pk for pk, _ in systems}
    whole_region = permissions.oversees_region(request.user, region)
    led = set(permissions.reach(request.user).system_ids) & ids
    return _group_page(
        request,
        scope=caching.region_scope(region.pk),
        base=Network.objects.filter(system__region=region),
        title=f"{region.name} dashboard",
        caption=region.name,
        group_label="System",
        key="system_id",
        names=systems,
        oversees=ids if whole_region else led,
        openable=ids if whole_region else led,
        link_name="dashboards:system",
        link_kwarg="system_id",
        sees_all=whole_region,
        breadcrumbs=[
            {"href": reverse("home"), "text": "Home"},
            {"href": reverse("dashboards:national"), "text": "England"},
        ],
    )


@login_required
def national(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_view_national_dashboard(request.user):
        raise Http404("No such page")
    regions = list(Region.objects.order_by("name").values_list("pk", "name"))
    ids = {pk for pk, _ in regions}
    r = permissions.reach(request.user)
    return _group_page(
        request,
        scope=caching.NATIONAL,
        base=Network.objects.all(),
        title="England dashboard",
        caption="England",
        group_label="Region",
        key="region_id",
        names=regions,
        oversees=ids if r.national else set(r.region_ids),
        openable=ids,
        link_name="dashboards:region",
        link_kwarg="region_id",
        sees_all=r.national,
        breadcrumbs=[{"href": reverse("home"), "text": "Home"}],
    )
