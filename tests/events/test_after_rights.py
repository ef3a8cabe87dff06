"""A person's data after events: their attendance, survey answers and check attempts are in "download my data";
erasing them drops their words and who they were, and keeps the ratings and marks the report counts."""

from __future__ import annotations

from types import SimpleNamespace

from wayfinder.comms import registry
from wayfinder.events import after_services as s
from wayfinder.events.after_models import CheckAttempt, QuestionKind, SurveyAnswer, SurveyResponse
from wayfinder.events.after_reports import check_report, survey_report


def answered(w: SimpleNamespace) -> None:
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)
    rating = s.survey_question_add(event=w.event, kind=QuestionKind.RATING, text="How useful?")
    text = s.survey_question_add(event=w.event, kind=QuestionKind.TEXT, text="Anything else?")
    s.survey_send(event=w.event, by=w.national)
    s.survey_answer(event=w.event, person=w.member, answers={rating.pk: 3, text.pk: "My practice in Ravensby"})
    question = s.check_question_add(
        event=w.event, text="Q", options=[s.OptionInput("Yes", "", True), s.OptionInput("No", "", False)]
    )
    s.check_send(event=w.event, by=w.national)
    right = question.options.get(is_correct=True)
    s.check_attempt_submit(event=w.event, person=w.member, chosen={question.pk: right.pk})


def test_my_data_holds_attendance_answers_and_attempts(aworld: SimpleNamespace) -> None:
    w = aworld
    answered(w)
    exporter = next(e for e in registry.exporters() if e.key == "events-after")
    files = {file.name: file for file in exporter.export(w.member)}
    assert [row[0] for row in files["events/attendance.csv"].rows] == [w.event.title]
    answers = files["events/exit-survey-answers.csv"].rows
    assert sorted((row[1], row[2], row[3]) for row in answers) == [
        ("Anything else?", "", "My practice in Ravensby"),
        ("How useful?", 3, ""),
    ]
    assert [row[1:4] for row in files["events/knowledge-check-attempts.csv"].rows] == [[1, 1, "Yes"]]
    assert all(not file.rows for file in exporter.export(w.third))


def test_erasing_drops_words_and_names_but_keeps_ratings_and_marks(aworld: SimpleNamespace) -> None:
    w = aworld
    answered(w)
    eraser = next(e for e in registry.erasers() if e.key == "events-after")
    eraser.erase(w.member)
    assert not SurveyAnswer.objects.exclude(text="").exists()
    assert not SurveyResponse.objects.filter(person__isnull=False).exists()
    assert not CheckAttempt.objects.filter(person__isnull=False).exists()
    survey = survey_report(w.event.survey)
    assert survey.responded == 1 and survey.results[0].counts == (0, 0, 1, 0, 0)  # type: ignore[union-attr]
    check = check_report(w.event.knowledge_check)
    assert (check.took, check.passed) == (1, 1)
