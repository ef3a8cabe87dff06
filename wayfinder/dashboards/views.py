"""The system, regional and national dashboards and their exports (CSV, xlsx, and a PDF summary of a system).

Views stay thin: parse the filters, ask the permission policy, read the (cached) queries, render. A system or region the
person may not see, or that does not exist, answers 404. The expensive part of each page (its tables and charts) is
cached rendered, under the scope's generation: per filters and page on a system, and per viewer class (never per
person) on a region or England, because what a viewer may see broken out differs between classes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from markupsafe import Markup

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.core import generations, suppression
from wayfinder.core import permissions as core_permissions
from wayfinder.core.downloads import csv_response, download_response
from wayfinder.core.views import breadcrumbs
from wayfinder.dashboards import (
    caching,
    exports,
    group_queries,
    permissions,
    queries,
    services,
    support_exports,
    support_queries,
)
from wayfinder.dashboards.forms import DashboardFilterForm, DashboardFrameworkForm
from wayfinder.hub.recommend import GENERATION_KEY as HUB_GENERATION_KEY
from wayfinder.networks import permissions as networks_permissions
from wayfinder.networks.models import Network, Region, System

FORMATS = ("csv", "xlsx", "pdf")
# Networks per page on a system dashboard; downloads always hold every network.
PAGE_SIZE = 50


@dataclass(frozen=True)
class Frameworks:
    """The frameworks a dashboard's filter offers (those its closed rounds used, and the default) and the one it
    shows unless the filters choose another."""

    choices: list[tuple[int, str]]
    default: tuple[int, str] | None


def _frameworks(
    scope: caching.Scope, base: QuerySet[Network] | queries.Within, today: date, system_id: int | None
) -> Frameworks:
    def compute() -> Frameworks:
        default = queries.default_framework(system_id)
        return Frameworks(queries.with_default(queries.framework_choices(base, today), default), default)

    # Setting a system's default bumps the system's generation, so this is read again at once.
    return caching.cached(scope, ("frameworks", today), compute)


def _filters(
    request: AuthenticatedRequest, frameworks: Frameworks, places: list[tuple[int, str]] | None
) -> tuple[DashboardFilterForm, queries.Filters]:
    # The page and download parameters are not filters: left in, "?page=2" would open the filter form.
    data = request.GET.copy()
    for name in ("page", "format"):
        data.pop(name, None)
    form = DashboardFilterForm(
        data,
        frameworks=list(frameworks.choices),
        places=places,
        default=frameworks.default[1] if frameworks.default else None,
        auto_id="filter-%s",
    )
    filters = form.filters()
    if form.errors:
        messages.warning(request, "Some filters were not used because they need changing. See the filter form.")
    return form, filters


def _filter_form(
    scope: caching.Scope,
    form: DashboardFilterForm,
    action: str,
    frameworks: Frameworks,
    places: list[tuple[int, str]] | None,
) -> Markup:
    """The filter form, rendered. With no filters chosen it is the same for everyone, and drawing its fields costs
    as much as the rest of a cached page, so that form is cached with the scope's data."""

    def render_form() -> Markup:
        html = render_to_string("dashboards/_filter_form.jinja", {"form": form, "action": action})
        return Markup(html)  # noqa: S704 (rendered by our own autoescaping template)

    if form.in_use or form.errors:
        return render_form()
    what = ("filter-form", action, tuple(frameworks.choices), frameworks.default, tuple(places or ()))
    return caching.cached(scope, what, render_form)


def _your_dashboards(user: Any) -> list[tuple[str, str]]:
    """Links to the system and regional dashboards this person oversees (a query or two; none for those who oversee
    no system or region)."""
    r = core_permissions.reach(user)
    links = [
        (reverse("dashboards:region", kwargs={"region_id": pk}), f"{name} (region)")
        for pk, name in (Region.objects.filter(pk__in=r.region_ids).values_list("pk", "name") if r.region_ids else [])
    ]
    if not r.national and (r.system_ids or r.region_ids):
        links += [
            (reverse("dashboards:system", kwargs={"system_id": pk}), name)
            for pk, name in permissions.dashboard_systems_for(user).values_list("pk", "name")
        ]
    return links


def _export(
    fmt: str,
    table: exports.Table,
    data: queries.Dashboard | queries.GroupDashboard,
    *,
    suppressed: bool = False,
    page: suppression.PageFigures | None = None,
) -> HttpResponse:
    if fmt == "csv":
        return csv_response(exports.table_csv(table), exports.filename(table.title, fmt))
    content = exports.table_xlsx(table, data, suppressed=suppressed, page=page)
    return download_response(content, exports.XLSX_CONTENT_TYPE, exports.filename(table.title, fmt))


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


def _filter_query(filters: queries.Filters) -> str:
    """The filters that were used, as a query string for the page links (ones that did not validate are left out,
    so the links are the same for everyone who chose the same filters)."""
    chosen = {
        "framework": filters.framework_id,
        "purpose": filters.purpose,
        "closes_from": filters.closes_from,
        "closes_to": filters.closes_to,
        "place": filters.place_id,
    }
    return urlencode(
        {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in chosen.items()
            if value is not None
        }
    )


def _page_number(request: AuthenticatedRequest, pages: int) -> int:
    """The page asked for, kept between 1 and the last page, so each page has one cache entry however it is asked
    for ("?page=abc" and "?page=999" are the first and the last page)."""
    try:
        asked = int(request.GET.get("page", "1"))
    except ValueError:
        asked = 1
    return min(max(asked, 1), max(pages, 1))


@dataclass(frozen=True)
class SystemSummary:
    """What the system page says about the whole system above its (paged) tables: the same for every viewer."""

    framework: tuple[int, str] | None
    networks: int
    assessed: int
    pages: int


@dataclass(frozen=True)
class Fragment:
    """A rendered part of a dashboard page and the one fact the page around it needs."""

    framework: tuple[int, str] | None
    html: Markup


def _system_body(system: System, data: queries.Dashboard, number: int, query: str) -> Markup:
    page = Paginator(data.networks, PAGE_SIZE).get_page(number)
    rows = list(page.object_list)
    html = render_to_string(
        "dashboards/_system_body.jinja",
        {
            "system": system,
            "data": data,
            "page": page,
            "rows": rows,
            "moved": [row for row in rows if row.assessed and row.previous_round_id is not None],
            "pcns": [row for row in rows if row.is_pcn],
            # Everyone who opens a system's view oversees all its networks, so no chart is hidden.
            "charts": [(dist, chart, None) for dist, chart in exports.distribution_charts(data)],
            "readiness_total": queries.READINESS_TOTAL,
            "page_base": f"?{query}&" if query else "?",
        },
    )
    return Markup(html)  # noqa: S704 (rendered by our own autoescaping template)


@dataclass(frozen=True)
class SystemBasis:
    """What a system's dashboard reads before its filters, the same for every viewer: the frameworks and places to
    filter by, the filter form drawn with nothing chosen, and the select its leads change the framework shown first
    with (drawn without the form around it, which carries each person's token)."""

    frameworks: Frameworks
    places: list[tuple[int, str]]
    filter_form: Markup
    framework_field: Markup


def _system_basis(system: System, scope: caching.Scope, base: QuerySet[Network], today: date) -> SystemBasis:
    """Kept under the system's generation, which its places changing and its leads choosing a framework bump, and
    the hub's, which a framework version published (a new choice for its leads) bumps."""
    frameworks_generation = generations.generation(HUB_GENERATION_KEY)

    def compute() -> SystemBasis:
        default = queries.default_framework(system.pk)
        frameworks = Frameworks(queries.with_default(queries.framework_choices(base, today), default), default)
        places = queries.places_of(system)
        unfiltered = DashboardFilterForm(
            {},
            frameworks=list(frameworks.choices),
            places=places,
            default=default[1] if default else None,
            auto_id="filter-%s",
        )
        action = reverse("dashboards:system", kwargs={"system_id": system.pk})
        framework_form = DashboardFrameworkForm(
            initial={"framework": queries.dashboard_framework_of(system)},
            frameworks=queries.frameworks_for_system(system),
            auto_id="default-%s",
        )
        return SystemBasis(
            frameworks=frameworks,
            places=places,
            # Safe: drawn by our own autoescaping templates.
            filter_form=Markup(  # noqa: S704
                render_to_string("dashboards/_filter_form.jinja", {"form": unfiltered, "action": action})
            ),
            framework_field=Markup(  # noqa: S704
                render_to_string("dashboards/_framework_field.jinja", {"form": framework_form})
            ),
        )

    return caching.cached(scope, ("system-basis", today, frameworks_generation), compute)


@login_required
def system(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    system = networks_permissions.system_overseen_or_404(request.user, system_id)
    base: QuerySet[Network] = Network.objects.filter(system=system)
    scope = caching.system_scope(system.pk)
    today = timezone.localdate()
    basis = _system_basis(system, scope, base, today)
    frameworks, places = basis.frameworks, basis.places
    form, filters = _filters(request, frameworks, places)

    def data() -> queries.Dashboard:
        return caching.cached(
            scope,
            ("dashboard", filters, today),
            lambda: queries.dashboard(
                base, filters, choices=frameworks.choices, default=frameworks.default, today=today
            ),
        )

    fmt = _format(request, FORMATS)
    title = f"{system.name} dashboard"
    if fmt == "pdf":
        framework = support_queries.cached_framework(scope, system.pk)
        support = support_queries.cached_progress(scope, base, framework, today)
        chart = support_exports.movement_chart(support.by_domain, "Movement after support", id_prefix="print-support")
        pdf = exports.system_pdf(system, data(), form, request, support=support, support_chart=chart)
        return download_response(pdf, "application/pdf", exports.filename(title, "pdf"))
    if fmt:
        # Downloads hold every network, whichever page the person was on.
        full = data()
        return _export(fmt, exports.system_table(title, full), full)

    def summarise() -> SystemSummary:
        full = data()
        pages = Paginator(full.networks, PAGE_SIZE).num_pages
        return SystemSummary(full.framework, len(full.networks), len(full.assessed), pages)

    summary = caching.cached(scope, ("system-summary", filters, today, PAGE_SIZE), summarise)
    number = _page_number(request, summary.pages)
    paging_query = _filter_query(filters)
    # Every viewer of a system dashboard oversees the whole system and sees the same page, so the rendered
    # tables are cached per system, filters and page (never per person).
    body = caching.cached(
        scope,
        ("system-body", filters, today, PAGE_SIZE, number),
        lambda: _system_body(system, data(), number, paging_query),
    )
    action = reverse("dashboards:system", kwargs={"system_id": system.pk})
    return render(
        request,
        "dashboards/system.jinja",
        {
            "system": system,
            "summary": summary,
            "body": body,
            "filter_form": (
                _filter_form(scope, form, action, frameworks, places)
                if form.in_use or form.errors
                else basis.filter_form
            ),
            "default_framework": frameworks.default,
            # Who may change it is asked on every request; the select itself is the same for all of them.
            "framework_field": (
                basis.framework_field if permissions.can_set_dashboard_framework(request.user, system) else None
            ),
            "query": _query_without_format(request),
            "nav_section": "dashboards",
            "breadcrumbs": breadcrumbs(
                (reverse("dashboards:region", kwargs={"region_id": system.region_id}), system.region.name)
            ),
        },
    )


@login_required
@require_POST
def system_framework(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    """A system lead chooses the framework their system's dashboard shows first."""
    system = permissions.system_to_set_framework_or_404(request.user, system_id)
    form = DashboardFrameworkForm(request.POST, frameworks=queries.frameworks_for_system(system))
    if form.is_valid():
        framework = form.cleaned_data["framework"]
        try:
            services.dashboard_framework_set(system=system, framework=framework, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            name = framework.name if framework else "the PCN Maturity Matrix"
            messages.success(request, f"The dashboard now shows {name} first.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("dashboards:system", system_id=system.pk)


def viewer_class(*, ids: set[int], sees_all: bool, oversees: set[int], openable: set[int]) -> tuple[Any, ...]:
    """What decides how one viewer sees a rolled-up page: whether they see every group broken out, which groups
    they oversee and which they may open. People in the same class (the national team; the leads of one region;
    the leads of the same systems; everyone else) see the same page, so its rendered tables are cached per class,
    never per person."""
    if sees_all:
        return ("all", tuple(sorted(openable & ids)))
    return ("some", tuple(sorted(oversees & ids)), tuple(sorted(openable & ids)))


def _group_body(
    data: queries.GroupDashboard,
    *,
    group_label: str,
    oversees: set[int],
    openable: set[int],
    sees_all: bool,
    link_name: str,
    link_kwarg: str,
) -> Fragment:
    rows = queries.group_rows(data, oversees=oversees, openable=openable)
    overseen = _oversees_page(data, oversees=oversees, sees_all=sees_all)
    page = page_figures(data, overseen=overseen)
    html = render_to_string(
        "dashboards/_groups_body.jinja",
        {
            "group_label": group_label,
            "data": data,
            "rows": rows,
            "suppressed": _suppressed(data, overseen=overseen),
            "minimum": permissions.DASHBOARD_MINIMUM_GROUP,
            "charts": list(zip(data.distributions, data.charts, page.distributions, strict=True)),
            "needs_hidden": page.needs.hidden,
            "link_name": link_name,
            "link_kwarg": link_kwarg,
        },
    )
    return Fragment(data.framework, Markup(html))  # noqa: S704 (rendered by our own autoescaping template)


def _oversees_page(data: queries.GroupDashboard, *, oversees: set[int], sees_all: bool) -> bool:
    """Whether the viewer oversees every network on the page, so may see every figure worked out from them."""
    overseen = sum(t.figures.networks.value for t in data.totals if t.id in oversees)
    return sees_all or overseen >= data.network_count


def _suppressed(data: queries.GroupDashboard, *, overseen: bool) -> bool:
    """The whole page shows no figures: it has fewer than the minimum networks and the viewer does not oversee
    them all."""
    return not overseen and queries.too_small(data)


def page_figures(data: queries.GroupDashboard, *, overseen: bool) -> suppression.PageFigures:
    return suppression.page_for_viewer(
        data.page_figures(), overseen=overseen, minimum=permissions.DASHBOARD_MINIMUM_GROUP
    )


@dataclass(frozen=True)
class Groups:
    """The rows of a region's or England's page (systems or regions) and what the viewer may see of them."""

    names: list[tuple[int, str]]
    sees_all: bool
    oversees: set[int]
    openable: set[int]


def region_groups(user: Any, region: Region) -> Groups:
    """A region's systems: all of them for those who oversee the region, else the systems the viewer leads."""
    systems = queries.systems_of(region)
    ids = {pk for pk, _ in systems}
    whole_region = permissions.oversees_region(user, region)
    shown = ids if whole_region else set(core_permissions.reach(user).system_ids) & ids
    return Groups(names=systems, sees_all=whole_region, oversees=shown, openable=shown)


def england_groups(user: Any) -> Groups:
    """England's regions: the national team oversees them all, regional leads their own; anyone may open each."""
    # England's regions change only with the hierarchy, which bumps the national generation.
    regions = caching.cached(caching.NATIONAL, ("regions",), queries.regions)
    ids = {pk for pk, _ in regions}
    r = core_permissions.reach(user)
    return Groups(names=regions, sees_all=r.national, oversees=ids if r.national else set(r.region_ids), openable=ids)


def reach_class(user: Any) -> tuple[Any, ...]:
    """What, of a person's roles, decides how they see a region's or England's pages (`region_groups`,
    `england_groups`): people with the same answer see the same page, so it is drawn once for all of them."""
    r = core_permissions.reach(user)
    return (r.national, tuple(sorted(r.region_ids)), tuple(sorted(r.system_ids)))


@dataclass(frozen=True)
class GroupView:
    """One rolled-up view, a region's or England's: where its networks come from and how its rows are named."""

    scope: caching.Scope
    # Its networks, as lookups on Network (group_queries.group_summary filters the rows it reads by them through
    # their join to their network).
    lookups: dict[str, Any]
    group_label: str
    key: str
    link_name: str
    link_kwarg: str

    @property
    def networks(self) -> queries.Within:
        return queries.Within(self.lookups)


@dataclass(frozen=True)
class GroupPage:
    """A rolled-up page around the person's own links: its framework, its tables and charts, and the filter form."""

    framework: tuple[int, str] | None
    body: Markup
    filter_form: Markup


def _group_summary(
    view: GroupView, groups: Groups, frameworks: Frameworks, filters: queries.Filters, today: date
) -> queries.GroupDashboard:
    """The roll-up with its charts drawn: a few kilobytes, the same for every viewer."""

    def compute() -> queries.GroupDashboard:
        # Rolled up straight from what the groups need: no row per network is built (decision 0005).
        rolled_up = group_queries.group_summary(
            view.lookups,
            filters,
            key=view.key,
            names=groups.names,
            choices=frameworks.choices,
            default=frameworks.default,
            today=today,
        )
        rolled_up.charts = [chart for _, chart in exports.distribution_charts(rolled_up)]
        return rolled_up

    return caching.cached(view.scope, ("groups", view.key, tuple(groups.names), filters, today), compute)


def _group_parts(
    request: AuthenticatedRequest, view: GroupView, groups: Groups, frameworks: Frameworks, today: date
) -> GroupPage:
    form, filters = _filters(request, frameworks, None)
    ids = {pk for pk, _ in groups.names}
    who = viewer_class(ids=ids, sees_all=groups.sees_all, oversees=groups.oversees, openable=groups.openable)
    body = caching.cached(
        view.scope,
        ("groups-body", view.key, tuple(groups.names), filters, today, who),
        lambda: _group_body(
            _group_summary(view, groups, frameworks, filters, today),
            group_label=view.group_label,
            oversees=groups.oversees,
            openable=groups.openable,
            sees_all=groups.sees_all,
            link_name=view.link_name,
            link_kwarg=view.link_kwarg,
        ),
    )
    return GroupPage(body.framework, body.html, _filter_form(view.scope, form, request.path, frameworks, None))


def _group_page(
    request: AuthenticatedRequest,
    view: GroupView,
    *,
    groups: Callable[[], Groups],
    title: str,
    caption: str,
    breadcrumbs: list[dict[str, str]],
) -> HttpResponse:
    today = timezone.localdate()
    fmt = _format(request, ("csv", "xlsx"))
    if fmt:
        shown = groups()
        frameworks = _frameworks(view.scope, view.networks, today, None)
        _, filters = _filters(request, frameworks, None)
        data = _group_summary(view, shown, frameworks, filters, today)
        rows = queries.group_rows(data, oversees=shown.oversees, openable=shown.openable)
        overseen = _oversees_page(data, oversees=shown.oversees, sees_all=shown.sees_all)
        suppressed = _suppressed(data, overseen=overseen)
        return _export(
            fmt,
            exports.group_table(title, view.group_label, data, rows, suppressed),
            data,
            suppressed=suppressed,
            page=page_figures(data, overseen=overseen),
        )

    def parts() -> GroupPage:
        return _group_parts(request, view, groups(), _frameworks(view.scope, view.networks, today, None), today)

    if request.GET:
        page = parts()
    else:
        # With no filters chosen, the page around the person's own links is the same for everyone whose roles
        # give them the same view, and is read in one round trip to the cache.
        page = caching.cached(view.scope, ("group-page", view.key, today, reach_class(request.user)), parts)
    return render(
        request,
        "dashboards/groups.jinja",
        {
            "title": title,
            "caption": caption,
            "group_label": view.group_label,
            "framework": page.framework,
            "body": page.body,
            "minimum": permissions.DASHBOARD_MINIMUM_GROUP,
            "filter_form": page.filter_form,
            "your_dashboards": _your_dashboards(request.user),
            "query": _query_without_format(request),
            "nav_section": "dashboards",
            "breadcrumbs": breadcrumbs,
        },
    )


@login_required
def region(request: AuthenticatedRequest, region_id: int) -> HttpResponse:
    region = permissions.region_dashboard_or_404(request.user, region_id)
    view = GroupView(
        scope=caching.region_scope(region.pk),
        lookups={"system__region": region},
        group_label="System",
        key="system_id",
        link_name="dashboards:system",
        link_kwarg="system_id",
    )
    return _group_page(
        request,
        view,
        groups=lambda: region_groups(request.user, region),
        title=f"{region.name} dashboard",
        caption=region.name,
        breadcrumbs=breadcrumbs((reverse("dashboards:national"), "England")),
    )


@login_required
def national(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_view_national_dashboard(request.user):
        raise Http404("No such page")
    view = GroupView(
        scope=caching.NATIONAL,
        lookups={},
        group_label="Region",
        key="region_id",
        link_name="dashboards:region",
        link_kwarg="region_id",
    )
    return _group_page(
        request,
        view,
        groups=lambda: england_groups(request.user),
        title="England dashboard",
        caption="England",
        breadcrumbs=breadcrumbs(),
    )
