"""Pages for reading frameworks: the list, a framework's latest version, any earlier version, the support domains.

Views stay thin: ask the permission policy, call a query, render. A framework or version the user may not
see answers 404, so drafts cannot be probed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.core.views import breadcrumbs
from wayfinder.frameworks import permissions, queries
from wayfinder.frameworks.models import Framework, FrameworkKind, FrameworkVersion, VersionStatus
from wayfinder.frameworks.views_tailoring import version_actions

NAV = "frameworks"
KIND_HEADINGS = {
    FrameworkKind.MATRIX: "Maturity matrices",
    FrameworkKind.SURVEY: "Surveys",
    FrameworkKind.CHECK: "Short checks",
}


def _crumbs(framework: Framework | None = None) -> list[dict[str, str]]:
    own = [(framework.get_absolute_url(), framework.name)] if framework is not None else []
    return breadcrumbs((reverse("frameworks:list"), "Frameworks"), *own)


def owner_label(framework: Framework) -> str:
    """Who a framework belongs to, in words: built in, national, or the system that tailored it."""
    if framework.built_in:
        return "Built into Wayfinder"
    if framework.owner_system is not None:
        return f"Tailored by {framework.owner_system.name}"
    return "National framework"


def _list_item(user: Any, framework: Any) -> dict[str, Any]:
    """One framework on the list; `framework` carries the latest_number and has_draft annotations."""
    return {
        "framework": framework,
        "owner": owner_label(framework),
        "latest_number": framework.latest_number,
        # A draft is mentioned only to the people who may edit it.
        "has_draft": framework.has_draft and permissions.can_edit_framework(user, framework),
    }


@login_required
@require_GET
def framework_list(request: AuthenticatedRequest) -> HttpResponse:
    frameworks = queries.listed(queries.frameworks_visible_to(request.user))
    groups = [
        {
            "kind": kind,
            "heading": KIND_HEADINGS[kind],
            "frameworks": [_list_item(request.user, framework) for framework in frameworks if framework.kind == kind],
        }
        for kind in queries.KIND_ORDER
    ]
    context = {
        "groups": [group for group in groups if group["frameworks"]],
        "can_tailor": permissions.can(request.user, "framework.tailor"),
        "nav_section": NAV,
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "frameworks/list.jinja", context)


def _framework_and_versions(user: Any, slug: str) -> tuple[Framework, list[FrameworkVersion]]:
    """The framework and the versions the user may read, newest first; 404 when there are none."""
    framework = queries.frameworks_visible_to(user).select_related("owner_system", "based_on").filter(slug=slug).first()
    if framework is None:
        raise Http404("No such framework")
    # The related manager sets version.framework, so the permission checks below cost no queries per version.
    versions = [
        version for version in framework.versions.order_by("-number") if permissions.can_view_version(user, version)
    ]
    if not versions:
        raise Http404("No such framework")
    return framework, versions


def _render_version(
    request: AuthenticatedRequest,
    framework: Framework,
    version: FrameworkVersion,
    versions: list[FrameworkVersion],
    *,
    on_framework_page: bool,
) -> HttpResponse:
    latest = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    user = request.user
    context = {
        "framework": framework,
        "version": version,
        "grid": queries.version_grid(version),
        "latest": latest,
        "is_latest": latest is not None and latest.pk == version.pk,
        "other_versions": [v for v in versions if v.pk != version.pk],
        "owner": owner_label(framework),
        "actions": version_actions(user, version),
        "can_edit": permissions.can_edit_framework(user, framework),
        "nav_section": NAV,
        # The framework's own page is the parent of its version pages.
        "breadcrumbs": _crumbs(None if on_framework_page else framework),
    }
    return render(request, "frameworks/detail.jinja", context)


@login_required
@require_GET
def framework_detail(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The latest published version; for a framework with none yet, the newest version the user may read."""
    framework, versions = _framework_and_versions(request.user, slug)
    version = next((v for v in versions if v.status == VersionStatus.PUBLISHED), versions[0])
    return _render_version(request, framework, version, versions, on_framework_page=True)


@login_required
@require_GET
def framework_version(request: AuthenticatedRequest, slug: str, number: int) -> HttpResponse:
    framework, versions = _framework_and_versions(request.user, slug)
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404("No such version")
    return _render_version(request, framework, version, versions, on_framework_page=False)


@login_required
@require_GET
def support_domains(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "domains": list(queries.support_domains()),
        "nav_section": NAV,
        "breadcrumbs": _crumbs(),
    }
    return render(request, "frameworks/support_domains.jinja", context)
