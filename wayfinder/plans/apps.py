from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "wayfinder.plans"
    label = "plans"
    verbose_name = "Development plans and actions"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        # The home page (in networks) lists what this app registers, so networks never imports plans.
        from wayfinder.core import home
        from wayfinder.plans import home as plans_home
        from wayfinder.plans import (
            mail,
            permissions,  # noqa: F401
        )

        mail.register()
        home.register_to_dos(plans_home.actions_due)
        home.register_to_dos(plans_home.reviews_due)

        # My data: the actions a person owns; their name leaves the plans' change logs when they delete it.
        from wayfinder.comms import registry
        from wayfinder.plans import rights

        registry.register_exporter("plans", label="Actions you own and changes you made", export=rights.export)
        registry.register_eraser("plans", label="your name in development plans", erase=rights.erase)
