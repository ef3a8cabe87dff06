"""After an event, worked out from plain values: marking a knowledge check, the exit survey's results in aggregate,
and the figures of the organiser's report. No Django here, so each rule is tested with plain values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

RATING_MIN = 1
RATING_MAX = 5


# The knowledge check -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckQuestionKey:
    """One question of a check as marking needs it: its id and the id of its one right option."""

    question_id: int
    correct_option_id: int


@dataclass(frozen=True)
class Marked:
    """A marked attempt: how many answers were right, of how many, whether that passes, and the questions missed."""

    correct: int
    total: int
    passed: bool
    missed: tuple[int, ...]

    @property
    def percent(self) -> int:
        return percent_of(self.correct, self.total)


def percent_of(part: int, whole: int) -> int:
    """`part` of `whole` as a whole percentage, rounded half up (0 when there is no whole)."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


def passes(correct: int, total: int, pass_mark: int) -> bool:
    """Whether `correct` answers of `total` reach a pass mark given as a percentage. Compared exactly, not after
    rounding: 2 of 3 (66.7%) does not reach 67%."""
    if total <= 0:
        return False
    return 100 * correct >= pass_mark * total


def mark_attempt(questions: Sequence[CheckQuestionKey], chosen: Mapping[int, int], pass_mark: int) -> Marked:
    """Mark the options chosen (question id: option id) against the right ones. A question left unanswered, or
    answered with an option that is not its right one, is missed."""
    missed = tuple(q.question_id for q in questions if chosen.get(q.question_id) != q.correct_option_id)
    correct = len(questions) - len(missed)
    return Marked(
        correct=correct, total=len(questions), passed=passes(correct, len(questions), pass_mark), missed=missed
    )


@dataclass(frozen=True)
class AttemptFacts:
    """One attempt at a check, as the report needs it: whose (an anonymous number will do), in which order they
    were made, whether it passed and the questions it missed."""

    person: int
    order: int
    passed: bool
    missed: tuple[int, ...]


@dataclass(frozen=True)
class MissedQuestion:
    question_id: int
    text: str
    missed: int
    of: int

    @property
    def percent(self) -> int:
        return percent_of(self.missed, self.of)


@dataclass(frozen=True)
class CheckSummary:
    """The knowledge check across everyone who took it."""

    took: int  # people who made at least one attempt
    passed: int  # people who passed at some attempt
    attempts: int
    most_missed: tuple[MissedQuestion, ...]

    @property
    def pass_rate(self) -> int:
        return percent_of(self.passed, self.took)


def check_summary(
    attempts: Iterable[AttemptFacts], question_texts: Mapping[int, str], *, most: int = 3
) -> CheckSummary:
    """Who took the check, who passed (at any attempt, since retakes are allowed), and the questions most often
    missed. Misses are counted on each person's first attempt: later attempts follow the feedback on the first, so
    they say less about what the event taught."""
    attempts = sorted(attempts, key=lambda attempt: attempt.order)
    first: dict[int, AttemptFacts] = {}
    passed: set[int] = set()
    for attempt in attempts:
        first.setdefault(attempt.person, attempt)
        if attempt.passed:
            passed.add(attempt.person)
    misses = Counter(question for attempt in first.values() for question in attempt.missed)
    ranked = sorted(
        (question for question in question_texts if misses[question]),
        key=lambda question: (-misses[question], list(question_texts).index(question)),
    )
    return CheckSummary(
        took=len(first),
        passed=len(passed),
        attempts=len(attempts),
        most_missed=tuple(
            MissedQuestion(question_id=q, text=question_texts[q], missed=misses[q], of=len(first))
            for q in ranked[:most]
        ),
    )


# The exit survey -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingResult:
    """The answers to one 1 to 5 question: how many gave each rating, and the average."""

    question_id: int
    text: str
    counts: tuple[int, ...]  # how many answered 1, 2, 3, 4 and 5

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def average(self) -> float | None:
        if not self.answered:
            return None
        total = sum(
            rating * count for rating, count in zip(range(RATING_MIN, RATING_MAX + 1), self.counts, strict=True)
        )
        return round(total / self.answered, 1)

    @property
    def rows(self) -> list[tuple[int, int, int]]:
        """Each rating with how many gave it and what share of those who answered, for a table."""
        return [
            (rating, count, percent_of(count, self.answered))
            for rating, count in zip(range(RATING_MIN, RATING_MAX + 1), self.counts, strict=True)
        ]


@dataclass(frozen=True)
class TextResult:
    """The answers to one free-text question, without who gave them."""

    question_id: int
    text: str
    comments: tuple[str, ...]


@dataclass(frozen=True)
class SurveyQuestionFacts:
    question_id: int
    text: str
    is_rating: bool


@dataclass(frozen=True)
class AnswerFacts:
    question_id: int
    rating: int | None
    text: str


@dataclass(frozen=True)
class SurveySummary:
    responded: int
    results: tuple[RatingResult | TextResult, ...] = field(default_factory=tuple)


def survey_summary(
    questions: Sequence[SurveyQuestionFacts], answers: Iterable[AnswerFacts], *, responded: int
) -> SurveySummary:
    """Each question's answers in aggregate, in the survey's order. Comments are sorted, so their order says
    nothing about who wrote them or when; blank comments and ratings out of range are left out."""
    counts: dict[int, Counter[int]] = {q.question_id: Counter() for q in questions if q.is_rating}
    comments: dict[int, list[str]] = {q.question_id: [] for q in questions if not q.is_rating}
    for answer in answers:
        if answer.question_id in counts:
            if answer.rating is not None and RATING_MIN <= answer.rating <= RATING_MAX:
                counts[answer.question_id][answer.rating] += 1
        elif answer.question_id in comments and answer.text.strip():
            comments[answer.question_id].append(answer.text.strip())
    results: list[RatingResult | TextResult] = []
    for question in questions:
        if question.is_rating:
            tally = counts[question.question_id]
            results.append(
                RatingResult(
                    question_id=question.question_id,
                    text=question.text,
                    counts=tuple(tally[rating] for rating in range(RATING_MIN, RATING_MAX + 1)),
                )
            )
        else:
            results.append(
                TextResult(
                    question_id=question.question_id,
                    text=question.text,
                    comments=tuple(sorted(comments[question.question_id], key=str.casefold)),
                )
            )
    return SurveySummary(responded=responded, results=tuple(results))


# Attendance ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceSummary:
    registered: int
    waiting: int
    attended: int

    @property
    def rate(self) -> int:
        """Attendance as a percentage of those registered at the time of the event."""
        return percent_of(self.attended, self.registered)
