"""Who may tailor, edit and read frameworks and their versions."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wayfinder.core import permissions as core
from wayfinder.core.permissions import can as can
from wayfinder.core.permissions import reach
from wayfinder.frameworks.models import Framework, FrameworkVersion, VersionStatus


def can_tailor_frameworks(user: Any, _: Any = None) -> bool:
    """System leads, the national team and site admins may clone and tailor frameworks."""
    r = reach(user)
    return r.national or bool(r.system_ids)


def can_edit_framework(user: Any, framework: Framework) -> bool:
    """Edit drafts and publish versions: the owning system's leads; national frameworks by the national team."""
    r = reach(user)
    if r.site_admin:
        return True
    if framework.built_in:
        return False
    if framework.owner_system_id is None:
        return r.national
    return framework.owner_system_id in r.system_ids or r.national


def can_view_version(user: Any, version: FrameworkVersion) -> bool:
    """Anyone signed in reads published versions; drafts are seen only by those who may edit them."""
    if not user.is_authenticated:
        return False
    if version.status != VersionStatus.DRAFT:
        return True
    return can_edit_framework(user, version.framework)


# Selectors ---------------------------------------------------------------------------------------------------


def editable_condition(user: Any) -> Q | None:
    """The frameworks `can_edit_framework` lets the user edit, as a filter on frameworks; None for every one."""
    r = reach(user)
    if r.site_admin:
        return None
    if r.national:
        return Q(built_in=False)
    return Q(built_in=False, owner_system_id__in=r.system_ids)


def frameworks_editable_by(user: Any) -> QuerySet[Framework]:
    """Every framework the user may edit. Start every query for frameworks to change here."""
    editable = editable_condition(user)
    return Framework.objects.all() if editable is None else Framework.objects.filter(editable)


def versions_visible_to(user: Any) -> QuerySet[FrameworkVersion]:
    """Every version the user may read (`can_view_version`): published and retired ones, and drafts of frameworks
    they may edit. Signed-out people see none."""
    if user is None or not user.is_authenticated:
        return FrameworkVersion.objects.none()
    editable = editable_condition(user)
    if editable is None:
        return FrameworkVersion.objects.all()
    return FrameworkVersion.objects.filter(
        ~Q(status=VersionStatus.DRAFT) | Q(framework__in=Framework.objects.filter(editable))
    )


def framework_to_edit_or_404(user: Any, slug: str) -> Framework:
    """The framework with its owning system, if the user may edit it; 404 otherwise."""
    framework = frameworks_editable_by(user).select_related("owner_system").filter(slug=slug).first()
    if framework is None:
        raise Http404("No such framework")
    return framework


def version_for_user_or_404(user: Any, slug: str, number: int) -> FrameworkVersion:
    """The version with its framework, if the user may read it; 404 otherwise."""
    version = (
        versions_visible_to(user)
        .select_related("framework", "framework__owner_system")
        .filter(framework__slug=slug, number=number)
        .first()
    )
    if version is None:
        raise Http404("No such version")
    return version


core.register("framework.tailor", can_tailor_frameworks, needs_object=False)
core.register_all({"framework.edit": can_edit_framework, "version.view": can_view_version})
