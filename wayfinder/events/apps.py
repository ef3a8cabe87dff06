from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "wayfinder.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        # Importing the rules names them for core.permissions.can.
        from wayfinder.comms import registry
        from wayfinder.core import panels
        from wayfinder.events import mail, permissions, queries, rights  # noqa: F401

        mail.register()
        # Events for the network's weakest dimensions and its plan's domains, on results and plan pages.
        panels.register("results", queries.network_panel)
        panels.register("plan", queries.network_panel)
        registry.register_digest_section("events.coming", title="Coming events", propose=queries.coming_for_digest)
        registry.register_exporter("events", label="Event registrations", export=rights.export)
        registry.register_eraser("events", label="your event registrations and calendar feed", erase=rights.erase)
        # After an event: the follow-up mail, and attendance, survey answers and check attempts in my data.
        from wayfinder.events import after_mail, after_rights

        after_mail.register()
        registry.register_exporter(
            "events-after", label="Event attendance, surveys and checks", export=after_rights.export
        )
        registry.register_eraser("events-after", label="your event survey comments", erase=after_rights.erase)
