"""Every write a person can cause on the dashboards: choosing the framework a system's dashboard shows first.
Views check permission (dashboards.permissions.can_set_dashboard_framework) before calling these."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from wayfinder.accounts.models import User
from wayfinder.dashboards import caching
from wayfinder.dashboards.models import SystemDashboardSetting
from wayfinder.dashboards.queries import frameworks_for_system
from wayfinder.frameworks.models import Framework
from wayfinder.networks.models import System


@transaction.atomic
def dashboard_framework_set(*, system: System, framework: Framework | None, user: User) -> None:
    """Show `framework` first on the system's dashboard; None goes back to the PCN Maturity Matrix."""
    if framework is None:
        SystemDashboardSetting.objects.filter(system=system).delete()
    else:
        if not frameworks_for_system(system).filter(pk=framework.pk).exists():
            raise ValidationError({"framework": "Choose a published framework from the list"})
        SystemDashboardSetting.objects.update_or_create(
            system=system, defaults={"framework": framework, "set_by": user}
        )
    scopes = {caching.system_scope(system.pk)}
    # After the write is committed, so a reader that sees the new generation also sees the new setting.
    transaction.on_commit(lambda: caching.bump(scopes), robust=True)
