from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "wayfinder.support"
    label = "support"
    verbose_name = "Readiness, Clinical Director development and support requests"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        # The home page (in networks) lists what this app registers, so networks never imports support.
        from wayfinder.core import home
        from wayfinder.support import home as support_home
        from wayfinder.support import (
            mail,
            permissions,  # noqa: F401
        )

        mail.register()
        home.register_to_dos(support_home.requests_to_decide)
        home.register_section(support_home.system_sections)

        # My data: a Clinical Director's development plans and the support requests a person made.
        from wayfinder.comms import registry
        from wayfinder.support import rights

        registry.register_exporter("support", label="Development plans and support requests", export=rights.export)
        registry.register_eraser("support", label="your Clinical Director development plans", erase=rights.erase)
