from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "wayfinder.certificates"
    label = "certificates"
    verbose_name = "Certificates"

    def ready(self) -> None:
        # My data: a person's certificates; deleting the account deletes them.
        from wayfinder.certificates import rights
        from wayfinder.comms import registry

        registry.register_exporter("certificates", label="Your certificates", export=rights.export)
        registry.register_eraser("certificates", label="your certificates", erase=rights.erase)
