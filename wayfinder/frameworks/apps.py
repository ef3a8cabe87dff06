from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "wayfinder.frameworks"
    label = "frameworks"
    verbose_name = "Maturity frameworks and support domains"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        from wayfinder.frameworks import permissions  # noqa: F401
