from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "wayfinder.hub"
    label = "hub"
    verbose_name = "Knowledge hub"

    def ready(self) -> None:
        from wayfinder.hub import signals

        signals.connect()

        from wayfinder.hub import digest

        digest.register()
