"""Shared purpose: a network's members propose purpose statements, comment on them and vote; a lead adopts one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from wayfinder.core.models import TimeStampedModel


class PurposeBallot(TimeStampedModel):
    """One go at agreeing a network's purpose: members propose statements, a lead opens the vote, members vote
    (one vote each, changeable while it is open), a lead closes it and adopts one of its statements."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="purpose_ballots")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    voting_opened_at = models.DateTimeField(null=True, blank=True)
    voting_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(voting_opened_at__isnull=False),
                name="purpose_ballot_closes_after_voting_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"Purpose vote for {self.network_id}"

    @property
    def is_proposing(self) -> bool:
        return self.voting_opened_at is None

    @property
    def is_voting(self) -> bool:
        return self.voting_opened_at is not None and self.closed_at is None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class PurposeStatement(TimeStampedModel):
    """A statement of what the network is for, proposed by a member. At most one per ballot is adopted."""

    ballot = models.ForeignKey(PurposeBallot, on_delete=models.CASCADE, related_name="statements")
    text = models.TextField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot"], condition=Q(adopted_at__isnull=False), name="one_adopted_statement_per_ballot"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class PurposeComment(TimeStampedModel):
    statement = models.ForeignKey(PurposeStatement, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]


class PurposeVote(TimeStampedModel):
    """One member's vote in a ballot, for one of its statements; changing it moves the vote."""

    ballot = models.ForeignKey(PurposeBallot, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(PurposeStatement, on_delete=models.CASCADE, related_name="votes")
    # Kept without a name when the voter's account is deleted, so the count stays right.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="purpose_votes"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "voter"], name="one_purpose_vote_per_member")]
