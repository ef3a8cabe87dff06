"""What networks holds about a person, for "download my data" (memberships, requests to join, invitations, roles),
what must happen before they can delete their account (a network keeps a lead), and what deleting it removes."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from wayfinder.comms import registry
from wayfinder.core.changes import changed
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Appointment, Invitation, JoinRequest, Membership, SystemContact

ERASED_DOMAIN = "erased.invalid"


def export(user: Any) -> list[registry.DataFile]:
    memberships = Membership.objects.filter(user=user).select_related("network").order_by("network__name")
    requests = JoinRequest.objects.filter(user=user).select_related("network").order_by("created_at")
    appointments = Appointment.objects.filter(user=user).select_related("system", "region").order_by("role")
    invitations = Invitation.objects.filter(email__iexact=user.email).select_related("network").order_by("created_at")
    return [
        registry.DataFile(
            name="networks/memberships.csv",
            header=["Network", "Role", "Since"],
            rows=[[m.network.name, m.get_role_display(), m.created_at] for m in memberships],
        ),
        registry.DataFile(
            name="networks/requests-to-join.csv",
            header=["Network", "Your message", "Status", "Asked", "Reason given"],
            rows=[[r.network.name, r.message, r.get_status_display(), r.created_at, r.reason] for r in requests],
        ),
        registry.DataFile(
            name="networks/invitations-to-you.csv",
            header=["Network", "Role", "Sent", "Accepted"],
            rows=[[i.network.name, i.get_role_display(), i.created_at, i.accepted_at] for i in invitations],
        ),
        registry.DataFile(
            name="networks/roles.csv",
            header=["Role", "System", "Region", "Since"],
            rows=[
                [
                    a.get_role_display(),
                    a.system.name if a.system else "",
                    a.region.name if a.region else "",
                    a.created_at,
                ]
                for a in appointments
            ],
        ),
    ]


def only_lead_of(user: Any) -> list[str]:
    """A network must keep a lead: its only lead hands it over before they go."""
    led = Membership.objects.filter(user=user, role=NetworkRole.LEAD).values("network_id")
    alone = (
        Membership.objects.filter(network_id__in=led, role=NetworkRole.LEAD)
        .values("network_id", "network__name")
        .annotate(leads=Count("pk"))
        .filter(leads=1)
        .order_by("network__name")
    )
    return [
        f"You are the only lead of {row['network__name']}. Make another member a lead of it first, then come back."
        for row in alone
    ]


def erase(user: Any) -> None:
    # Their networks' pages name them: drawn again from what is left (the memberships go with the account).
    network_ids = list(Membership.objects.filter(user=user).values_list("network_id", flat=True))
    changed(networks=network_ids, people=[user.pk])
    # Memberships, requests to join and roles go with the account; what else names the person's address:
    invitations = list(Invitation.objects.filter(email__iexact=user.email).only("pk"))
    for invitation in invitations:
        invitation.email = f"erased-invitation-{invitation.pk}@{ERASED_DOMAIN}"
    Invitation.objects.bulk_update(invitations, ["email"])
    JoinRequest.objects.filter(user=user).delete()
    SystemContact.objects.filter(email__iexact=user.email).delete()
