"""What happens after an event holds about a person, for "download my data": their attendance, their exit-survey
answers and their knowledge-check attempts. Deleting the account drops their own words (survey comments) and who
answered; their ratings and marks stay, with no one named, so the organiser's report stays right."""

from __future__ import annotations

from typing import Any

from wayfinder.comms.registry import DataFile
from wayfinder.events.after_models import Attendance, CheckAttempt, SurveyAnswer, SurveyResponse


def export(user: Any) -> list[DataFile]:
    attended = Attendance.objects.filter(registration__person=user).select_related("registration__event").order_by("pk")
    answers = (
        SurveyAnswer.objects.filter(response__person=user)
        .select_related("question", "response__survey__event")
        .order_by("response_id", "question__position", "pk")
    )
    attempts = CheckAttempt.objects.filter(person=user).select_related("check_item__event").order_by("pk")
    return [
        DataFile(
            name="events/attendance.csv",
            header=["Event", "Started", "Recorded"],
            rows=[[a.registration.event.title, a.registration.event.starts_at, a.created_at] for a in attended],
        ),
        DataFile(
            name="events/exit-survey-answers.csv",
            header=["Event", "Question", "Rating", "Your words", "Answered"],
            rows=[
                [
                    answer.response.survey.event.title,
                    answer.question.text,
                    answer.rating if answer.rating is not None else "",
                    answer.text,
                    answer.response.created_at,
                ]
                for answer in answers
            ],
        ),
        DataFile(
            name="events/knowledge-check-attempts.csv",
            header=["Event", "Answers right", "Questions", "Passed", "Taken"],
            rows=[
                [a.check_item.event.title, a.correct, a.total, "Yes" if a.passed else "No", a.created_at]
                for a in attempts
            ],
        ),
    ]


def erase(user: Any) -> None:
    SurveyAnswer.objects.filter(response__person=user).exclude(text="").update(text="")
    SurveyResponse.objects.filter(person=user).update(person=None)
    CheckAttempt.objects.filter(person=user).update(person=None, chosen={})
