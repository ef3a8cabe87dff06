from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "wayfinder.certificates"
    label = "certificates"
    verbose_name = "Certificates"

    def ready(self) -> None:
        pass
