"""The "support and progress" views: delivered support joined to the rounds before and after it, for one network,
a system, a region and England, with their downloads.

Who sees what follows the dashboards: a network's own page is for its members and those who oversee it; a system's
view is for those who oversee the system (they see every network); the regional and national views are open to
anyone signed in but hide any figure worked out from fewer than DASHBOARD_MINIMUM_GROUP networks from people who do
not oversee them, and name no network. The figures are cached under the scope's generation (support services say
what they changed through core.changes); the rendered tables per viewer class, never per person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.core import charts
from wayfinder.core.downloads import csv_response, download_response
from wayfinder.core.views import breadcrumbs, network_breadcrumbs
from wayfinder.dashboards import caching, permissions, support_exports, support_progress, support_queries
from wayfinder.dashboards.exports import XLSX_CONTENT_TYPE, Table, filename
from wayfinder.dashboards.support_exports import Section
from wayfinder.dashboards.views import Groups, england_groups, reach_class, region_groups, viewer_class
from wayfinder.networks import permissions as networks_permissions
from wayfinder.networks.models import Network
from wayfinder.support import permissions as support_permissions

FORMATS = ("csv", "xlsx")
MINIMUM = permissions.DASHBOARD_MINIMUM_GROUP
LEGEND = ("Supported networks", "Comparison: networks not supported in the same period")


def _format(request: AuthenticatedRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


def _download(fmt: str, title: str, tables: list[Table]) -> HttpResponse:
    if fmt == "csv":
        return csv_response(support_exports.tables_csv(tables), filename(title, "csv"))
    return download_response(support_exports.tables_xlsx(tables), XLSX_CONTENT_TYPE, filename(title, "xlsx"))


def _sections(
    data: support_queries.SupportProgress,
    *,
    overseen: bool,
    places: tuple[str, str, set[int], set[int], str] | None = None,
) -> list[Section]:
    """The view's tables as one viewer sees them. `places` is (title, label, overseen ids, openable ids, link
    name) for the rows of systems or regions, each shown in full to those who oversee it."""

    def hide(rows: list[support_progress.GroupStats], seen: bool) -> list[support_progress.GroupStats]:
        return [support_progress.for_viewer(r, overseen=seen, minimum=MINIMUM) for r in rows]

    sections = [
        Section("domain", "By support domain", "Support domain", hide(data.by_domain, overseen), {}),
        Section("provider", "By provider", "Provider", hide(data.by_provider, overseen), {}),
        Section("funding", "By funding source", "Funding source", hide(data.by_funding, overseen), {}),
    ]
    if places is not None:
        title, label, seen, openable, link_name = places
        rows = data.by_system or data.by_region
        kwarg = "system_id" if data.by_system else "region_id"
        shown = [support_progress.for_viewer(r, overseen=int(r.key) in seen, minimum=MINIMUM) for r in rows]
        links = {r.key: reverse(link_name, kwargs={kwarg: int(r.key)}) for r in rows if int(r.key) in openable}
        sections.append(Section(kwarg.removesuffix("_id"), title, label, shown, links))
    return sections


def _body(data: support_queries.SupportProgress, sections: list[Section], *, networks: bool, today: date) -> Markup:
    html = render_to_string(
        "dashboards/_support_body.jinja",
        {
            "data": data,
            "sections": sections,
            "chart": support_exports.movement_chart(
                sections[0].rows, "Movement after support, by support domain", id_prefix="support-movement"
            ),
            "legend": [(name, charts.legend_swatch(style)) for name, style in zip(LEGEND, charts.STYLES, strict=False)],
            "supported": data.supported if networks else None,
            "minimum": MINIMUM,
            "note": support_queries.COMPARISON_NOTE,
            "today": today,
        },
    )
    return Markup(html)  # noqa: S704 (rendered by our own autoescaping template)


def _page(
    request: AuthenticatedRequest,
    *,
    title: str,
    caption: str,
    body: Markup,
    framework: tuple[int, str] | None,
    network_count: int,
    dashboard_url: str,
    crumbs: list[dict[str, str]],
) -> HttpResponse:
    return render(
        request,
        "dashboards/support_progress.jinja",
        {
            "title": title,
            "caption": caption,
            "body": body,
            "framework": framework,
            "network_count": network_count,
            "dashboard_url": dashboard_url,
            "minimum": MINIMUM,
            "note": support_queries.COMPARISON_NOTE,
            "nav_section": "dashboards",
            "breadcrumbs": crumbs,
        },
    )


@login_required
def system(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    system = networks_permissions.system_overseen_or_404(request.user, system_id)
    scope = caching.system_scope(system.pk)
    today = timezone.localdate()
    framework = support_queries.cached_framework(scope, system.pk)
    data = support_queries.cached_progress(scope, Network.objects.filter(system=system), framework, today)
    title = f"{system.name}: support and progress"
    fmt = _format(request)
    if fmt:
        sections = _sections(data, overseen=True)
        tables = [
            support_exports.sections_table(title, sections),
            support_exports.networks_table("Networks supported", data.supported),
        ]
        return _download(fmt, title, tables)
    # Everyone who opens a system's view oversees every network in it, so all see the same page.
    body = caching.cached(
        scope,
        ("support-progress-body", framework, today),
        lambda: _body(data, _sections(data, overseen=True), networks=True, today=today),
    )
    return _page(
        request,
        title=title,
        caption=system.name,
        body=body,
        framework=data.framework,
        network_count=data.network_count,
        dashboard_url=reverse("dashboards:system", kwargs={"system_id": system.pk}),
        crumbs=breadcrumbs(
            (reverse("dashboards:region", kwargs={"region_id": system.region_id}), system.region.name),
            (reverse("dashboards:system", kwargs={"system_id": system.pk}), f"{system.name} dashboard"),
        ),
    )


@dataclass(frozen=True)
class GroupedPage:
    """A region's or England's "support and progress" page around the person's own links."""

    framework: tuple[int, str] | None
    network_count: int
    body: Markup


def _grouped(
    request: AuthenticatedRequest,
    *,
    scope: caching.Scope,
    base: QuerySet[Network],
    groups: Callable[[], Groups],
    place_key: str,
    link_name: str,
    title: str,
    caption: str,
    dashboard_url: str,
    crumbs: list[dict[str, str]],
) -> HttpResponse:
    today = timezone.localdate()
    label = "System" if place_key == "system" else "Region"

    def read(shown: Groups) -> support_queries.SupportProgress:
        framework = support_queries.cached_framework(scope, None)
        return support_queries.cached_progress(scope, base, framework, today, shown.names, place_key)

    def places(shown: Groups) -> tuple[str, str, set[int], set[int], str]:
        return (f"By {label.lower()}", label, shown.oversees, shown.openable, link_name)

    fmt = _format(request)
    if fmt:
        shown = groups()
        table = support_exports.sections_table(
            title, _sections(read(shown), overseen=shown.sees_all, places=places(shown))
        )
        return _download(fmt, title, [table])

    def page() -> GroupedPage:
        shown = groups()
        data = read(shown)
        ids = {pk for pk, _ in shown.names}
        who = viewer_class(ids=ids, sees_all=shown.sees_all, oversees=shown.oversees, openable=shown.openable)
        body = caching.cached(
            scope,
            ("support-progress-body", data.framework, today, tuple(shown.names), who),
            lambda: _body(
                data, _sections(data, overseen=shown.sees_all, places=places(shown)), networks=False, today=today
            ),
        )
        return GroupedPage(data.framework, data.network_count, body)

    # The page is the same for everyone whose roles give them the same view: read in one round trip to the cache.
    drawn = caching.cached(scope, ("support-progress-page", place_key, today, reach_class(request.user)), page)
    return _page(
        request,
        title=title,
        caption=caption,
        body=drawn.body,
        framework=drawn.framework,
        network_count=drawn.network_count,
        dashboard_url=dashboard_url,
        crumbs=crumbs,
    )


@login_required
def region(request: AuthenticatedRequest, region_id: int) -> HttpResponse:
    region = permissions.region_dashboard_or_404(request.user, region_id)
    return _grouped(
        request,
        scope=caching.region_scope(region.pk),
        base=Network.objects.filter(system__region=region),
        groups=lambda: region_groups(request.user, region),
        place_key="system",
        link_name="dashboards:system-support",
        title=f"{region.name}: support and progress",
        caption=region.name,
        dashboard_url=reverse("dashboards:region", kwargs={"region_id": region.pk}),
        crumbs=breadcrumbs(
            (reverse("dashboards:national-support"), "England: support and progress"),
            (reverse("dashboards:region", kwargs={"region_id": region.pk}), f"{region.name} dashboard"),
        ),
    )


@login_required
def national(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_view_national_dashboard(request.user):
        raise Http404("No such page")
    return _grouped(
        request,
        scope=caching.NATIONAL,
        base=Network.objects.all(),
        groups=lambda: england_groups(request.user),
        place_key="region",
        link_name="dashboards:region-support",
        title="England: support and progress",
        caption="England",
        dashboard_url=reverse("dashboards:national"),
        crumbs=breadcrumbs((reverse("dashboards:national"), "England dashboard")),
    )


@login_required
def network(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """One network's delivered support and how it moved: for its members and those who oversee it."""
    network = networks_permissions.get_visible_network_or_404(request.user, slug=slug)
    if not support_permissions.can_view_support_requests(request.user, network):
        raise Http404("No such network")
    today = timezone.localdate()
    pieces = support_queries.network_pieces(network, today)
    title = f"{network.name}: support and progress"
    fmt = _format(request)
    if fmt:
        return _download(fmt, title, [support_exports.pieces_table(title, pieces)])
    context: dict[str, Any] = {
        "network": network,
        "pieces": pieces,
        "today": today,
        "note": support_queries.COMPARISON_NOTE,
        "system_view": (
            reverse("dashboards:system-support", kwargs={"system_id": network.system_id})
            if network.system is not None and networks_permissions.oversees_system(request.user, network.system)
            else None
        ),
        "nav_section": "networks",
        "breadcrumbs": network_breadcrumbs(network),
    }
    return render(request, "dashboards/support_network.jinja", context)
