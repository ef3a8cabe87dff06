from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "wayfinder.networks"
    label = "networks"
    verbose_name = "Networks and the England hierarchy"

    def ready(self) -> None:
        # A person's reach (core) is made from their appointments, which this app keeps; its rules are named for
        # core.permissions.can when the module is imported.
        from wayfinder.core import permissions as core_permissions
        from wayfinder.networks import permissions

        core_permissions.register_appointments_reader(permissions.appointments_of)

        from wayfinder.networks import mail

        mail.register()
