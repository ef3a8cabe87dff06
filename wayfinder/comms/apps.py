from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "wayfinder.comms"
    label = "comms"
    verbose_name = "Mail, the digest and data rights"

    def ready(self) -> None:
        # The mail kinds comms itself sends (the digest); other apps register theirs in their own ready().
        # Importing digest gives the pipeline its renderer for digests; permissions names the digest's rule.
        from wayfinder.comms import account_mail, digest, kinds, permissions  # noqa: F401

        kinds.register()
        # allauth's own mail (confirmations, password resets, sign-in codes) goes through the pipeline too.
        account_mail.register()

        # My data and consent: the exporter for accounts, the exporter and eraser for mail; the rules they name.
        from wayfinder.comms import consent, data_rights, rights_builtin  # noqa: F401

        rights_builtin.register()
        # Sign-up asks for the privacy notice and offers the mailing consent (accounts/signup.py).
        consent.register_signup_agreements()
