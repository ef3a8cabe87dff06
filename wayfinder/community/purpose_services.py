"""Every write of shared purpose: propose, comment, vote, open and close the vote, adopt a statement."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.community.purpose_models import PurposeBallot, PurposeComment, PurposeStatement, PurposeVote
from wayfinder.community.purpose_permissions import can_run_purpose_vote, can_take_part
from wayfinder.core.changes import changed
from wayfinder.networks.models import Network

STATEMENT_MAX = 1000
COMMENT_MAX = 2000


def current_ballot(network: Network) -> PurposeBallot | None:
    """The network's latest ballot, if it has not closed."""
    latest = PurposeBallot.objects.filter(network=network).order_by("-created_at", "-pk").first()
    return latest if latest is not None and not latest.is_closed else None


def _locked_ballot(ballot_id: int) -> PurposeBallot:
    return PurposeBallot.objects.select_for_update().get(pk=ballot_id)


def _require_participant(user: User, network: Network) -> None:
    if not can_take_part(user, network):
        raise ValidationError("Only members of the network can take part in agreeing its purpose")


def _require_lead(user: User, network: Network) -> None:
    if not can_run_purpose_vote(user, network):
        raise ValidationError("Only the network's lead can run the vote on its purpose")


def _clean_text(text: str, *, most: int, what: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": f"Write your {what}"})
    if len(text) > most:
        raise ValidationError({"text": f"Your {what} must be {most:,} characters or fewer"})
    return text


@transaction.atomic
def purpose_propose(*, network: Network, user: User, text: str) -> PurposeStatement:
    """Propose a statement for the current ballot, starting one if there is none. Not while a vote is open, so
    everyone votes on the same statements."""
    _require_participant(user, network)
    text = _clean_text(text, most=STATEMENT_MAX, what="purpose statement")
    # Lock the network's row so two first proposals cannot start two ballots at once.
    Network.objects.select_for_update().filter(pk=network.pk).first()
    ballot = current_ballot(network)
    if ballot is None:
        ballot = PurposeBallot.objects.create(network=network, started_by=user)
    elif not ballot.is_proposing:
        raise ValidationError("The vote is open, so no new statements can be added until the lead closes it")
    statement = PurposeStatement.objects.create(ballot=ballot, text=text, proposed_by=user)
    changed(networks=[network.pk])
    return statement


@transaction.atomic
def purpose_comment(*, statement: PurposeStatement, user: User, text: str) -> PurposeComment:
    ballot = PurposeBallot.objects.select_related("network").get(pk=statement.ballot_id)
    _require_participant(user, ballot.network)
    text = _clean_text(text, most=COMMENT_MAX, what="comment")
    if ballot.is_closed:
        raise ValidationError("This vote has closed, so its statements take no more comments")
    return PurposeComment.objects.create(statement=statement, author=user, text=text)


@transaction.atomic
def purpose_vote(*, statement: PurposeStatement, user: User) -> PurposeVote:
    """Vote for a statement; voting again in the same ballot moves the vote. Only while the vote is open."""
    ballot = _locked_ballot(statement.ballot_id)
    _require_participant(user, ballot.network)
    if ballot.is_proposing:
        raise ValidationError("Voting has not opened yet")
    if ballot.is_closed:
        raise ValidationError("This vote has closed, so votes can no longer be changed")
    vote, _ = PurposeVote.objects.update_or_create(ballot=ballot, voter=user, defaults={"statement": statement})
    changed(people=[user.pk])  # their home's to-do to vote is done
    return vote


@transaction.atomic
def purpose_voting_open(*, network: Network, user: User) -> PurposeBallot:
    _require_lead(user, network)
    ballot = current_ballot(network)
    if ballot is None:
        raise ValidationError("There are no statements to vote on yet")
    ballot = _locked_ballot(ballot.pk)
    if not ballot.is_proposing:
        raise ValidationError("The vote is already open")
    if not ballot.statements.exists():
        raise ValidationError("There are no statements to vote on yet")
    ballot.voting_opened_at = timezone.now()
    ballot.voting_opened_by = user
    ballot.save(update_fields=["voting_opened_at", "voting_opened_by", "updated_at"])
    changed(networks=[network.pk])
    return ballot


@transaction.atomic
def purpose_voting_close(*, network: Network, user: User) -> PurposeBallot:
    _require_lead(user, network)
    ballot = current_ballot(network)
    if ballot is None or ballot.is_proposing:
        raise ValidationError("There is no open vote to close")
    ballot = _locked_ballot(ballot.pk)
    if ballot.is_closed:
        raise ValidationError("This vote has already closed")
    ballot.closed_at = timezone.now()
    ballot.closed_by = user
    ballot.save(update_fields=["closed_at", "closed_by", "updated_at"])
    changed(networks=[network.pk])
    return ballot


@transaction.atomic
def purpose_adopt(*, statement: PurposeStatement, user: User) -> PurposeStatement:
    """Adopt a statement of a closed vote as the network's purpose; it shows on the network's page from now."""
    ballot = _locked_ballot(statement.ballot_id)
    _require_lead(user, ballot.network)
    if not ballot.is_closed:
        raise ValidationError("Close the vote before adopting a statement")
    if ballot.statements.filter(adopted_at__isnull=False).exists():
        raise ValidationError("A statement from this vote has already been adopted")
    statement.adopted_at = timezone.now()
    statement.adopted_by = user
    statement.save(update_fields=["adopted_at", "adopted_by", "updated_at"])
    changed(networks=[ballot.network_id])
    return statement
