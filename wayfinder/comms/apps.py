from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "wayfinder.comms"
    label = "comms"
    verbose_name = "Mail, the digest and data rights"

    def ready(self) -> None:
        # The mail kinds comms itself sends (the digest); other apps register theirs in their own ready().
        from wayfinder.comms import kinds

        kinds.register()

        # My data and consent: the exporter for accounts, the exporter and eraser for mail; the rules they name.
        from wayfinder.comms import consent, data_rights, rights_builtin  # noqa: F401

        rights_builtin.register()
