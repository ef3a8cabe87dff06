from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "wayfinder.frameworks"
    label = "frameworks"
    verbose_name = "Maturity frameworks and support domains"
