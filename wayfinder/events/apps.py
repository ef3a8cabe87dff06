from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "wayfinder.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        pass
