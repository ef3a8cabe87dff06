"""GET /frameworks, /frameworks/{slug} and /frameworks/{slug}/versions/{number}: what the caller may read."""

# No `from __future__ import annotations`: django-ninja reads the signatures at import time.

from typing import Any

from django.db.models import Max, Q
from django.http import Http404, HttpRequest
from ninja import Router

from wayfinder.api.common import caller
from wayfinder.api.schemas import (
    DescriptorOut,
    DimensionOut,
    FrameworkDetailOut,
    FrameworkOut,
    FrameworkSlug,
    LevelOut,
    VersionNumber,
    VersionOut,
    VersionSummaryOut,
    responses,
)
from wayfinder.frameworks import permissions, queries
from wayfinder.frameworks.models import Framework, FrameworkVersion, VersionStatus

router = Router(tags=["Frameworks"])


def _framework_fields(framework: Framework, latest_version: int | None) -> dict[str, Any]:
    return {
        "slug": framework.slug,
        "name": framework.name,
        "kind": framework.kind,
        "summary": framework.summary,
        "built_in": framework.built_in,
        "owner_system": framework.owner_system.name if framework.owner_system is not None else None,
        "latest_version": latest_version,
    }


@router.get(
    "/frameworks",
    response=responses(list[FrameworkOut]),
    summary="List the frameworks you may read",
    operation_id="listFrameworks",
)
def framework_list(request: HttpRequest) -> list[FrameworkOut]:
    """Every framework with a version you may read: anything published or retired, and drafts you may edit.
    Two queries however many there are."""
    frameworks = (
        queries.frameworks_visible_to(caller(request))
        .select_related("owner_system")
        .annotate(latest_number=Max("versions__number", filter=Q(versions__status=VersionStatus.PUBLISHED)))
        .order_by("-built_in", "name")
    )
    return [FrameworkOut(**_framework_fields(f, f.latest_number)) for f in frameworks]


def _framework_and_versions(request: HttpRequest, slug: str) -> tuple[Framework, list[FrameworkVersion]]:
    """The framework and the versions the caller may read, newest first; 404 when there are none."""
    user = caller(request)
    framework = queries.frameworks_visible_to(user).select_related("owner_system").filter(slug=slug).first()
    if framework is None:
        raise Http404("No such framework")
    # The related manager sets version.framework, so the checks below cost no query per version.
    versions = [v for v in framework.versions.order_by("-number") if permissions.can_view_version(user, v)]
    if not versions:
        raise Http404("No such framework")
    return framework, versions


@router.get(
    "/frameworks/{slug}",
    response=responses(FrameworkDetailOut, 404),
    summary="A framework and its versions",
    operation_id="getFramework",
)
def framework_detail(request: HttpRequest, slug: FrameworkSlug) -> FrameworkDetailOut:
    framework, versions = _framework_and_versions(request, slug)
    latest = next((v.number for v in versions if v.status == VersionStatus.PUBLISHED), None)
    return FrameworkDetailOut(
        **_framework_fields(framework, latest),
        versions=[
            VersionSummaryOut(
                number=v.number, status=v.status, published_at=v.published_at, change_notes=v.change_notes
            )
            for v in versions
        ],
    )


@router.get(
    "/frameworks/{slug}/versions/{int:number}",
    response=responses(VersionOut, 404),
    summary="One version with its levels, dimensions and descriptors",
    operation_id="getFrameworkVersion",
)
def framework_version(request: HttpRequest, slug: FrameworkSlug, number: VersionNumber) -> VersionOut:
    """Drafts are shown only to those who may edit them; anyone else is told there is no such version."""
    framework, versions = _framework_and_versions(request, slug)
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404("No such version")
    grid = queries.version_grid(version)
    return VersionOut(
        framework=framework.slug,
        number=version.number,
        status=version.status,
        published_at=version.published_at,
        introduction=version.introduction,
        change_notes=version.change_notes,
        perspectives=[str(p) for p in version.perspectives],
        levels=[LevelOut(position=lv.position, name=lv.name, summary=lv.summary) for lv in grid.levels],
        dimensions=[
            DimensionOut(
                key=row.dimension.key,
                position=row.dimension.position,
                name=row.dimension.name,
                group=row.dimension.group,
                summary=row.dimension.summary,
                descriptors=[
                    DescriptorOut(level=cell.level.position, perspective=item.perspective, text=item.text)
                    for cell in row.cells
                    for item in cell.texts
                    if item.text
                ],
            )
            for row in grid.rows
        ],
    )
