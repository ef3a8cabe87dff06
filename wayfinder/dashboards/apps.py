from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "wayfinder.dashboards"
    label = "dashboards"
    verbose_name = "System, regional and national dashboards"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        # The apps the dashboards read say what they changed (wayfinder.core.changes), so they never import
        # dashboards.
        from wayfinder.core import changes
        from wayfinder.dashboards import (
            permissions,  # noqa: F401
            tasks,
        )

        changes.committed.connect(tasks.follow_changes, dispatch_uid="dashboards")

        # The home page (in networks) lists what this app registers, so networks never imports dashboards.
        from wayfinder.core import home
        from wayfinder.dashboards import home as dashboards_home

        home.register_to_dos(dashboards_home.networks_not_assessed)
        home.register_section(dashboards_home.dashboard_sections)

        # The monthly digest (comms) gives each subscriber resources for their network's weakest dimensions.
        from wayfinder.dashboards import digest

        digest.register()
