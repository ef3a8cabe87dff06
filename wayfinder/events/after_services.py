"""Every write after an event: attendance, the recording and slides (published in the hub), the exit survey and
the knowledge check with their answers, and attendance certificates.

Each function is atomic and raises ValidationError with a message a person understands; views fetch the event
through the organiser's or the attendee's selector before calling these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents.models import Document

from wayfinder.accounts.models import User
from wayfinder.certificates.models import Certificate
from wayfinder.certificates.services import certificate_issue
from wayfinder.comms.pipeline import mail_send
from wayfinder.core.changes import changed
from wayfinder.core.links import absolute_url
from wayfinder.core.tabular import MAX_FILE_BYTES, save_all_or_nothing
from wayfinder.events import after_mail
from wayfinder.events.after_import import AttendanceReport, match_rows, read_attendance
from wayfinder.events.after_models import (
    Attendance,
    Check,
    CheckAttempt,
    CheckOption,
    CheckQuestion,
    QuestionKind,
    Recording,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    certificate_key,
)
from wayfinder.events.after_scoring import RATING_MAX, RATING_MIN, CheckQuestionKey, mark_attempt
from wayfinder.events.models import Event, EventStatus, Registration, RegistrationStatus
from wayfinder.hub import services as hub_services
from wayfinder.hub.documents import MAX_DOCUMENT_BYTES, NAMES, content_matches
from wayfinder.hub.models import ResourceDocument, ResourceKind, ResourcePage

MAX_QUESTIONS = 20
MAX_IMPORT_BYTES = MAX_FILE_BYTES
MAX_OPTIONS = 6
SLIDE_EXTENSIONS = ("pdf", "ppt", "pptx", "odp")


def _has_happened(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ValidationError("This event was cancelled, so nobody attended it")
    if event.starts_at > timezone.now():
        raise ValidationError("You can do this once the event has started")


def _registered(event: Event) -> Any:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)


def attendee_ids(event: Event) -> set[int]:
    """The ids of the people recorded as attending the event."""
    return set(Attendance.objects.filter(registration__event=event).values_list("registration__person_id", flat=True))


def _mail(*, key: str, to: Sequence[str], template: str, context: dict[str, Any]) -> int:
    """Send an email through comms, once per person and key; the template's first line is its subject."""
    text = render_to_string(f"events/after/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return mail_send(
        kind=after_mail.FOLLOW_UP, key=key, to=to, subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n"
    )


# Attendance ------------------------------------------------------------------------------------------------------


@transaction.atomic
def attendance_set(*, event: Event, registration_ids: Iterable[int], by: User) -> tuple[int, int]:
    """Record exactly the ticked registrations as attended; those unticked are no longer. Returns how many were
    added and how many removed."""
    _has_happened(event)
    wanted = set(registration_ids)
    registered = set(_registered(event).values_list("pk", flat=True))
    if wanted - registered:
        raise ValidationError("Tick only people registered for this event")
    current = set(Attendance.objects.filter(registration__event=event).values_list("registration_id", flat=True))
    Attendance.objects.bulk_create(
        [Attendance(registration_id=pk, recorded_by=by) for pk in sorted(wanted - current)], ignore_conflicts=True
    )
    removed, _ = Attendance.objects.filter(registration__event=event, registration_id__in=current - wanted).delete()
    people = _registered(event).filter(pk__in=wanted ^ current).values_list("person_id", flat=True)
    changed(people=people)
    return len(wanted - current), removed


def attendance_import(*, event: Event, source: bytes | str, dry_run: bool, by: User) -> AttendanceReport:
    """Mark as attended everyone a webinar tool's attendance file names, matched by email address to the people
    registered. Every row is checked first; if any is wrong, nobody is marked. Those already marked stay marked,
    and nobody is unmarked: a file lists who was there, not who was not."""
    report = AttendanceReport()
    _has_happened(event)
    rows, problems = read_attendance(source)
    report.extend(problems)

    def plan() -> list[int]:
        registered = {
            email.lower(): pk for pk, email in _registered(event).select_for_update().values_list("pk", "person__email")
        }
        ids, unmatched = match_rows(rows, registered)
        report.extend(unmatched)
        already = set(Attendance.objects.filter(registration_id__in=ids).values_list("registration_id", flat=True))
        report.already = len(already)
        new = [pk for pk in ids if pk not in already]
        names = dict(Registration.objects.filter(pk__in=new).values_list("pk", "person__full_name"))
        report.marked = [names[pk] for pk in new]
        return new

    def save(new: list[int]) -> int:
        Attendance.objects.bulk_create([Attendance(registration_id=pk, recorded_by=by) for pk in new])
        changed(people=Registration.objects.filter(pk__in=new).values_list("person_id", flat=True))
        report.saved = True
        return len(new)

    if report.problems and not rows:
        return report  # the file could not be read at all: nothing to match
    save_all_or_nothing(report, dry_run=dry_run, plan=plan, save=save)
    return report


# The recording and slides ----------------------------------------------------------------------------------------


def slides_problem(upload: UploadedFile) -> str | None:
    """Why an uploaded file cannot be the slides, or None when it can: a PDF or presentation, not too big, whose
    content is what its name says."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SLIDE_EXTENSIONS:
        return "The slides must be a PDF or a presentation (.pdf, .pptx, .ppt or .odp)"
    if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
        return f"The slides must be {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB or smaller"
    if not content_matches(extension, upload):
        return (
            f"The file is not a real {NAMES[extension]} file, although its name ends in .{extension}. "
            "Save it again from the program that made it."
        )
    return None


def _resource_summary(event: Event) -> str:
    when = timezone.localtime(event.starts_at).strftime("%-d %B %Y")
    return f"The recording of {event.title}, held on {when}." if not event.summary else event.summary


def _publish_resource(recording: Recording) -> ResourcePage:
    """The hub resource of the recording, made or brought up to date and published, tagged like the event."""
    event = recording.event
    page = recording.resource
    body = f"<p>{_resource_summary(event)}</p>"
    if page is None:
        parent = hub_services.hub_index_ensure()
        slug = slugify(f"recording-{event.pk}-{event.title}")[:200]
        page = ResourcePage(
            title=f"Recording: {event.title}"[:255],
            slug=slug,
            kind=ResourceKind.WEBINAR,
            summary=_resource_summary(event),
            body=body,
            external_link=recording.url,
            dimension_keys=list(event.dimension_keys),
            support_domain_keys=list(event.support_domain_keys),
        )
        page.topics.add(*event.topics)
        parent.add_child(instance=page)
    else:
        page = page.specific
        page.external_link = recording.url
        page.dimension_keys = list(event.dimension_keys)
        page.support_domain_keys = list(event.support_domain_keys)
        page.topics.set(list(event.topics))
    if recording.slides_id and not ResourceDocument.objects.filter(page=page, document_id=recording.slides_id).exists():
        ResourceDocument.objects.filter(page=page).delete()
        page.documents.add(ResourceDocument(document_id=recording.slides_id, sort_order=0))
    page.save_revision().publish()
    return page


@transaction.atomic
def recording_save(*, event: Event, url: str, slides: UploadedFile | None, by: User) -> Recording:
    """Add or change the event's recording link and slides, and publish them as a webinar recording in the hub."""
    _has_happened(event)
    url = url.strip()
    recording = Recording.objects.select_for_update().filter(event=event).first() or Recording(event=event)
    if not url and not slides and not recording.slides_id:
        raise ValidationError("Give the link to the recording, the slides, or both")
    if slides is not None:
        problem = slides_problem(slides)
        if problem:
            raise ValidationError(problem)
        document = Document(title=f"Slides: {event.title}"[:255], uploaded_by_user=by)
        document.file.save(slides.name or "slides", slides, save=False)
        document.save()
        recording.slides = document
    recording.url = url
    recording.event = event
    recording.save()
    recording.resource = _publish_resource(recording)
    recording.save(update_fields=["resource", "updated_at"])
    changed(people=attendee_ids(event))
    return recording


# The exit survey ------------------------------------------------------------------------------------------------


def _survey(event: Event) -> Survey:
    survey, _ = Survey.objects.get_or_create(event=event)
    return survey


@transaction.atomic
def survey_question_add(*, event: Event, kind: str, text: str) -> SurveyQuestion:
    survey = _survey(event)
    if survey.sent_at:
        raise ValidationError("The survey has been sent, so its questions cannot change")
    if kind not in QuestionKind.values:
        raise ValidationError("Choose a rating from 1 to 5 or their own words")
    text = text.strip()
    if not text:
        raise ValidationError("Enter the question")
    if len(text) > 300:
        raise ValidationError("The question must be 300 characters or fewer")
    count = survey.questions.count()
    if count >= MAX_QUESTIONS:
        raise ValidationError(f"A survey can have up to {MAX_QUESTIONS} questions")
    return SurveyQuestion.objects.create(survey=survey, kind=kind, text=text, position=count + 1)


@transaction.atomic
def survey_question_remove(*, question: SurveyQuestion) -> None:
    if question.survey.sent_at:
        raise ValidationError("The survey has been sent, so its questions cannot change")
    question.delete()


def _attendee_addresses(event: Event) -> list[str]:
    return list(
        Attendance.objects.filter(registration__event=event).values_list("registration__person__email", flat=True)
    )


@transaction.atomic
def survey_send(*, event: Event, by: User) -> int:
    """Email the exit survey to everyone who attended. Sending again reaches only attendees added since: nobody
    gets it twice. Returns how many were sent it now."""
    _has_happened(event)
    survey = Survey.objects.select_for_update().filter(event=event).first()
    if survey is None or not survey.questions.exists():
        raise ValidationError("Add at least one question before you send the survey")
    to = _attendee_addresses(event)
    if not to:
        raise ValidationError("Record who attended before you send the survey")
    if survey.sent_at is None:
        survey.sent_at = timezone.now()
        survey.save(update_fields=["sent_at", "updated_at"])
    link = absolute_url(reverse("events:after_survey", kwargs={"event_id": event.pk}))
    sent = _mail(key=f"events.survey:{survey.pk}", to=to, template="survey", context={"event": event, "link": link})
    changed(people=attendee_ids(event))
    return sent


@transaction.atomic
def survey_answer(*, event: Event, person: User, answers: Mapping[int, int | str | None]) -> SurveyResponse:
    """Record an attendee's answers to the exit survey: once. Every rating question needs a rating from 1 to 5;
    free-text questions may be left blank."""
    survey = Survey.objects.filter(event=event, sent_at__isnull=False).first()
    if survey is None:
        raise ValidationError("This event has no exit survey to answer yet")
    if person.pk not in attendee_ids(event):
        raise ValidationError("Only people who attended can answer the survey")
    if SurveyResponse.objects.filter(survey=survey, person=person).exists():
        raise ValidationError("You have already answered this survey. Thank you.")
    rows: list[SurveyAnswer] = []
    questions = list(survey.questions.all())
    for question in questions:
        value = answers.get(question.pk)
        if question.is_rating:
            if not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX:
                raise ValidationError(f'Choose a rating from 1 to 5 for "{question.text}"')
            rows.append(SurveyAnswer(question=question, rating=value))
        else:
            text = str(value or "").strip()
            if len(text) > 5000:
                raise ValidationError("Each answer must be 5,000 characters or fewer")
            rows.append(SurveyAnswer(question=question, text=text))
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, person=person)
    except IntegrityError:
        # The same answers sent twice at once (a double click): the first one counts.
        raise ValidationError("You have already answered this survey. Thank you.") from None
    for row in rows:
        row.response = response
    SurveyAnswer.objects.bulk_create(rows)
    changed(people=[person.pk])
    return response


# The knowledge check ------------------------------------------------------------------------------------------


def _check(event: Event) -> Check:
    check, _ = Check.objects.get_or_create(event=event)
    return check


@transaction.atomic
def check_settings_save(*, event: Event, pass_mark: int, certificate_needs_pass: bool) -> Check:
    if not 1 <= pass_mark <= 100:
        raise ValidationError("The pass mark must be a percentage from 1 to 100")
    check = _check(event)
    check.pass_mark = pass_mark
    check.certificate_needs_pass = certificate_needs_pass
    check.save(update_fields=["pass_mark", "certificate_needs_pass", "updated_at"])
    changed(people=attendee_ids(event))
    return check


@dataclass(frozen=True)
class OptionInput:
    text: str
    feedback: str
    is_correct: bool


@transaction.atomic
def check_question_add(*, event: Event, text: str, options: Sequence[OptionInput]) -> CheckQuestion:
    """Add a multiple-choice question: at least two options, exactly one of them right, each with optional
    feedback shown after an answer."""
    check = _check(event)
    if check.sent_at:
        raise ValidationError("The check has been sent, so its questions cannot change")
    text = text.strip()
    if not text:
        raise ValidationError("Enter the question")
    if len(text) > 300:
        raise ValidationError("The question must be 300 characters or fewer")
    options = [OptionInput(o.text.strip(), o.feedback.strip(), o.is_correct) for o in options if o.text.strip()]
    if len(options) < 2:
        raise ValidationError("Give at least two answers to choose from")
    if len(options) > MAX_OPTIONS:
        raise ValidationError(f"Give up to {MAX_OPTIONS} answers")
    if sum(o.is_correct for o in options) != 1:
        raise ValidationError("Choose which one answer is right")
    if any(len(o.text) > 300 or len(o.feedback) > 500 for o in options):
        raise ValidationError("Each answer must be 300 characters or fewer, and its feedback 500 or fewer")
    count = check.questions.count()
    if count >= MAX_QUESTIONS:
        raise ValidationError(f"A check can have up to {MAX_QUESTIONS} questions")
    question = CheckQuestion.objects.create(check_item=check, text=text, position=count + 1)
    CheckOption.objects.bulk_create(
        [
            CheckOption(question=question, position=n, text=o.text, feedback=o.feedback, is_correct=o.is_correct)
            for n, o in enumerate(options, start=1)
        ]
    )
    return question


@transaction.atomic
def check_question_remove(*, question: CheckQuestion) -> None:
    if question.check_item.sent_at:
        raise ValidationError("The check has been sent, so its questions cannot change")
    question.delete()


@transaction.atomic
def check_send(*, event: Event, by: User) -> int:
    """Email the knowledge check to everyone who attended; sending again reaches only attendees added since."""
    _has_happened(event)
    check = Check.objects.select_for_update().filter(event=event).first()
    if check is None or not check.questions.exists():
        raise ValidationError("Add at least one question before you send the check")
    to = _attendee_addresses(event)
    if not to:
        raise ValidationError("Record who attended before you send the check")
    if check.sent_at is None:
        check.sent_at = timezone.now()
        check.save(update_fields=["sent_at", "updated_at"])
    link = absolute_url(reverse("events:after_check", kwargs={"event_id": event.pk}))
    context = {"event": event, "link": link, "check": check}
    sent = _mail(key=f"events.check:{check.pk}", to=to, template="check", context=context)
    changed(people=attendee_ids(event))
    return sent


@transaction.atomic
def check_attempt_submit(*, event: Event, person: User, chosen: Mapping[int, int]) -> CheckAttempt:
    """Mark an attendee's answers to the knowledge check. Every question needs an answer; they may try again."""
    check = Check.objects.filter(event=event, sent_at__isnull=False).first()
    if check is None:
        raise ValidationError("This event has no knowledge check to take yet")
    if person.pk not in attendee_ids(event):
        raise ValidationError("Only people who attended can take the check")
    questions = list(check.questions.prefetch_related("options"))
    keys: list[CheckQuestionKey] = []
    for question in questions:
        options = {option.pk: option for option in question.options.all()}
        if chosen.get(question.pk) not in options:
            raise ValidationError(f'Choose an answer to "{question.text}"')
        right = next(option.pk for option in options.values() if option.is_correct)
        keys.append(CheckQuestionKey(question_id=question.pk, correct_option_id=right))
    marked = mark_attempt(keys, chosen, check.pass_mark)
    attempt = CheckAttempt.objects.create(
        check_item=check,
        person=person,
        chosen={str(q.pk): chosen[q.pk] for q in questions},
        correct=marked.correct,
        total=marked.total,
        passed=marked.passed,
        missed=list(marked.missed),
    )
    changed(people=[person.pk])
    return attempt


# Certificates -------------------------------------------------------------------------------------------------

CERTIFICATE_TITLE = "Certificate of attendance"


def certificate_refusal(event: Event, person: User) -> str | None:
    """Why the person cannot have an attendance certificate for the event, or None when they can."""
    if person.pk not in attendee_ids(event):
        return "Certificates are for people recorded as attending the event"
    check = Check.objects.filter(event=event).first()
    if check is not None and check.certificate_needs_pass:
        if check.sent_at is None:
            return "Your certificate is ready once you pass the knowledge check, which the organiser has not sent yet"
        if not CheckAttempt.objects.filter(check_item=check, person=person, passed=True).exists():
            return "Your certificate is ready once you pass the knowledge check"
    return None


def _attended_line(event: Event) -> str:
    when = timezone.localtime(event.starts_at).strftime("%-d %B %Y")
    if event.online:
        return f"Attended online on {when}"
    return f"Attended at {event.venue} on {when}" if event.venue else f"Attended in person on {when}"


@transaction.atomic
def attendance_certificate_issue(*, event: Event, person: User) -> Certificate:
    """The person's attendance certificate for the event: issued the first time, the same one after that."""
    refusal = certificate_refusal(event, person)
    if refusal:
        raise ValidationError(refusal)
    return certificate_issue(
        person=person,
        key=certificate_key(event.pk),
        title=CERTIFICATE_TITLE,
        subject=event.title,
        detail=_attended_line(event),
    )
