from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "wayfinder.dashboards"
    label = "dashboards"
    verbose_name = "System, regional and national dashboards"

    def ready(self) -> None:
        # The dashboards listen to the apps they read, so those apps never import dashboards.
        from wayfinder.dashboards import signals

        signals.connect()
