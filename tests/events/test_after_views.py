"""Pages after an event: who may open which (roles × pages), the organiser's flows, the attendee's survey, check
and certificate, and the cost of the list pages."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.documents import pdf_text
from tests.events.after_world import register
from tests.signing_in import sign_in
from wayfinder.certificates.models import Certificate
from wayfinder.events import after_services as s
from wayfinder.events.after_models import Attendance, CheckAttempt, QuestionKind, SurveyResponse
from wayfinder.hub.models import ResourceKind, ResourcePage

ORGANISER_PAGES = [
    "after_manage",
    "after_attendance",
    "after_attendance_import",
    "after_recording",
    "after_survey_edit",
    "after_check_edit",
    "after_report",
    "after_registrants_csv",
    "after_registrants_xlsx",
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name: str, event_id: int, **kwargs: int) -> str:
    return reverse(f"events:{name}", kwargs={"event_id": event_id, **kwargs})


def as_(client: Client, person: object) -> Client:
    return client if isinstance(person, AnonymousUser) else sign_in(client, person)


# Who may open which page -----------------------------------------------------------------------------------------

# The event is national, organised by editors, the national team and site admins. The member attended.
ORGANISER_TABLE = [
    ("member", 404),  # attended, but does not organise
    ("outsider", 404),
    ("lead", 404),  # leads their networks, not this national event
    ("system_lead", 404),
    ("national", 200),
    ("admin", 200),
]


@pytest.mark.parametrize("page", ORGANISER_PAGES)
@pytest.mark.parametrize(("who", "status"), ORGANISER_TABLE)
def test_only_organisers_open_the_organisers_pages(
    client: Client, aworld: SimpleNamespace, page: str, who: str, status: int
) -> None:
    w = aworld
    Attendance.objects.create(registration=w.reg_member)
    response = sign_in(client, getattr(w, who)).get(url(page, w.event.pk))
    assert response.status_code == status


@pytest.mark.parametrize("page", [*ORGANISER_PAGES, "after", "after_survey", "after_check"])
def test_signed_out_people_are_asked_to_sign_in(client: Client, aworld: SimpleNamespace, page: str) -> None:
    response = client.get(url(page, aworld.event.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def send_survey_and_check(w: SimpleNamespace) -> tuple[int, int, int, int]:
    """Mark the member as attending, set a survey and a one-question check, send both. Returns the rating and
    text questions' ids, the check question's id and its right option's id."""
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)
    rating = s.survey_question_add(event=w.event, kind=QuestionKind.RATING, text="How useful was it?")
    text = s.survey_question_add(event=w.event, kind=QuestionKind.TEXT, text="What would you change?")
    s.survey_send(event=w.event, by=w.national)
    question = s.check_question_add(
        event=w.event,
        text="What does a run chart show?",
        options=[
            s.OptionInput("Change over time", "Yes: each point is a moment in time.", True),
            s.OptionInput("A league table", "No: it compares one process with itself.", False),
        ],
    )
    s.check_send(event=w.event, by=w.national)
    right = question.options.get(is_correct=True)
    return rating.pk, text.pk, question.pk, right.pk


@pytest.mark.parametrize(("who", "status"), [("member", 200), ("third", 404), ("outsider", 404), ("national", 404)])
@pytest.mark.parametrize("page", ["after_survey", "after_check"])
def test_only_attendees_open_the_survey_and_the_check(
    client: Client, aworld: SimpleNamespace, who: str, status: int, page: str
) -> None:
    w = aworld
    send_survey_and_check(w)
    response = sign_in(client, getattr(w, who)).get(url(page, w.event.pk))
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), [("member", 200), ("third", 200), ("outsider", 404), ("national", 404)])
def test_registered_people_see_what_the_event_shared_afterwards(
    client: Client, aworld: SimpleNamespace, who: str, status: int
) -> None:
    w = aworld
    send_survey_and_check(w)
    response = sign_in(client, getattr(w, who)).get(url("after", w.event.pk))
    assert response.status_code == status
    html = response.content.decode()
    if who == "third":
        assert "have not recorded you as attending" in html and "Take the check" not in html
    if who == "member":
        assert "Take the check" in html and "Tell the organisers what you thought" in html


def test_the_event_page_links_to_what_happens_after(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    page = w.event.get_absolute_url()
    assert url("after_manage", w.event.pk) in sign_in(client, w.national).get(page).content.decode()
    member_page = sign_in(Client(), w.member).get(page).content.decode()
    assert url("after", w.event.pk) in member_page and url("after_manage", w.event.pk) not in member_page


def test_someone_else_cannot_post_answers_or_take_a_certificate(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    rating, _, question, right = send_survey_and_check(w)
    sign_in(client, w.third)
    assert client.post(url("after_survey", w.event.pk), {f"q{rating}": "5"}).status_code == 404
    assert client.post(url("after_check", w.event.pk), {f"q{question}": str(right)}).status_code == 404
    assert client.post(url("after_certificate", w.event.pk)).status_code == 404
    assert not SurveyResponse.objects.exists() and not CheckAttempt.objects.exists()
    assert not Certificate.objects.exists()


def test_an_attempt_is_shown_only_to_the_person_who_made_it(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    _, _, question, right = send_survey_and_check(w)
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk, w.reg_third.pk], by=w.national)
    attempt = s.check_attempt_submit(event=w.event, person=w.member, chosen={question: right})
    page = url("after_check_result", w.event.pk, attempt_id=attempt.pk)
    assert sign_in(client, w.third).get(page).status_code == 404


# The organiser's flows ---------------------------------------------------------------------------------------


def test_the_organiser_ticks_who_attended(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    sign_in(client, w.national)
    page = client.get(url("after_attendance", w.event.pk)).content.decode()
    assert "Max Member" in page and "Olive Outsider" not in page  # waiting, so not listed
    response = client.post(url("after_attendance", w.event.pk), {"attended": [w.reg_member.pk, w.reg_third.pk]})
    assert response.status_code == 302
    assert s.attendee_ids(w.event) == {w.member.pk, w.third.pk}
    refused = client.post(url("after_attendance", w.event.pk), {"attended": [w.reg_waiting.pk]})
    assert refused.status_code == 200 and "Tick only people registered" in refused.content.decode()


def test_a_bad_attendance_file_lists_each_line_and_saves_nothing(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    sign_in(client, w.national)
    upload = SimpleUploadedFile("attendance.csv", b"Name,Email\nMax,member@example.org\nNo one,nobody@example.org\n")
    response = client.post(url("after_attendance_import", w.event.pk), {"file": upload})  # box unticked: save
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file has 1 problem, so nobody was marked" in html
    assert "Line 3, email: Nobody registered for this event with the email address nobody@example.org" in html
    assert not Attendance.objects.exists()


def test_a_good_attendance_file_is_checked_then_saved(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    sign_in(client, w.national)
    body = b"Name,User Email\nMax,member@example.org\nTia,third@example.org\n"
    checked = client.post(
        url("after_attendance_import", w.event.pk),
        {"file": SimpleUploadedFile("a.csv", body), "dry_run": "on"},
    )
    assert "It would mark 2 more people as attended" in checked.content.decode()
    assert not Attendance.objects.exists()
    saved = client.post(url("after_attendance_import", w.event.pk), {"file": SimpleUploadedFile("a.csv", body)})
    assert saved.status_code == 302
    assert s.attendee_ids(w.event) == {w.member.pk, w.third.pk}


def test_the_organiser_publishes_the_recording_in_the_hub(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    sign_in(client, w.national)
    response = client.post(
        url("after_recording", w.event.pk),
        {"url": "https://video.example.org/focal", "slides": SimpleUploadedFile("slides.pdf", PDF)},
    )
    assert response.status_code == 302
    page = ResourcePage.objects.live().get(kind=ResourceKind.WEBINAR)
    assert page.title == "Recording: Focal Point: measuring what matters"
    hub = client.get("/hub/?q=Focal+Point").content.decode()
    assert "Recording: Focal Point: measuring what matters" in hub
    bad = client.post(url("after_recording", w.event.pk), {"url": "", "slides": SimpleUploadedFile("s.pdf", b"no")})
    assert bad.status_code == 200 and "not a real PDF file" in bad.content.decode()


def test_the_organiser_sets_and_sends_the_survey_and_the_check(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    s.attendance_set(event=w.event, registration_ids=[w.reg_member.pk], by=w.national)
    sign_in(client, w.national)
    survey_page = url("after_survey_edit", w.event.pk)
    assert client.post(survey_page, {"action": "add", "kind": "rating", "text": "How useful?"}).status_code == 302
    empty = client.post(survey_page, {"action": "add", "kind": "text", "text": ""})
    assert "Enter the question" in empty.content.decode()
    assert client.post(survey_page, {"action": "send"}).status_code == 302
    check_page = url("after_check_edit", w.event.pk)
    assert client.post(check_page, {"action": "send"}).status_code == 200  # no questions yet
    question = {
        "action": "add",
        "text": "Which chart shows change over time?",
        "option_1": "A run chart",
        "feedback_1": "Right: it plots points in time order.",
        "option_2": "A pie chart",
        "feedback_2": "No: it shows parts of a whole.",
        "right": "1",
    }
    assert client.post(check_page, question).status_code == 302
    assert client.post(check_page, {"action": "settings", "pass_mark": "80"}).status_code == 302
    assert client.post(check_page, {"action": "send"}).status_code == 302
    html = client.get(check_page).content.decode()
    assert "so its questions cannot change" in html


# The attendee's flow and the report --------------------------------------------------------------------------


def test_an_attendee_answers_passes_and_gets_a_certificate_anyone_can_check(
    client: Client, aworld: SimpleNamespace, tmp_path: Path
) -> None:
    w = aworld
    rating, text, question, right = send_survey_and_check(w)
    s.check_settings_save(event=w.event, pass_mark=100, certificate_needs_pass=True)
    sign_in(client, w.member)
    answered = client.post(url("after_survey", w.event.pk), {f"q{rating}": "4", f"q{text}": "More examples"})
    assert answered.status_code == 302
    wrong = question_wrong_option(question, right)
    failed = client.post(url("after_check", w.event.pk), {f"q{question}": str(wrong)}, follow=True)
    html = failed.content.decode()
    assert "You have not passed this time" in html and "No: it compares one process with itself." in html
    assert client.post(url("after_certificate", w.event.pk)).status_code == 302
    assert not Certificate.objects.exists()  # not passed yet
    passed = client.post(url("after_check", w.event.pk), {f"q{question}": str(right)}, follow=True)
    assert "You passed" in passed.content.decode()
    response = client.post(url("after_certificate", w.event.pk))
    certificate = Certificate.objects.get(person=w.member)
    assert response["Location"] == certificate.pdf_url
    pdf = client.get(certificate.pdf_url)
    text_of_pdf = re.sub(r"\s+", " ", pdf_text(b"".join(pdf), tmp_path))  # type: ignore[arg-type]
    assert "Max Member" in text_of_pdf
    assert "Focal Point: measuring what matters" in text_of_pdf
    assert certificate.code in text_of_pdf
    # Getting it again gives the same certificate.
    client.post(url("after_certificate", w.event.pk))
    assert Certificate.objects.filter(person=w.member).count() == 1
    public = Client()
    genuine = public.get(reverse("certificates:verify"), {"code": certificate.code})
    assert genuine.status_code == 200 and "This certificate is genuine" in genuine.content.decode()
    changed = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    assert public.get(reverse("certificates:verify"), {"code": changed}).status_code == 404


def question_wrong_option(question_id: int, right: int) -> int:
    from wayfinder.events.after_models import CheckOption

    return CheckOption.objects.filter(question_id=question_id).exclude(pk=right).values_list("pk", flat=True)[0]


def test_the_report_shows_results_without_names(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    rating, text, question, right = send_survey_and_check(w)
    s.survey_answer(event=w.event, person=w.member, answers={rating: 5, text: "Loved the examples"})
    wrong = question_wrong_option(question, right)
    s.check_attempt_submit(event=w.event, person=w.member, chosen={question: wrong})
    s.check_attempt_submit(event=w.event, person=w.member, chosen={question: right})
    html = sign_in(client, w.national).get(url("after_report", w.event.pk)).content.decode()
    assert "Loved the examples" in html
    assert "Max Member" not in html and "member@example.org" not in html
    assert "Average rating 5.0 out of 5" in html
    assert "1 of 1 person who took the check passed (100%)" in html
    assert "What does a run chart show?: missed by 1 of 1 (100%)" in html
    assert "1 (33% of those registered)" in html
    assert "0 attendees have taken a certificate" in html


def test_registrants_download_as_csv_and_xlsx(client: Client, aworld: SimpleNamespace) -> None:
    w = aworld
    w.third.full_name = "=HYPERLINK(1)"
    w.third.save()
    Attendance.objects.create(registration=w.reg_member)
    sign_in(client, w.national)
    response = client.get(url("after_registrants_csv", w.event.pk))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffName,Email,Status")
    assert re.search(r"Max Member,member@example.org,Registered,,[0-9-]+ [0-9:]+,Yes\r\n", text)
    assert text.count(",Yes") == 1
    assert "'=HYPERLINK(1)" in text
    assert "Olive Outsider,outsider@example.org,On the waiting list,1," in text
    workbook = client.get(url("after_registrants_xlsx", w.event.pk))
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    import openpyxl

    sheet = openpyxl.load_workbook(BytesIO(workbook.content)).active
    assert sheet is not None
    names = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert "=HYPERLINK(1)" in names and sheet["A1"].value == w.event.title


def add_people(w: SimpleNamespace, count: int) -> None:
    for n in range(count):
        person = f.UserFactory.create(email=f"extra{n}-{count}@example.org")
        registration = register(w.event, person)
        Attendance.objects.create(registration=registration)


@pytest.mark.parametrize("page", ["after_report", "after_attendance", "after_manage", "after_registrants_csv"])
def test_the_organisers_pages_cost_the_same_however_many_came(
    client: Client, aworld: SimpleNamespace, django_assert_max_num_queries: object, page: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = aworld
    send_survey_and_check(w)
    sign_in(client, w.national)
    client.get(url(page, w.event.pk))  # warm the caches of the layout
    counts = []
    for size in (2, 12):
        add_people(w, size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(page, w.event.pk)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 30


@pytest.mark.parametrize("page", ["after", "after_survey", "after_check"])
def test_the_attendees_pages_cost_a_fixed_few_queries(
    client: Client, aworld: SimpleNamespace, django_assert_max_num_queries: Any, page: str
) -> None:
    w = aworld
    send_survey_and_check(w)
    add_people(w, 5)
    sign_in(client, w.member)
    client.get(url(page, w.event.pk))
    with django_assert_max_num_queries(20):
        assert client.get(url(page, w.event.pk)).status_code == 200


@pytest.mark.parametrize(
    ("page", "data"),
    [
        ("after_attendance", {"attended": ["1"]}),
        ("after_survey_edit", {"action": "add", "kind": "rating", "text": "Sneaky?"}),
        ("after_check_edit", {"action": "settings", "pass_mark": "1"}),
        ("after_recording", {"url": "https://example.org/not-theirs"}),
    ],
)
def test_a_member_who_attended_cannot_change_what_organisers_set(
    client: Client, aworld: SimpleNamespace, page: str, data: dict[str, object]
) -> None:
    w = aworld
    Attendance.objects.create(registration=w.reg_member)
    assert sign_in(client, w.member).post(url(page, w.event.pk), data).status_code == 404
    assert Attendance.objects.count() == 1
    assert not ResourcePage.objects.filter(kind=ResourceKind.WEBINAR).exists()
    from wayfinder.events.after_models import Check, Survey

    assert not Survey.objects.exists() and not Check.objects.exists()


def test_before_the_event_the_organiser_is_told_to_wait(client: Client, aworld: SimpleNamespace) -> None:
    from datetime import timedelta

    from django.utils import timezone

    w = aworld
    w.event.starts_at = timezone.now() + timedelta(days=3)
    w.event.ends_at = w.event.starts_at + timedelta(hours=1)
    w.event.save()
    sign_in(client, w.national)
    html = client.get(url("after_manage", w.event.pk)).content.decode()
    assert "once the event has started" in html
    refused = client.post(url("after_attendance", w.event.pk), {"attended": [w.reg_member.pk]})
    assert refused.status_code == 200 and "once the event has started" in refused.content.decode()
    assert not Attendance.objects.exists()
