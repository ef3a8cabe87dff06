"""Reads after an event, for the organiser and for attendees: the organiser's report (registrations, attendance,
the exit survey and the knowledge check in aggregate), the registrants to download, and what an attendee has
still to do. Each is a fixed number of queries however many people registered; the figures come from the pure
functions in `after_scoring`."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from wayfinder.certificates.models import Certificate
from wayfinder.core.downloads import csv_text, print_on_a4, wrap_rows
from wayfinder.events.after_models import (
    Attendance,
    Check,
    CheckAttempt,
    Recording,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    certificate_key,
)
from wayfinder.events.after_scoring import (
    AnswerFacts,
    AttemptFacts,
    AttendanceSummary,
    CheckSummary,
    SurveyQuestionFacts,
    SurveySummary,
    check_summary,
    survey_summary,
)
from wayfinder.events.models import Event, Registration, RegistrationStatus

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Report:
    attendance: AttendanceSummary
    offered: int
    cancelled: int
    survey: SurveySummary | None
    survey_sent: bool
    check: CheckSummary | None
    check_sent: bool
    pass_mark: int | None
    certificates: int
    certificate_needs_pass: bool


def attendance_summary(event: Event) -> tuple[AttendanceSummary, int, int]:
    """Registered, waiting, attended; and places offered and cancellations. Two queries."""
    counts = Registration.objects.filter(event=event).aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        offered=Count("pk", filter=Q(status=RegistrationStatus.OFFERED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
    )
    attended = Attendance.objects.filter(registration__event=event).count()
    summary = AttendanceSummary(registered=counts["registered"], waiting=counts["waiting"], attended=attended)
    return summary, counts["offered"], counts["cancelled"]


def survey_report(survey: Survey) -> SurveySummary:
    """The survey's answers in aggregate, without names. Three queries."""
    questions = [
        SurveyQuestionFacts(question_id=q.pk, text=q.text, is_rating=q.is_rating)
        for q in SurveyQuestion.objects.filter(survey=survey)
    ]
    answers = [
        AnswerFacts(question_id=question_id, rating=rating, text=text)
        for question_id, rating, text in SurveyAnswer.objects.filter(response__survey=survey).values_list(
            "question_id", "rating", "text"
        )
    ]
    responded = SurveyResponse.objects.filter(survey=survey).count()
    return survey_summary(questions, answers, responded=responded)


def check_report(check: Check) -> CheckSummary:
    """Who took the check, who passed and the questions most often missed. Two queries. An attempt by someone
    since erased counts as a person of its own."""
    texts = dict(check.questions.values_list("pk", "text"))
    attempts = [
        AttemptFacts(person=person if person is not None else -pk, order=pk, passed=passed, missed=tuple(missed))
        for pk, person, passed, missed in CheckAttempt.objects.filter(check_item=check).values_list(
            "pk", "person_id", "passed", "missed"
        )
    ]
    return check_summary(attempts, texts)


def organiser_report(event: Event) -> Report:
    attendance, offered, cancelled = attendance_summary(event)
    survey = Survey.objects.filter(event=event).first()
    check = Check.objects.filter(event=event).first()
    return Report(
        attendance=attendance,
        offered=offered,
        cancelled=cancelled,
        survey=survey_report(survey) if survey is not None else None,
        survey_sent=bool(survey and survey.sent_at),
        check=check_report(check) if check is not None else None,
        check_sent=bool(check and check.sent_at),
        pass_mark=check.pass_mark if check is not None else None,
        certificates=Certificate.objects.filter(key=certificate_key(event.pk)).count(),
        certificate_needs_pass=bool(check and check.certificate_needs_pass),
    )


# Registrants, for the organiser ------------------------------------------------------------------------------

REGISTRANT_HEADER = ["Name", "Email", "Status", "Place on the waiting list", "Registered", "Attended"]


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def registrant_rows(event: Event) -> list[list[Any]]:
    """Everyone who registered or is waiting, in the order registered then waiting, and whether they attended.
    One query."""
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("person", "attendance")
        .order_by("status", "position", "registered_at", "pk")
    )
    rows: list[list[Any]] = []
    waiting = 0
    for registration in registrations:
        is_waiting = registration.status == RegistrationStatus.WAITING
        waiting += is_waiting
        attended = hasattr(registration, "attendance")
        rows.append(
            [
                registration.person.full_name or registration.person.email,
                registration.person.email,
                registration.get_status_display(),
                waiting if is_waiting else "",
                _when(registration.registered_at or registration.created_at),
                "Yes" if attended else "No",
            ]
        )
    order = {label: n for n, label in enumerate(RegistrationStatus.labels)}
    rows.sort(key=lambda row: order.get(row[2], 99))
    return rows


def registrants_csv(event: Event) -> str:
    return csv_text(REGISTRANT_HEADER, registrant_rows(event))


def registrants_xlsx(event: Event) -> bytes:
    """The registrants as a workbook that prints on A4. Text is stored as text, never run as a formula."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Registrants"
    sheet.append([event.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"Starts {_when(event.starts_at)}"])
    sheet.append([])
    sheet.append(REGISTRANT_HEADER)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in registrant_rows(event):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for letter, width in zip("ABCDEF", (28, 34, 22, 14, 18, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"
    wrap_rows(sheet, 4)
    print_on_a4(sheet, title_rows="4:4")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# What an attendee sees ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeView:
    recording: Recording | None
    survey_open: bool
    survey_answered: bool
    check: Check | None  # only once sent
    attempts: int
    passed: bool


def attendee_view(event: Event, person: Any) -> AttendeeView:
    recording = Recording.objects.filter(event=event).select_related("slides").first()
    survey = Survey.objects.filter(event=event, sent_at__isnull=False).first()
    check = Check.objects.filter(event=event, sent_at__isnull=False).first()
    attempts = list(CheckAttempt.objects.filter(check_item=check, person=person).values_list("passed", flat=True))
    return AttendeeView(
        recording=recording,
        survey_open=survey is not None,
        survey_answered=survey is not None and SurveyResponse.objects.filter(survey=survey, person=person).exists(),
        check=check,
        attempts=len(attempts),
        passed=any(attempts),
    )
