"""Who may tailor, edit and read frameworks and their versions."""

from __future__ import annotations

from typing import Any

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


core.register("framework.tailor", can_tailor_frameworks, needs_object=False)
core.register_all({"framework.edit": can_edit_framework, "version.view": can_view_version})
