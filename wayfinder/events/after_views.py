"""Pages after an event: the organiser records attendance, adds the recording and slides, sets and sends the exit
survey and the knowledge check, and reads the report; attendees answer the survey, take the check and get their
certificate.

Organisers' pages fetch the event through `event_managed_or_404`, attendees' through `_attended_or_404`: anyone
else gets "page not found", so ids cannot be probed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.certificates.models import Certificate
from wayfinder.core.downloads import csv_response, download_response
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs
from wayfinder.events import after_reports, after_services
from wayfinder.events.after_forms import (
    AttendanceForm,
    AttendanceImportForm,
    CheckAttemptForm,
    CheckQuestionForm,
    CheckSettingsForm,
    RecordingForm,
    SurveyAnswerForm,
    SurveyQuestionForm,
)
from wayfinder.events.after_import import EMAIL_HEADINGS, AttendanceReport
from wayfinder.events.after_models import (
    Attendance,
    Check,
    CheckAttempt,
    CheckQuestion,
    Recording,
    Survey,
    SurveyQuestion,
    certificate_key,
)
from wayfinder.events.models import Event, Registration, RegistrationStatus
from wayfinder.events.permissions import event_for_user_or_404, event_managed_or_404


def _crumbs(event: Event, *links: tuple[str, str]) -> list[dict[str, str]]:
    return breadcrumbs((event.get_absolute_url(), event.title), *links)


def _manage_crumbs(event: Event) -> list[dict[str, str]]:
    return _crumbs(event, (reverse("events:after_manage", kwargs={"event_id": event.pk}), "After the event"))


def _attended_or_404(user: Any, event_id: int) -> Event:
    """The event, for someone recorded as attending it; "page not found" for anyone else."""
    event = event_for_user_or_404(user, event_id)
    if not Attendance.objects.filter(registration__event=event, registration__person=user).exists():
        raise Http404("No such page")
    return event


def _question_id(request: AuthenticatedRequest) -> int:
    value = request.POST.get("question", "")
    if not value.isdigit():
        raise Http404("No such question")
    return int(value)


def _has_started(event: Event) -> bool:
    return event.starts_at <= timezone.now()


def _page(request: AuthenticatedRequest, template: str, event: Event, **context: Any) -> HttpResponse:
    context.setdefault("breadcrumbs", _manage_crumbs(event))
    return render(request, f"events/after/{template}.jinja", {"event": event, "nav_section": "events", **context})


# The organiser's overview -------------------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    report = after_reports.organiser_report(event)
    survey = Survey.objects.filter(event=event).first()
    check = Check.objects.filter(event=event).first()
    return _page(
        request,
        "manage",
        event,
        started=_has_started(event),
        report=report,
        recording=Recording.objects.filter(event=event).select_related("slides", "resource").first(),
        survey_questions=survey.questions.count() if survey else 0,
        check_questions=check.questions.count() if check else 0,
        check=check,
        breadcrumbs=_crumbs(event),
    )


# Attendance ------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    registrations = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .select_related("person")
        .order_by("person__full_name", "person__email")
    )
    choices = [(r.pk, f"{r.person.full_name or r.person.email} ({r.person.email})") for r in registrations]
    ticked = list(Attendance.objects.filter(registration__event=event).values_list("registration_id", flat=True))
    form = AttendanceForm(request.POST or None, choices=choices, initial={"attended": ticked})
    if request.method == "POST" and form.is_valid():
        try:
            after_services.attendance_set(event=event, registration_ids=form.cleaned_data["attended"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Attendance saved: {len(form.cleaned_data['attended'])} attended.")
            return redirect("events:after_manage", event_id=event.pk)
    return _page(request, "attendance", event, form=form, started=_has_started(event), count=len(registrations))


@login_required
@require_http_methods(["GET", "POST"])
def attendance_import(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    report: AttendanceReport | None = None
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            report = after_services.attendance_import(
                event=event, source=upload.read(after_services.MAX_IMPORT_BYTES + 1), dry_run=dry_run, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if report.saved:
                messages.success(request, f"Attendance imported: {len(report.marked)} more people marked as attended.")
                return redirect("events:after_manage", event_id=event.pk)
        # After every upload the box is ticked again, so the next file is checked before it is saved.
        form = AttendanceImportForm(initial={"dry_run": True})
    headings = ", ".join(h.replace("_", " ").capitalize() for h in EMAIL_HEADINGS[:4])
    return _page(request, "attendance_import", event, form=form, report=report, headings=headings)


# The recording and slides -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def recording(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    current = Recording.objects.filter(event=event).select_related("slides", "resource").first()
    form = RecordingForm(request.POST or None, request.FILES or None, initial={"url": current.url if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            after_services.recording_save(
                event=event, url=form.cleaned_data["url"] or "", slides=form.cleaned_data["slides"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The recording is saved and published in the knowledge hub.")
            return redirect("events:after_manage", event_id=event.pk)
    return _page(request, "recording", event, form=form, current=current)


# The exit survey -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    form = SurveyQuestionForm(request.POST if request.POST.get("action") == "add" else None)
    send_error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add" and form.is_valid():
                after_services.survey_question_add(event=event, **form.cleaned_data)
                messages.success(request, "Question added.")
                return redirect("events:after_survey_edit", event_id=event.pk)
            if action == "remove":
                question = SurveyQuestion.objects.filter(survey__event=event, pk=_question_id(request)).first()
                if question is None:
                    raise Http404("No such question")
                after_services.survey_question_remove(question=question)
                messages.success(request, "Question removed.")
                return redirect("events:after_survey_edit", event_id=event.pk)
            if action == "send":
                sent = after_services.survey_send(event=event, by=request.user)
                messages.success(request, f"The survey was sent to {sent} more {'person' if sent == 1 else 'people'}.")
                return redirect("events:after_survey_edit", event_id=event.pk)
        except ValidationError as error:
            if action == "add":
                add_service_errors(form, error)
            else:
                send_error = " ".join(error.messages)
    survey = Survey.objects.filter(event=event).first()
    questions = list(survey.questions.all()) if survey else []
    return _page(request, "survey_edit", event, form=form, survey=survey, questions=questions, send_error=send_error)


# The knowledge check -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def check_edit(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    check = Check.objects.filter(event=event).first()
    action = request.POST.get("action") if request.method == "POST" else None
    settings_initial = {
        "pass_mark": check.pass_mark if check else 70,
        "certificate_needs_pass": bool(check and check.certificate_needs_pass),
    }
    settings_form = CheckSettingsForm(request.POST if action == "settings" else None, initial=settings_initial)
    question_form = CheckQuestionForm(request.POST if action == "add" else None)
    send_error = ""
    try:
        if action == "settings" and settings_form.is_valid():
            after_services.check_settings_save(event=event, **settings_form.cleaned_data)
            messages.success(request, "Check settings saved.")
            return redirect("events:after_check_edit", event_id=event.pk)
        if action == "add" and question_form.is_valid():
            after_services.check_question_add(
                event=event, text=question_form.cleaned_data["text"], options=question_form.options()
            )
            messages.success(request, "Question added.")
            return redirect("events:after_check_edit", event_id=event.pk)
        if action == "remove":
            question = CheckQuestion.objects.filter(check_item__event=event, pk=_question_id(request)).first()
            if question is None:
                raise Http404("No such question")
            after_services.check_question_remove(question=question)
            messages.success(request, "Question removed.")
            return redirect("events:after_check_edit", event_id=event.pk)
        if action == "send":
            sent = after_services.check_send(event=event, by=request.user)
            messages.success(request, f"The check was sent to {sent} more {'person' if sent == 1 else 'people'}.")
            return redirect("events:after_check_edit", event_id=event.pk)
    except ValidationError as error:
        if action == "add":
            add_service_errors(question_form, error)
        elif action == "settings":
            add_service_errors(settings_form, error)
        else:
            send_error = " ".join(error.messages)
    questions = list(check.questions.prefetch_related("options")) if check else []
    return _page(
        request,
        "check_edit",
        event,
        check=check,
        questions=questions,
        settings_form=settings_form,
        question_form=question_form,
        send_error=send_error,
    )


# The organiser's report and downloads -------------------------------------------------------------------------


@login_required
@require_GET
def report(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    return _page(request, "report", event, report=after_reports.organiser_report(event))


@login_required
@require_GET
def registrants_csv(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    return csv_response(after_reports.registrants_csv(event), f"event-{event.pk}-registrants.csv")


@login_required
@require_GET
def registrants_xlsx(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = event_managed_or_404(request.user, event_id)
    return download_response(
        after_reports.registrants_xlsx(event), after_reports.XLSX_CONTENT_TYPE, f"event-{event.pk}-registrants.xlsx"
    )


# Attendees -----------------------------------------------------------------------------------------------------


def _attendee_crumbs(event: Event) -> list[dict[str, str]]:
    return _crumbs(event, (reverse("events:after", kwargs={"event_id": event.pk}), "After the event"))


@login_required
@require_GET
def attendee(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    """What the event shared afterwards, for the people registered; the survey, the check and the certificate are
    for those recorded as attending."""
    event = event_for_user_or_404(request.user, event_id)
    registration = (
        Registration.objects.filter(event=event, person=request.user, status=RegistrationStatus.REGISTERED)
        .select_related("attendance")
        .first()
    )
    if registration is None:
        raise Http404("No such page")
    if not hasattr(registration, "attendance"):
        return _page(request, "not_attended", event, breadcrumbs=_crumbs(event))
    view = after_reports.attendee_view(event, request.user)
    certificate = Certificate.objects.filter(person=request.user, key=certificate_key(event.pk)).first()
    return _page(
        request,
        "attendee",
        event,
        view=view,
        certificate=certificate,
        refusal=after_services.certificate_refusal(event, request.user),
        breadcrumbs=_crumbs(event),
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = _attended_or_404(request.user, event_id)
    survey = Survey.objects.filter(event=event, sent_at__isnull=False).first()
    if survey is None:
        raise Http404("No survey")
    answered = survey.responses.filter(person=request.user).exists()
    form = SurveyAnswerForm(request.POST or None, questions=list(survey.questions.all()))
    if request.method == "POST" and not answered and form.is_valid():
        try:
            after_services.survey_answer(event=event, person=request.user, answers=form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. Your answers have been sent to the organisers.")
            return redirect("events:after", event_id=event.pk)
    return _page(request, "survey", event, form=form, answered=answered, breadcrumbs=_attendee_crumbs(event))


@login_required
@require_http_methods(["GET", "POST"])
def check(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = _attended_or_404(request.user, event_id)
    check = Check.objects.filter(event=event, sent_at__isnull=False).first()
    if check is None:
        raise Http404("No check")
    form = CheckAttemptForm(request.POST or None, questions=list(check.questions.prefetch_related("options")))
    if request.method == "POST" and form.is_valid():
        try:
            attempt = after_services.check_attempt_submit(event=event, person=request.user, chosen=form.chosen())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("events:after_check_result", event_id=event.pk, attempt_id=attempt.pk)
    return _page(request, "check", event, check=check, form=form, breadcrumbs=_attendee_crumbs(event))


@login_required
@require_GET
def check_result(request: AuthenticatedRequest, event_id: int, attempt_id: int) -> HttpResponse:
    event = _attended_or_404(request.user, event_id)
    attempt = (
        CheckAttempt.objects.filter(pk=attempt_id, person=request.user, check_item__event=event)
        .select_related("check_item")
        .first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    questions = list(attempt.check_item.questions.prefetch_related("options"))
    chosen = {int(question): option for question, option in attempt.chosen.items()}
    rows = []
    for question in questions:
        options = list(question.options.all())
        picked = next((o for o in options if o.pk == chosen.get(question.pk)), None)
        right = next(o for o in options if o.is_correct)
        rows.append({"question": question, "picked": picked, "right": right, "correct": picked == right})
    return _page(
        request,
        "check_result",
        event,
        attempt=attempt,
        rows=rows,
        refusal=after_services.certificate_refusal(event, request.user),
        breadcrumbs=_attendee_crumbs(event),
    )


@login_required
@require_POST
def certificate(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = _attended_or_404(request.user, event_id)
    try:
        issued = after_services.attendance_certificate_issue(event=event, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("events:after", event_id=event.pk)
    return redirect(issued.pdf_url)
