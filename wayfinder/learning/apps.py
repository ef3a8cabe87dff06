from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LearningConfig(AppConfig):
    name = "wayfinder.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        from wayfinder.learning import (
            builtin,
            digest,
            panels,
            permissions,  # noqa: F401
            rights,
            signals,
        )

        signals.connect()

        # The built-in programme is in the page tree on every install: loaded after each migrate (idempotent).
        post_migrate.connect(builtin.load_after_migrate, sender=self, dispatch_uid="learning-builtin")

        # Units for a network's weakest dimensions, on a round's results and on a development plan.
        from wayfinder.core import panels as core_panels

        core_panels.register("results", panels.units_for_network)
        core_panels.register("plan", panels.units_for_network)

        digest.register()

        # My data: enrolments, units done and reflections, which only the learner ever sees.
        from wayfinder.comms import registry

        registry.register_exporter("learning", label="Learning: your modules and reflections", export=rights.export)
        registry.register_eraser("learning", label="your learning progress and reflections", erase=rights.erase)
