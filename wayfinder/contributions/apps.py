from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "wayfinder.contributions"
    label = "contributions"
    verbose_name = "Hub contributions and feedback"

    def ready(self) -> None:
        from wayfinder.contributions import signals

        signals.connect()

        from wayfinder.contributions import mail

        mail.register()

        # My data: what a person shared and their feedback; their comments go when they delete their account.
        from wayfinder.comms import registry
        from wayfinder.contributions import rights

        registry.register_exporter("contributions", label="What you shared and your feedback", export=rights.export)
        registry.register_eraser("contributions", label="your contributions and comments", erase=rights.erase)
