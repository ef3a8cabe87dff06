from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "wayfinder.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        # After an event: the follow-up mail, and attendance, survey answers and check attempts in my data.
        from wayfinder.comms import registry
        from wayfinder.events import after_mail, after_rights

        after_mail.register()
        registry.register_exporter(
            "events-after", label="Event attendance, surveys and checks", export=after_rights.export
        )
        registry.register_eraser("events-after", label="your event survey comments", erase=after_rights.erase)
