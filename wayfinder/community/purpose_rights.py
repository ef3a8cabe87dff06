"""What shared purpose holds about a person, for "download my data": the statements they proposed, their comments
and their votes. Deleting the account deletes their comments; their statements stay with the network, no longer
naming them, and their votes stay in the counts without their name."""

from __future__ import annotations

from typing import Any

from wayfinder.comms.registry import DataFile
from wayfinder.community.purpose_models import PurposeComment, PurposeStatement, PurposeVote


def export(user: Any) -> list[DataFile]:
    statements = PurposeStatement.objects.filter(proposed_by=user).select_related("ballot__network").order_by("pk")
    comments = PurposeComment.objects.filter(author=user).select_related("statement__ballot__network").order_by("pk")
    votes = PurposeVote.objects.filter(voter=user).select_related("statement", "ballot__network").order_by("pk")
    return [
        DataFile(
            name="community/purpose-statements-you-proposed.csv",
            header=["Network", "Statement", "Proposed", "Adopted"],
            rows=[[s.ballot.network.name, s.text, s.created_at, s.adopted_at or ""] for s in statements],
        ),
        DataFile(
            name="community/purpose-comments.csv",
            header=["Network", "On the statement", "Comment", "Written"],
            rows=[[c.statement.ballot.network.name, c.statement.text, c.text, c.created_at] for c in comments],
        ),
        DataFile(
            name="community/purpose-votes.csv",
            header=["Network", "Voted for", "Last changed"],
            rows=[[v.ballot.network.name, v.statement.text, v.updated_at] for v in votes],
        ),
    ]


def erase(user: Any) -> None:
    PurposeComment.objects.filter(author=user).delete()
    PurposeStatement.objects.filter(proposed_by=user).update(proposed_by=None)
    PurposeStatement.objects.filter(adopted_by=user).update(adopted_by=None)
    PurposeVote.objects.filter(voter=user).update(voter=None)
