"""Who may take part in a network's shared purpose, and the scoped selectors its pages fetch through.

Proposals, comments and votes are private to the network's members, whatever its privacy; those who oversee it
do not see them. Everyone but external members proposes, comments and votes; the lead opens and closes the vote
and adopts a statement. The adopted statement shows on the network's page to everyone who may see that page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from wayfinder.community.purpose_models import PurposeStatement
from wayfinder.core import permissions as core
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Membership, Network
from wayfinder.networks.permissions import get_visible_network_or_404, network_role

# The roles that propose, comment and vote: everyone who belongs to the network but people from outside it.
PARTICIPANTS = (NetworkRole.LEAD, NetworkRole.FACILITATOR, NetworkRole.STEERING, NetworkRole.MEMBER)


def can_view_purpose(user: Any, network: Network) -> bool:
    return network_role(user, network) is not None


def can_take_part(user: Any, network: Network) -> bool:
    """Propose a statement, comment on one and vote."""
    return network_role(user, network) in PARTICIPANTS


def can_run_purpose_vote(user: Any, network: Network) -> bool:
    """Open and close the vote and adopt a statement: the network's lead."""
    return network_role(user, network) == NetworkRole.LEAD


def purpose_network_or_404(user: Any, slug: str) -> Network:
    """The network, if the person belongs to it; 404 otherwise (also for overseers), so slugs cannot be probed."""
    network = get_visible_network_or_404(user, slug=slug)
    if not can_view_purpose(user, network):
        raise Http404("No such page")
    return network


def statements_visible_to(user: Any) -> QuerySet[PurposeStatement]:
    """Statements of the networks the person belongs to. Start every statement query for a person here."""
    if user is None or not user.is_authenticated:
        return PurposeStatement.objects.none()
    mine = Membership.objects.filter(user=user).values("network_id")
    return PurposeStatement.objects.filter(ballot__network_id__in=mine)


def statement_or_404(user: Any, network: Network, statement_id: int) -> PurposeStatement:
    statement = (
        statements_visible_to(user).select_related("ballot").filter(pk=statement_id, ballot__network=network).first()
    )
    if statement is None:
        raise Http404("No such statement")
    return statement


core.register_all(
    {
        "purpose.view": can_view_purpose,
        "purpose.take_part": can_take_part,
        "purpose.run_vote": can_run_purpose_vote,
    }
)
