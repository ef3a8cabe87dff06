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
