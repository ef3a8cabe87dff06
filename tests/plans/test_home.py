"""When a plan's review falls due, with plain dates: every three months from the last review or the start, and
once more when the plan year ends."""

from __future__ import annotations

from datetime import date

from wayfinder.plans.home import months_on, review_due_on


def test_months_on_keeps_the_day_or_takes_the_last_day_of_a_shorter_month() -> None:
    assert months_on(date(2027, 1, 15), 3) == date(2027, 4, 15)
    assert months_on(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_on(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_a_plan_never_reviewed_is_due_three_months_after_it_starts() -> None:
    due = review_due_on(starts_on=date(2027, 4, 1), ends_on=date(2028, 3, 31), last_reviewed_on=None)

    assert due == date(2027, 7, 1)


def test_the_next_review_is_due_three_months_after_the_last() -> None:
    due = review_due_on(starts_on=date(2027, 4, 1), ends_on=date(2028, 3, 31), last_reviewed_on=date(2027, 8, 20))

    assert due == date(2027, 11, 20)


def test_the_last_review_is_due_when_the_plan_year_ends() -> None:
    due = review_due_on(starts_on=date(2027, 4, 1), ends_on=date(2028, 3, 31), last_reviewed_on=date(2028, 1, 10))

    assert due == date(2028, 3, 31)


def test_nothing_is_due_once_the_plan_was_reviewed_at_its_end() -> None:
    due = review_due_on(starts_on=date(2027, 4, 1), ends_on=date(2028, 3, 31), last_reviewed_on=date(2028, 3, 31))

    assert due is None
