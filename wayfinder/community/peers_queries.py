"""Reads for peers to learn from: the networks that could help a network where it is weak (three queries however
many networks there are), and a network's contact requests.

A network could help on a dimension when it chose to be contactable, chose to share that dimension, and its latest
agreed level on it (from the consensus of its most recent closed round on the same framework that agreed one) is
higher than this network's. Nothing else about it is read, so no one's unshared levels can show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from wayfinder.assessments.models import Consensus, Round
from wayfinder.assessments.queries import closed_by
from wayfinder.community.peers_models import PeerContact
from wayfinder.core import generations
from wayfinder.core.changes import Changes
from wayfinder.networks.models import Network, Privacy
from wayfinder.plans.models import Plan

# At most this many networks are offered, strongest help on the weakest dimension first.
PEERS_SHOWN = 6
# The networks that could help a network are worked out once and kept in the shared cache under this generation,
# which any change to a round (its agreed levels, dates), a network (its name, privacy, what it shares) or the
# hierarchy bumps; the day is part of the key, as a round closing on its date counts from the next day.
PEERS_GENERATION = "community:peers"
PEERS_SECONDS = 3600


@dataclass(frozen=True)
class AgreedRow:
    """One agreed level of a contactable network, with what the network shares."""

    network_id: int
    network_name: str
    network_slug: str
    network_privacy: str
    shared: tuple[str, ...]
    note: str
    dimension_key: str
    position: int
    level_name: str
    opens_on: date
    round_id: int


@dataclass(frozen=True)
class Strength:
    dimension_key: str
    dimension_name: str
    level: int
    level_name: str
    yours: float


@dataclass(frozen=True)
class Peer:
    network_id: int
    name: str
    slug: str
    listed: bool  # open or restricted: anyone signed in may open its page
    note: str
    strengths: tuple[Strength, ...]
    contact: PeerContact | None  # the latest request this network sent it


def framework_of(*, round_id: int | None, plan_id: int | None) -> tuple[int | None, str]:
    """The framework of the results or plan the panel is under, and its network's privacy. One query."""
    if round_id is not None:
        found = Round.objects.filter(pk=round_id).values_list("version__framework_id", "network__privacy").first()
    elif plan_id is not None:
        found = Plan.objects.filter(pk=plan_id).values_list("framework_id", "network__privacy").first()
    else:
        found = None
    return found if found is not None else (None, "")


def could_help(
    *,
    network_id: int,
    framework_id: int,
    levels: Mapping[str, float],
    weakest: Sequence[str],
    names: Mapping[str, str],
    today: date,
) -> list[Peer]:
    """The networks that could help this one where it is weakest (`peers_from`, with no contact requests yet),
    worked out once and kept until a change to a round or a network (`follow_changes`): one query when worked out,
    none after."""
    shown = {key: (levels.get(key), names.get(key, key)) for key in weakest}

    def compute() -> list[Peer]:
        rows = agreed_rows(network_id=network_id, framework_id=framework_id, dimension_keys=weakest, today=today)
        return peers_from(rows, levels=levels, weakest=weakest, names=names, contacts={})

    what = (network_id, framework_id, tuple(weakest), tuple(sorted(shown.items())), today)
    return generations.cached("community:peers:help", [PEERS_GENERATION], what, compute, PEERS_SECONDS)


def agreed_rows(*, network_id: int, framework_id: int, dimension_keys: Sequence[str], today: date) -> list[AgreedRow]:
    """Agreed levels on these dimensions of every other contactable network's closed rounds on the framework,
    latest round first. One query."""
    rows = (
        Consensus.objects.filter(
            closed_by(today, "round__"),
            round__version__framework_id=framework_id,
            dimension__key__in=list(dimension_keys),
            round__network__peer_sharing__contactable=True,
        )
        .exclude(round__network_id=network_id)
        .exclude(round__network__privacy=Privacy.CONFIDENTIAL)
        .order_by("-round__opens_on", "-round_id")
        .values_list(
            "round__network_id",
            "round__network__name",
            "round__network__slug",
            "round__network__privacy",
            "round__network__peer_sharing__dimension_keys",
            "round__network__peer_sharing__note",
            "dimension__key",
            "level__position",
            "level__name",
            "round__opens_on",
            "round_id",
        )
    )
    return [
        AgreedRow(
            network_id=row[0],
            network_name=row[1],
            network_slug=row[2],
            network_privacy=row[3],
            shared=tuple(row[4] or ()),
            note=row[5],
            dimension_key=row[6],
            position=row[7],
            level_name=row[8],
            opens_on=row[9],
            round_id=row[10],
        )
        for row in rows
    ]


def follow_changes(sender: Any, changes: Changes, **kwargs: Any) -> None:
    """`core.changes` listener: a change to a round or a network, or to the hierarchy, may change what other
    networks' leads are offered, so every dimension's agreed levels are read again."""
    if changes.rounds or changes.networks or changes.systems or changes.regions or changes.national:
        generations.bump([PEERS_GENERATION])


def peers_from(
    rows: Sequence[AgreedRow],
    *,
    levels: Mapping[str, float],
    weakest: Sequence[str],
    names: Mapping[str, str],
    contacts: Mapping[int, PeerContact],
    limit: int = PEERS_SHOWN,
) -> list[Peer]:
    """The networks that could help, worked out from plain rows: each network's latest agreed level on each
    dimension (rows come latest first), kept only where it shares that dimension and is above this network's
    level. Ordered by the weakest dimension they help with, then by how far above they are."""
    latest: dict[tuple[int, str], AgreedRow] = {}
    for row in rows:
        latest.setdefault((row.network_id, row.dimension_key), row)
    order = {key: index for index, key in enumerate(weakest)}
    found: dict[int, list[Strength]] = {}
    first: dict[int, AgreedRow] = {}
    for (network_id, key), row in latest.items():
        if key not in row.shared or key not in levels or row.position <= levels[key]:
            continue
        found.setdefault(network_id, []).append(
            Strength(
                dimension_key=key,
                dimension_name=names.get(key, key),
                level=row.position,
                level_name=row.level_name,
                yours=levels[key],
            )
        )
        first.setdefault(network_id, row)
    peers = []
    for network_id, strengths in found.items():
        strengths.sort(key=lambda s: (order.get(s.dimension_key, len(order)), -s.level))
        row = first[network_id]
        peers.append(
            Peer(
                network_id=network_id,
                name=row.network_name,
                slug=row.network_slug,
                listed=row.network_privacy in (Privacy.OPEN, Privacy.RESTRICTED),
                note=row.note,
                strengths=tuple(strengths),
                contact=contacts.get(network_id),
            )
        )
    peers.sort(
        key=lambda p: (
            order.get(p.strengths[0].dimension_key, len(order)),
            -(p.strengths[0].level - p.strengths[0].yours),
            p.name,
        )
    )
    return peers[:limit]


def latest_contacts(network_id: int) -> dict[int, PeerContact]:
    """The latest request this network sent to each network, by the network asked. One query."""
    latest: dict[int, PeerContact] = {}
    for contact in PeerContact.objects.filter(from_network_id=network_id).order_by("-created_at", "-pk"):
        latest.setdefault(contact.to_network_id, contact)
    return latest


def network_contacts(network: Network) -> tuple[list[PeerContact], list[PeerContact]]:
    """Requests the network received and those it sent, newest first. One query."""
    both: QuerySet[PeerContact] = (
        PeerContact.objects.filter(Q(from_network=network) | Q(to_network=network))
        .select_related("from_network", "to_network", "sent_by")
        .order_by("-created_at", "-pk")
    )
    received: list[PeerContact] = []
    sent: list[PeerContact] = []
    for contact in both:
        (received if contact.to_network_id == network.pk else sent).append(contact)
    return received, sent
