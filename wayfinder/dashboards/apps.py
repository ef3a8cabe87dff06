from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "wayfinder.dashboards"
    label = "dashboards"
    verbose_name = "System, regional and national dashboards"
