from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "wayfinder.comms"
    label = "comms"
    verbose_name = "Mail, the digest and data rights"

    def ready(self) -> None:
        # The mail kinds comms itself sends (the digest); other apps register theirs in their own ready().
        # Importing digest gives the pipeline its renderer for digests; permissions names the digest's rule.
        from wayfinder.comms import digest, kinds, permissions  # noqa: F401

        kinds.register()

        # My data and consent: the exporter for accounts, the exporter and eraser for mail; the rules they name.
        from wayfinder.comms import consent, data_rights, rights_builtin  # noqa: F401

        rights_builtin.register()
