from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wayfinder.core"
    label = "core"
    verbose_name = "Core"
