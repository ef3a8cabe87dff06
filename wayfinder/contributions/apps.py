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
