from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "wayfinder.assessments"
    label = "assessments"
    verbose_name = "Assessment rounds, ratings and results"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        # The home page (in networks) lists what this app registers, so networks never imports assessments.
        from wayfinder.assessments import caching, mail, permissions  # noqa: F401
        from wayfinder.assessments import home as assessments_home
        from wayfinder.core import changes, home

        # Results pages are drawn again when their network changes (caching.py): at once and after the commit.
        changes.committed.connect(caching.follow_changes, dispatch_uid="assessments")
        changes.changing.connect(caching.follow_changes, dispatch_uid="assessments")

        mail.register()
        home.register_to_dos(assessments_home.rounds_to_rate)
        home.register_to_dos(assessments_home.rounds_to_run)

        # My data: what a person rated, for their download; their name and evidence go when they delete it.
        from wayfinder.assessments import rights
        from wayfinder.comms import registry

        registry.register_exporter(
            "assessments", label="Rounds you were invited to and your ratings", export=rights.export
        )
        registry.register_eraser("assessments", label="your name and evidence in rounds", erase=rights.erase)
