"""The demo's past webinar after it happened, as `after_demo.yaml` describes it: attendance, the recording in the
hub, the exit survey answered once and a knowledge check passed once. Made once: if the survey is there already,
nothing changes."""

from __future__ import annotations

from pathlib import Path

from wayfinder.accounts.models import User
from wayfinder.core.datafiles import read_yaml
from wayfinder.events import after_services as services
from wayfinder.events.after_models import Survey
from wayfinder.events.models import Event, Registration, RegistrationStatus
from wayfinder.networks.demo.content import DEMO_DOMAIN

DEMO = read_yaml(Path(__file__).resolve().parent / "after_demo.yaml")


def _people(sign_ins: list[str]) -> dict[str, User]:
    found = User.objects.filter(email__in=[f"{name}@{DEMO_DOMAIN}" for name in sign_ins])
    return {user.email.split("@")[0]: user for user in found}


def seed() -> list[str]:
    event = Event.objects.filter(title=DEMO["event"]).first()
    people = _people([DEMO["organiser"], *DEMO["attended"]])
    organiser = people.get(DEMO["organiser"])
    if event is None or organiser is None or Survey.objects.filter(event=event).exists():
        return []
    attended = Registration.objects.filter(
        event=event,
        status=RegistrationStatus.REGISTERED,
        person__in=[people[n] for n in DEMO["attended"] if n in people],
    ).values_list("pk", flat=True)
    services.attendance_set(event=event, registration_ids=list(attended), by=organiser)
    services.recording_save(event=event, url=DEMO["recording"], slides=None, by=organiser)

    questions = [
        services.survey_question_add(event=event, kind=item["kind"], text=item["text"]) for item in DEMO["survey"]
    ]
    services.survey_send(event=event, by=organiser)
    for answer in DEMO["survey_answers"]:
        if answer["by"] in people:
            services.survey_answer(
                event=event,
                person=people[answer["by"]],
                answers={q.pk: value for q, value in zip(questions, answer["answers"], strict=True)},
            )

    check = DEMO["check"]
    services.check_settings_save(
        event=event, pass_mark=check["pass_mark"], certificate_needs_pass=check["certificate_needs_pass"]
    )
    check_questions = [
        services.check_question_add(
            event=event,
            text=item["text"],
            options=[
                services.OptionInput(text=o["text"], feedback=o.get("feedback", ""), is_correct=bool(o.get("right")))
                for o in item["options"]
            ],
        )
        for item in check["questions"]
    ]
    services.check_send(event=event, by=organiser)
    for attempt in DEMO["check_attempts"]:
        if attempt["by"] in people:
            chosen = {
                q.pk: list(q.options.order_by("position"))[index].pk
                for q, index in zip(check_questions, attempt["choices"], strict=True)
            }
            services.check_attempt_submit(event=event, person=people[attempt["by"]], chosen=chosen)
    return ["After the demo webinar: attendance, its recording in the hub, an exit survey and a knowledge check."]
