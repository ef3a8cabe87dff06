"""Who may see peers to learn from, set what their network shares, and send and answer contact requests; the scoped
selectors those pages fetch through.

Only a network's leads see the networks that could help it, choose whether it is contactable and what it shares,
and send or answer contact requests. A contact request is seen by the leads of the two networks only. Confidential
networks are left out altogether: they are never shown to others and do not ask, as either would tell someone
outside that they exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wayfinder.community.peers_models import ContactStatus, PeerContact
from wayfinder.core import permissions as core
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Membership, Network, Privacy
from wayfinder.networks.permissions import get_visible_network_or_404, network_role


def is_lead(user: Any, network: Network) -> bool:
    return network_role(user, network) == NetworkRole.LEAD


def can_set_sharing(user: Any, network: Network) -> bool:
    return is_lead(user, network)


def can_look_for_peers(user: Any, network: Network) -> bool:
    """See the networks that could help and ask them to get in touch."""
    return is_lead(user, network) and network.privacy != Privacy.CONFIDENTIAL


def can_answer_contact(user: Any, contact: PeerContact) -> bool:
    return contact.status == ContactStatus.PENDING and is_lead(user, contact.to_network)


def lead_network_or_404(user: Any, slug: str) -> Network:
    """A network the person leads; 404 otherwise (members and overseers included)."""
    network = get_visible_network_or_404(user, slug=slug)
    if not is_lead(user, network):
        raise Http404("No such page")
    return network


def contactable_networks() -> QuerySet[Network]:
    """Networks that chose to be contactable (never a confidential one)."""
    return Network.objects.filter(peer_sharing__contactable=True).exclude(privacy=Privacy.CONFIDENTIAL)


def contactable_network_or_404(slug: str) -> Network:
    network = contactable_networks().select_related("peer_sharing").filter(slug=slug).first()
    if network is None:
        raise Http404("No such network")
    return network


def contacts_visible_to(user: Any) -> QuerySet[PeerContact]:
    """Contact requests to or from networks the person leads. Start every contact request query here."""
    if user is None or not user.is_authenticated:
        return PeerContact.objects.none()
    led = Membership.objects.filter(user=user, role=NetworkRole.LEAD).values("network_id")
    return PeerContact.objects.filter(Q(from_network_id__in=led) | Q(to_network_id__in=led))


def contact_or_404(user: Any, contact_id: int) -> PeerContact:
    contact = (
        contacts_visible_to(user)
        .select_related("from_network", "to_network", "sent_by", "decided_by", "discussion")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None:
        raise Http404("No such contact request")
    return contact


core.register_all(
    {
        "peers.set_sharing": can_set_sharing,
        "peers.look": can_look_for_peers,
        "peer_contact.answer": can_answer_contact,
    }
)
