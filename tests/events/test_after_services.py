"""Writes after an event: attendance ticked and imported, the recording published in the hub, the survey and the
check sent once to attendees and answered by them only."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.events.after_world import past_event, register
from wayfinder.comms.models import Delivery
from wayfinder.events import after_services as s
from wayfinder.events.after_models import Attendance, CheckAttempt, QuestionKind, SurveyAnswer
from wayfinder.hub.models import ResourceKind, ResourcePage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attended(w: SimpleNamespace) -> set[int]:
    return s.attendee_ids(w.event)


def test_ticking_records_exactly_those_ticked(aworld: SimpleNamespace) -> None:
    w = aworld
    assert s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk, w.reg_third.pk], by=w.national) == (2, 0)
    assert attended(w) == {w.member.pk, w.third.pk}
    assert s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national) == (0, 1)
    assert attended(w) == {w.member.pk}


def test_only_registered_people_can_be_ticked(aworld: SimpleNamespace) -> None:
    w = aworld
    with pytest.raises(ValidationError, match="registered"):
        s.attendance_set(event=w.event, registration_ids=[w.reg_waiting.pk], by=w.national)
    other = past_event(title="Another")
    stranger = register(other, w.lead)
    with pytest.raises(ValidationError):
        s.attendance_set(event=w.event, registration_ids=[stranger.pk], by=w.national)
    assert not Attendance.objects.exists()


def test_attendance_waits_for_the_event_to_start(aworld: SimpleNamespace) -> None:
    w = aworld
    w.event.starts_at = timezone.now() + timedelta(days=1)
    w.event.ends_at = w.event.starts_at + timedelta(hours=1)
    w.event.save()
    with pytest.raises(ValidationError, match="once the event has started"):
        s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)


def test_an_import_marks_registrants_by_email_in_any_case(aworld: SimpleNamespace) -> None:
    w = aworld
    text = "Name,Email\nMax,MEMBER@example.org\nMax again,member@example.org\nTia,third@example.org\n"
    dry = s.attendance_import(event=w.event, source=text, dry_run=True, by=w.national)
    assert dry.ok and not dry.saved and dry.marked == ["Max Member", "Tia Third"]
    assert not Attendance.objects.exists()
    report = s.attendance_import(event=w.event, source=text, dry_run=False, by=w.national)
    assert report.saved and attended(w) == {w.member.pk, w.third.pk}
    again = s.attendance_import(event=w.event, source=text, dry_run=False, by=w.national)
    assert again.marked == [] and again.already == 2


def test_an_import_with_one_bad_row_saves_nothing_and_names_each_line(aworld: SimpleNamespace) -> None:
    w = aworld
    text = "email\nmember@example.org\nnobody@example.org\noutsider@example.org\nnot an address\n"
    report = s.attendance_import(event=w.event, source=text.encode(), dry_run=False, by=w.national)
    assert not report.saved
    assert [(p.line, p.column) for p in report.sorted_problems()] == [(3, "email"), (4, "email"), (5, "email")]
    assert "nobody@example.org" in report.sorted_problems()[0].message
    assert not Attendance.objects.exists()


def test_the_recording_and_slides_are_published_in_the_hub_tagged_like_the_event(aworld: SimpleNamespace) -> None:
    w = aworld
    slides = SimpleUploadedFile("slides.pdf", PDF, content_type="application/pdf")
    recording = s.recording_save(event=w.event, url="https://video.example.org/1", slides=slides, by=w.national)
    page = ResourcePage.objects.live().get(pk=recording.resource_id)
    assert page.kind == ResourceKind.WEBINAR
    assert page.external_link == "https://video.example.org/1"
    assert (page.dimension_keys, page.support_domain_keys) == (["leadership"], ["data"])
    assert list(page.topics.names()) == ["measurement"]
    assert [d.document_id for d in page.documents.all()] == [recording.slides_id]
    # Changing the link updates the same resource.
    s.recording_save(event=w.event, url="https://video.example.org/2", slides=None, by=w.national)
    assert ResourcePage.objects.filter(kind=ResourceKind.WEBINAR).count() == 1
    page.refresh_from_db()
    assert page.external_link == "https://video.example.org/2"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("slides.exe", PDF, "must be a PDF or a presentation"),
        ("slides.pdf", b"MZ not a pdf", "not a real PDF file"),
    ],
)
def test_slides_of_the_wrong_type_are_refused(aworld: SimpleNamespace, name: str, content: bytes, message: str) -> None:
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError, match=message):
        s.recording_save(event=aworld.event, url="", slides=upload, by=aworld.national)
    assert not ResourcePage.objects.filter(kind=ResourceKind.WEBINAR).exists()


def test_slides_that_are_too_big_are_refused(aworld: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(s, "MAX_DOCUMENT_BYTES", 10)
    with pytest.raises(ValidationError, match="MB or smaller"):
        s.recording_save(event=aworld.event, url="", slides=SimpleUploadedFile("s.pdf", PDF), by=aworld.national)


def make_survey(w: SimpleNamespace) -> tuple[int, int]:
    rating = s.survey_question_add(event=w.event, kind=QuestionKind.RATING, text="How useful was it?")
    text = s.survey_question_add(event=w.event, kind=QuestionKind.TEXT, text="What would you change?")
    return rating.pk, text.pk


def test_the_survey_goes_to_attendees_once(aworld: SimpleNamespace) -> None:
    w = aworld
    make_survey(w)
    with pytest.raises(ValidationError, match="Record who attended"):
        s.survey_send(event=w.event, by=w.national)
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)
    assert s.survey_send(event=w.event, by=w.national) == 1
    assert s.survey_send(event=w.event, by=w.national) == 0
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk, w.reg_third.pk], by=w.national)
    assert s.survey_send(event=w.event, by=w.national) == 1
    recipients = sorted(Delivery.objects.filter(kind="events.follow-up").values_list("recipient", flat=True))
    assert recipients == ["member@example.org", "third@example.org"]
    with pytest.raises(ValidationError, match="cannot change"):
        s.survey_question_add(event=w.event, kind=QuestionKind.TEXT, text="Late question")


def test_only_attendees_answer_the_survey_and_only_once(aworld: SimpleNamespace) -> None:
    w = aworld
    rating, text = make_survey(w)
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)
    s.survey_send(event=w.event, by=w.national)
    with pytest.raises(ValidationError, match="Only people who attended"):
        s.survey_answer(event=w.event, person=w.third, answers={rating: 4, text: ""})
    with pytest.raises(ValidationError, match="Choose a rating"):
        s.survey_answer(event=w.event, person=w.member, answers={rating: 6, text: ""})
    s.survey_answer(event=w.event, person=w.member, answers={rating: 4, text: "More examples"})
    with pytest.raises(ValidationError, match="already answered"):
        s.survey_answer(event=w.event, person=w.member, answers={rating: 5, text: ""})
    assert set(SurveyAnswer.objects.values_list("rating", "text")) == {(None, "More examples"), (4, "")}


def make_check(w: SimpleNamespace, pass_mark: int = 50) -> list[tuple[int, int, int]]:
    """Two questions; returns each question's id with its right and a wrong option's id."""
    s.check_settings_save(event=w.event, pass_mark=pass_mark, certificate_needs_pass=True)
    ids = []
    for n in range(2):
        question = s.check_question_add(
            event=w.event,
            text=f"Question {n}",
            options=[
                s.OptionInput(text="Right", feedback="Yes, because.", is_correct=True),
                s.OptionInput(text="Wrong", feedback="No, because.", is_correct=False),
                s.OptionInput(text="", feedback="", is_correct=False),
            ],
        )
        right, wrong = question.options.order_by("position")
        ids.append((question.pk, right.pk, wrong.pk))
    return ids


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([s.OptionInput("Only one", "", True)], "at least two"),
        ([s.OptionInput("A", "", False), s.OptionInput("B", "", False)], "which one answer is right"),
        ([s.OptionInput("A", "", True), s.OptionInput("B", "", True)], "which one answer is right"),
    ],
)
def test_a_check_question_needs_choices_and_one_right_answer(
    aworld: SimpleNamespace, options: list[s.OptionInput], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        s.check_question_add(event=aworld.event, text="Q", options=options)


def test_attendees_take_the_check_and_may_retake_it(aworld: SimpleNamespace) -> None:
    w = aworld
    (q1, r1, _), (q2, r2, w2) = make_check(w, pass_mark=100)
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)
    with pytest.raises(ValidationError, match="no knowledge check"):
        s.check_attempt_submit(event=w.event, person=w.member, chosen={q1: r1, q2: r2})
    assert s.check_send(event=w.event, by=w.national) == 1
    first = s.check_attempt_submit(event=w.event, person=w.member, chosen={q1: r1, q2: w2})
    assert (first.correct, first.total, first.passed, first.missed) == (1, 2, False, [q2])
    second = s.check_attempt_submit(event=w.event, person=w.member, chosen={q1: r1, q2: r2})
    assert second.passed
    with pytest.raises(ValidationError, match="Choose an answer"):
        s.check_attempt_submit(event=w.event, person=w.member, chosen={q1: r1, q2: r1})
    with pytest.raises(ValidationError, match="Only people who attended"):
        s.check_attempt_submit(event=w.event, person=w.third, chosen={q1: r1, q2: r2})
    assert CheckAttempt.objects.count() == 2


def test_the_mails_link_to_the_survey_and_the_check_by_their_full_address(aworld: SimpleNamespace) -> None:
    w = aworld
    make_survey(w)
    make_check(w)
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)
    s.survey_send(event=w.event, by=w.national)
    s.check_send(event=w.event, by=w.national)
    survey, check = Delivery.objects.filter(kind="events.follow-up").order_by("pk")
    assert survey.subject == f"Wayfinder: {w.event.title}: tell us what you thought"
    assert survey.text.count("://") == 1 and f"/events/{w.event.pk}/after/survey/" in survey.text
    assert "Your certificate of attendance is ready once you pass." in check.text
    assert f"/events/{w.event.pk}/after/check/" in check.text
