from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "wayfinder.support"
    label = "support"
    verbose_name = "Readiness, Clinical Director development and support requests"
