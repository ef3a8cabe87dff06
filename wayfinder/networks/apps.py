from typing import Any

from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "wayfinder.networks"
    label = "networks"
    verbose_name = "Networks and the England hierarchy"

    def ready(self) -> None:
        # A person's reach (core) is made from their appointments, which this app keeps; its rules are named for
        # core.permissions.can when the module is imported.
        from django.db.models.signals import post_delete, post_save

        from wayfinder.core import changes
        from wayfinder.core import permissions as core_permissions
        from wayfinder.networks import caching, permissions
        from wayfinder.networks.models import Appointment

        core_permissions.register_appointments_reader(permissions.appointments_of)
        # Network pages, results and home pages are drawn again when what they show changes (caching.py): at once
        # and after the commit.
        changes.committed.connect(caching.follow_changes, dispatch_uid="networks")
        changes.changing.connect(caching.follow_changes, dispatch_uid="networks")

        # The shared cache keeps each person's appointments; any save or delete, from a service, the admin or an
        # import, makes it read them again once the write commits.
        def appointment_written(sender: Any, instance: Appointment, **kwargs: Any) -> None:
            core_permissions.person_changed([instance.user_id])

        post_save.connect(
            appointment_written, sender=Appointment, dispatch_uid="networks.appointment.saved", weak=False
        )
        post_delete.connect(
            appointment_written, sender=Appointment, dispatch_uid="networks.appointment.deleted", weak=False
        )

        from wayfinder.networks import mail

        mail.register()

        # My data: a person's memberships, requests and roles; a network must keep a lead before its only lead
        # can delete their account.
        from wayfinder.comms import registry
        from wayfinder.networks import rights

        registry.register_exporter("networks", label="Your networks and roles", export=rights.export)
        registry.register_erasure_check("networks.only_lead", check=rights.only_lead_of)
        registry.register_eraser("networks", label="your requests to join and invitations", erase=rights.erase)
