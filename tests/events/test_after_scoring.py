"""The pure rules after an event: marking a check, the check's summary, the survey in aggregate, attendance."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wayfinder.events.after_scoring import (
    AnswerFacts,
    AttemptFacts,
    AttendanceSummary,
    CheckQuestionKey,
    RatingResult,
    SurveyQuestionFacts,
    TextResult,
    check_summary,
    mark_attempt,
    passes,
    percent_of,
    survey_summary,
)

QUESTIONS = [CheckQuestionKey(1, 11), CheckQuestionKey(2, 21), CheckQuestionKey(3, 31)]


def test_all_right_answers_pass() -> None:
    marked = mark_attempt(QUESTIONS, {1: 11, 2: 21, 3: 31}, 70)
    assert (marked.correct, marked.total, marked.passed, marked.missed, marked.percent) == (3, 3, True, (), 100)


def test_a_wrong_and_an_unanswered_question_are_missed() -> None:
    marked = mark_attempt(QUESTIONS, {1: 11, 2: 22}, 30)
    assert marked.missed == (2, 3)
    assert marked.correct == 1
    assert marked.passed is True  # 1 of 3 is 33%, over 30%


def test_the_pass_mark_is_compared_exactly_not_after_rounding() -> None:
    assert passes(2, 3, 66) is True
    assert passes(2, 3, 67) is False
    assert passes(7, 10, 70) is True
    assert passes(0, 0, 1) is False


def test_percent_rounds_half_up_and_copes_with_nothing() -> None:
    assert percent_of(1, 8) == 13  # 12.5
    assert percent_of(2, 3) == 67
    assert percent_of(3, 0) == 0


@given(st.integers(0, 50), st.integers(1, 50), st.integers(1, 100))
def test_passing_matches_the_percentage(correct: int, total: int, mark: int) -> None:
    correct = min(correct, total)
    assert passes(correct, total, mark) == (correct / total * 100 >= mark - 1e-9)


def test_check_summary_counts_people_passing_at_any_attempt_and_misses_on_first_attempts() -> None:
    attempts = [
        AttemptFacts(person=1, order=1, passed=False, missed=(2, 3)),
        AttemptFacts(person=1, order=3, passed=True, missed=()),
        AttemptFacts(person=2, order=2, passed=False, missed=(2,)),
        AttemptFacts(person=3, order=4, passed=True, missed=(1,)),
    ]
    summary = check_summary(attempts, {1: "First", 2: "Second", 3: "Third"})
    assert (summary.took, summary.passed, summary.attempts, summary.pass_rate) == (3, 2, 4, 67)
    assert [(q.question_id, q.missed, q.of) for q in summary.most_missed] == [(2, 2, 3), (1, 1, 3), (3, 1, 3)]
    assert summary.most_missed[0].text == "Second"


def test_check_summary_leaves_out_questions_nobody_missed_and_keeps_to_the_limit() -> None:
    attempts = [AttemptFacts(person=n, order=n, passed=True, missed=(1,) if n % 2 else ()) for n in range(4)]
    summary = check_summary(attempts, {1: "One", 2: "Two"}, most=1)
    assert [q.question_id for q in summary.most_missed] == [1]
    empty = check_summary([], {1: "One"})
    assert (empty.took, empty.pass_rate, empty.most_missed) == (0, 0, ())


def test_survey_summary_counts_ratings_and_sorts_comments_without_names() -> None:
    questions = [SurveyQuestionFacts(1, "How useful was it?", True), SurveyQuestionFacts(2, "What next?", False)]
    answers = [
        AnswerFacts(1, 5, ""),
        AnswerFacts(1, 4, ""),
        AnswerFacts(1, 4, ""),
        AnswerFacts(1, None, ""),
        AnswerFacts(1, 9, ""),  # out of range: left out
        AnswerFacts(2, None, "more on data"),
        AnswerFacts(2, None, "   "),
        AnswerFacts(2, None, "Coaching"),
    ]
    summary = survey_summary(questions, answers, responded=4)
    rating, text = summary.results
    assert isinstance(rating, RatingResult) and isinstance(text, TextResult)
    assert rating.counts == (0, 0, 0, 2, 1)
    assert rating.answered == 3
    assert rating.average == 4.3
    assert rating.rows[3] == (4, 2, 67)
    assert text.comments == ("Coaching", "more on data")
    assert summary.responded == 4


def test_a_rating_question_nobody_answered_has_no_average() -> None:
    summary = survey_summary([SurveyQuestionFacts(1, "Rate it", True)], [], responded=0)
    result = summary.results[0]
    assert isinstance(result, RatingResult)
    assert result.average is None


def test_attendance_rate_is_of_those_registered() -> None:
    assert AttendanceSummary(registered=8, waiting=3, attended=6).rate == 75
    assert AttendanceSummary(registered=0, waiting=0, attended=0).rate == 0
