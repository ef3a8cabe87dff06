"""What peers to learn from holds about a person, for "download my data": the contact requests they sent or
answered for their networks. The requests are the networks' and stay when the account is deleted, no longer naming
them (so their name and address are no longer shown to the other network)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from wayfinder.comms.registry import DataFile
from wayfinder.community.peers_models import PeerContact, PeerSharing


def export(user: Any) -> list[DataFile]:
    contacts = (
        PeerContact.objects.filter(Q(sent_by=user) | Q(decided_by=user))
        .select_related("from_network", "to_network")
        .order_by("pk")
    )
    return [
        DataFile(
            name="community/peer-contact-requests.csv",
            header=["From network", "To network", "Message", "Sent", "Status", "You"],
            rows=[
                [
                    c.from_network.name,
                    c.to_network.name,
                    c.message,
                    c.created_at,
                    c.get_status_display(),
                    "sent it" if c.sent_by_id == user.pk else "answered it",
                ]
                for c in contacts
            ],
        )
    ]


def erase(user: Any) -> None:
    PeerContact.objects.filter(sent_by=user).update(sent_by=None)
    PeerContact.objects.filter(decided_by=user).update(decided_by=None)
    PeerSharing.objects.filter(updated_by=user).update(updated_by=None)
