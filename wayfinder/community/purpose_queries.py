"""Reads for shared purpose: a network's ballots with their statements, comments and votes (four queries however
many there are), and the statement it adopted last, for its page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from wayfinder.community.purpose_models import PurposeBallot, PurposeComment, PurposeStatement, PurposeVote
from wayfinder.networks.models import Network


@dataclass
class StatementRow:
    statement: PurposeStatement
    votes: int
    comments: list[PurposeComment] = field(default_factory=list)
    mine: bool = False  # the person's vote is for this statement


@dataclass
class BallotRow:
    ballot: PurposeBallot
    statements: list[StatementRow]
    voters: int
    adopted: PurposeStatement | None


def purpose_page(network: Network, user: Any) -> list[BallotRow]:
    """The network's ballots, newest first, each with its statements in the order they were proposed."""
    ballots = list(
        PurposeBallot.objects.filter(network=network)
        .select_related("voting_opened_by", "closed_by")
        .annotate(voters=Count("votes"))
        .order_by("-created_at", "-pk")
    )
    statements = (
        PurposeStatement.objects.filter(ballot__network=network)
        .select_related("proposed_by", "adopted_by")
        .annotate(vote_count=Count("votes"))
        .order_by("created_at", "pk")
    )
    comments: dict[int, list[PurposeComment]] = defaultdict(list)
    for comment in (
        PurposeComment.objects.filter(statement__ballot__network=network)
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        comments[comment.statement_id].append(comment)
    mine = set(
        PurposeVote.objects.filter(ballot__network=network, voter_id=user.pk).values_list("statement_id", flat=True)
    )
    by_ballot: dict[int, list[StatementRow]] = defaultdict(list)
    for statement in statements:
        by_ballot[statement.ballot_id].append(
            StatementRow(
                statement=statement,
                votes=statement.vote_count,  # type: ignore[attr-defined]
                comments=comments.get(statement.pk, []),
                mine=statement.pk in mine,
            )
        )
    return [
        BallotRow(
            ballot=ballot,
            statements=by_ballot.get(ballot.pk, []),
            voters=ballot.voters,  # type: ignore[attr-defined]
            adopted=next((row.statement for row in by_ballot.get(ballot.pk, []) if row.statement.adopted_at), None),
        )
        for ballot in ballots
    ]


def adopted_purpose(network_id: int) -> PurposeStatement | None:
    """The statement the network adopted most recently, or None. One query."""
    return (
        PurposeStatement.objects.filter(ballot__network_id=network_id, adopted_at__isnull=False)
        .order_by("-adopted_at", "-pk")
        .first()
    )
