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

        # My data: a person's memberships, requests and roles; a network must keep a lead before its only lead
        # can delete their account.
        from wayfinder.comms import registry
        from wayfinder.networks import rights

        registry.register_exporter("networks", label="Your networks and roles", export=rights.export)
        registry.register_erasure_check("networks.only_lead", check=rights.only_lead_of)
        registry.register_eraser("networks", label="your requests to join and invitations", erase=rights.erase)
