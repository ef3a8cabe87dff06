"""Live consensus sessions: the facilitator's big screen steps through the dimensions, people answer on their
phones with a short code, and the facilitator records the agreed level, notes and improvement priorities.

Every write is atomic and raises ValidationError with a message a person understands; views check permission
(wayfinder.assessments.permissions) first.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.assessments import permissions, scoring
from wayfinder.assessments.models import (
    Consensus,
    LiveAnswer,
    LiveSession,
    Participant,
    Priority,
    Rating,
    Round,
    SessionStatus,
)
from wayfinder.core.changes import changed
from wayfinder.frameworks.models import Dimension, Level

# No 0/O or 1/I: a code read off a projector should not be mistyped.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
UNKNOWN_CODE = "No session is running with that code. Check the code on the big screen and try again."
ENDED_CODE = "The session with that code has ended. If a new one has started, use the code on the big screen."


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper()[: CODE_LENGTH + 2]


def running_session(round_: Round) -> LiveSession | None:
    return round_.sessions.exclude(status=SessionStatus.ENDED).order_by("-pk").first()


@transaction.atomic
def session_start(*, round_: Round, user: User) -> LiveSession:
    """Start a session for the round, or return the one already running (so a double click starts one)."""
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    existing = running_session(round_)
    if existing is not None:
        return existing
    first = round_.version.dimensions.order_by("position").first()
    if first is None:
        raise ValidationError("This framework has no dimensions to discuss.")
    for _ in range(10):
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    round=round_,
                    code=_new_code(),
                    facilitator=user,
                    status=SessionStatus.RUNNING,
                    current_dimension=first,
                    started_at=timezone.now(),
                )
        except IntegrityError:  # the code was taken: draw another
            continue
    raise ValidationError("Could not make a session code. Try again.")


def _check_running(session: LiveSession) -> None:
    if session.status == SessionStatus.ENDED:
        raise ValidationError("This session has ended.")


@transaction.atomic
def session_move(*, session: LiveSession, dimension_id: int, user: User) -> LiveSession:
    _check_running(session)
    if not session.round.version.dimensions.filter(pk=dimension_id).exists():
        raise ValidationError("That dimension is not part of this round's framework.")
    session.current_dimension_id = dimension_id
    session.save(update_fields=["current_dimension", "updated_at"])
    return session


@transaction.atomic
def session_join(*, code: str, user: User) -> Participant:
    """Join the running session with this code. Members of the network, and people invited to rate in the
    round, may take part (permissions.can_take_part_in_session)."""
    # Codes are unique for ever, so an old code finds its ended session rather than someone else's.
    session = LiveSession.objects.select_related("round__network").filter(code=normalise_code(code)).first()
    if session is None:
        raise ValidationError({"code": UNKNOWN_CODE})
    if session.status == SessionStatus.ENDED:
        raise ValidationError({"code": ENDED_CODE})
    if not permissions.can_take_part_in_session(user, session):
        raise ValidationError({"code": "Only members of the network and people invited to rate can join this session."})
    participant, _ = Participant.objects.get_or_create(session=session, user=user)
    return participant


@transaction.atomic
def answer_save(*, participant: Participant, level_id: int, dimension_id: int | None = None) -> LiveAnswer:
    """Save (or replace) the participant's answer to the dimension on the big screen. A phone passes the
    dimension it showed, so an answer sent just after the facilitator moved on is refused rather than counted
    against the wrong dimension."""
    session = LiveSession.objects.select_related("round").get(pk=participant.session_id)
    _check_running(session)
    if session.current_dimension_id is None:
        raise ValidationError("Wait for the facilitator to show the first question.")
    if dimension_id is not None and dimension_id != session.current_dimension_id:
        raise ValidationError(
            "The facilitator has moved on to another question, so your answer was not sent. Answer this one.",
            code="moved_on",
        )
    if not Level.objects.filter(pk=level_id, version_id=session.round.version_id).exists():
        raise ValidationError({"level": "Choose one of the levels shown"})
    answer, _ = LiveAnswer.objects.update_or_create(
        participant=participant, dimension_id=session.current_dimension_id, defaults={"level_id": level_id}
    )
    return answer


@dataclass(frozen=True)
class Bar:
    level_id: int
    position: int
    name: str
    count: int
    percent: int


@dataclass(frozen=True)
class Distribution:
    dimension_id: int
    bars: tuple[Bar, ...]
    answered: int
    participants: int
    lowest: int | None
    highest: int | None

    @property
    def lowest_level_id(self) -> int | None:
        """The level to suggest as agreed: the lowest anyone chose (see suggested_level)."""
        suggested = suggested_level(lowest=self.lowest)
        return next((bar.level_id for bar in self.bars if bar.position == suggested), None)

    @property
    def digest(self) -> str:
        """Changes whenever what the big screen shows changes, so a poll can answer "nothing new" cheaply."""
        counts = "-".join(str(bar.count) for bar in self.bars)
        return f"{self.dimension_id}.{self.participants}.{counts}"

    @property
    def range_text(self) -> str:
        if self.lowest is None or self.highest is None:
            return "No answers yet"
        if self.lowest == self.highest:
            return f"Everyone chose level {self.lowest}"
        return f"Answers ranged from level {self.lowest} to level {self.highest}"


def distribution(session: LiveSession, dimension_id: int | None = None) -> Distribution:
    """How the answers to one dimension spread across the levels: three queries however many answer."""
    dimension_id = dimension_id or session.current_dimension_id or 0
    levels = list(
        Level.objects.filter(version_id=session.round.version_id)
        .order_by("position")
        .values_list("pk", "position", "name")
    )
    counts = dict(
        LiveAnswer.objects.filter(participant__session=session, dimension_id=dimension_id)
        .values_list("level_id")
        .annotate(n=Count("pk"))
        .values_list("level_id", "n")
    )
    participants = Participant.objects.filter(session=session).count()
    answered = sum(counts.values())
    chosen = [position for pk, position, _ in levels if counts.get(pk)]
    bars = tuple(
        Bar(pk, position, name, counts.get(pk, 0), round(100 * counts.get(pk, 0) / answered) if answered else 0)
        for pk, position, name in levels
    )
    return Distribution(
        dimension_id=dimension_id,
        bars=bars,
        answered=answered,
        participants=participants,
        lowest=min(chosen) if chosen else None,
        highest=max(chosen) if chosen else None,
    )


def spread_for(*, round_: Round, session: LiveSession | None, dimension_id: int) -> tuple[int | None, int | None]:
    """The lowest and highest level people chose for a dimension: live answers when there are any, otherwise
    the round's ratings."""
    if session is not None:
        live = LiveAnswer.objects.filter(participant__session=session, dimension_id=dimension_id).aggregate(
            low=Min("level__position"), high=Max("level__position")
        )
        if live["low"] is not None:
            return live["low"], live["high"]
    rated = Rating.objects.filter(rater__round=round_, dimension_id=dimension_id).aggregate(
        low=Min("level__position"), high=Max("level__position")
    )
    return rated["low"], rated["high"]


def suggested_level(*, lowest: int | None) -> int | None:
    """The default agreed level: the lowest anyone chose (scoring.default_consensus)."""
    return scoring.default_consensus([lowest]) if lowest is not None else None


@transaction.atomic
def consensus_record(
    *, round_: Round, dimension_id: int, level_id: int, notes: str, user: User, session: LiveSession | None = None
) -> Consensus:
    if session is not None:
        if session.round_id != round_.pk:
            raise ValidationError("That session belongs to another round.")
        _check_running(session)
    dimension = Dimension.objects.filter(pk=dimension_id, version_id=round_.version_id).first()
    if dimension is None:
        raise ValidationError("That dimension is not part of this round's framework.")
    if not Level.objects.filter(pk=level_id, version_id=round_.version_id).exists():
        raise ValidationError({"level": "Choose one of the levels shown"})
    if len(notes) > 5000:
        raise ValidationError({"notes": "Notes must be 5,000 characters or fewer"})
    lowest, highest = spread_for(round_=round_, session=session, dimension_id=dimension_id)
    consensus, _ = Consensus.objects.update_or_create(
        round=round_,
        dimension=dimension,
        defaults={
            "level_id": level_id,
            "lowest": lowest,
            "highest": highest,
            "notes": notes.strip(),
            "recorded_by": user,
        },
    )
    changed(rounds=[round_.pk])
    return consensus


@transaction.atomic
def priority_add(*, round_: Round, text: str, dimension_id: int | None, user: User) -> Priority:
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": "Enter the improvement priority"})
    if len(text) > 500:
        raise ValidationError({"text": "A priority must be 500 characters or fewer"})
    if (
        dimension_id is not None
        and not Dimension.objects.filter(pk=dimension_id, version_id=round_.version_id).exists()
    ):
        raise ValidationError({"dimension": "Choose a dimension from the list"})
    position = (round_.priorities.aggregate(top=Max("position"))["top"] or 0) + 1
    return Priority.objects.create(round=round_, text=text, dimension_id=dimension_id, position=position)


@transaction.atomic
def priority_remove(*, priority: Priority, user: User) -> None:
    priority.delete()


@transaction.atomic
def session_end(*, session: LiveSession, user: User) -> LiveSession:
    _check_running(session)
    session.status = SessionStatus.ENDED
    session.ended_at = timezone.now()
    session.save(update_fields=["status", "ended_at", "updated_at"])
    return session
