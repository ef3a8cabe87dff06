from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "wayfinder.comms"
    label = "comms"
    verbose_name = "Mail, the digest and data rights"

    def ready(self) -> None:
        # The mail kinds comms itself sends (the digest); other apps register theirs in their own ready().
        from wayfinder.comms import kinds

        kinds.register()
