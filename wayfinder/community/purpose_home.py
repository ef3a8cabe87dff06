"""What shared purpose and peers add to the home page's to-do list: a vote on the network's purpose the person has
not voted in, and requests from other networks waiting for a lead's answer. One query each, none for a person with
no network."""

from __future__ import annotations

from django.urls import reverse

from wayfinder.community.peers_models import ContactStatus, PeerContact
from wayfinder.community.purpose_models import PurposeBallot
from wayfinder.community.purpose_permissions import PARTICIPANTS
from wayfinder.core.home import ToDo, Viewer, day
from wayfinder.core.roles import NetworkRole

MOST = 10


def purpose_votes(viewer: Viewer) -> list[ToDo]:
    network_ids = viewer.network_ids(*PARTICIPANTS)
    if not network_ids:
        return []
    ballots = (
        PurposeBallot.objects.filter(network_id__in=network_ids, voting_opened_at__isnull=False, closed_at__isnull=True)
        .exclude(votes__voter=viewer.user)
        .select_related("network")
        .order_by("voting_opened_at", "pk")[:MOST]
    )
    return [
        ToDo(
            title=f"{ballot.network.name}: shared purpose",
            action="Vote",
            href=reverse("community:purpose", kwargs={"slug": ballot.network.slug}),
            detail=f"The vote on the network's purpose opened on {day(ballot.voting_opened_at)}",
            rank=40,
        )
        for ballot in ballots
        if ballot.voting_opened_at is not None
    ]


def contacts_to_answer(viewer: Viewer) -> list[ToDo]:
    network_ids = viewer.network_ids(NetworkRole.LEAD)
    if not network_ids:
        return []
    waiting = (
        PeerContact.objects.filter(to_network_id__in=network_ids, status=ContactStatus.PENDING)
        .select_related("from_network", "to_network")
        .order_by("created_at", "pk")[:MOST]
    )
    return [
        ToDo(
            title=f"{contact.from_network.name} would like to learn from {contact.to_network.name}",
            action="Answer",
            href=reverse("community:peer-contact", kwargs={"contact_id": contact.pk}),
            detail=f"Asked on {day(contact.created_at)}",
            rank=30,
        )
        for contact in waiting
    ]
