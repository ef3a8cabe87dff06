"""Every write a learner causes: enrolling on a module, saving reflection answers, marking a unit complete (which
completes the module, with its certificate, once every unit is done)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wayfinder.core.changes import changed
from wayfinder.learning.activities import Given, activities_of, parse_answer, unanswered
from wayfinder.learning.models import Answer, Enrolment, ModulePage, UnitDone, UnitPage


def certificate_key(module_id: int) -> str:
    return f"learning:module:{module_id}"


def _module_of(unit: UnitPage) -> ModulePage:
    module = ModulePage.objects.live().filter(pk=unit.get_parent().pk).first() if unit.live else None
    if module is None:
        raise ValidationError("This unit is not published, so it cannot be used yet")
    return module


def _enrolment(person: Any, module: ModulePage) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().filter(person=person, module=module).first()
    if enrolment is None:
        raise ValidationError(f"Enrol on {module.title} first")
    return enrolment


@transaction.atomic
def enrolment_start(*, person: Any, module: ModulePage) -> Enrolment:
    """Enrol the person on a live module; enrolling again changes nothing."""
    if not module.live:
        raise ValidationError("This module is not published, so nobody can enrol on it yet")
    enrolment, _ = Enrolment.objects.get_or_create(person=person, module=module)
    changed(people=[person.pk])
    return enrolment


@transaction.atomic
def answers_save(*, person: Any, unit: UnitPage, data: Mapping[str, Any]) -> int:
    """Save the learner's answers to the unit's activities that `data` carries (a whole form, or one field from
    htmx). An empty answer clears what was there. Returns how many activities were saved."""
    module = _module_of(unit)
    enrolment = _enrolment(person, module)
    activities = activities_of(unit.activities)
    given: dict[str, Given] = {}
    problems: list[str] = []
    for activity in activities:
        try:
            answer = parse_answer(activity, data)
        except ValueError as error:
            problems.append(str(error))
            continue
        if answer is not None:
            given[activity.id] = answer
    if problems:
        raise ValidationError(problems)
    existing = {row.activity_id: row for row in Answer.objects.filter(person=person, unit=unit)}
    for activity_id, answer in given.items():
        row = existing.get(activity_id) or Answer(person=person, unit=unit, activity_id=activity_id)
        row.text = answer.text
        row.rating = answer.rating
        row.ticked = list(answer.ticked)
        row.save()
    if given and enrolment.started_at is None:
        enrolment.started_at = timezone.now()
        enrolment.save(update_fields=["started_at"])
    changed(people=[person.pk])
    return len(given)


def answers_of(person: Any, unit: UnitPage) -> dict[str, Given]:
    return {
        row.activity_id: Given(text=row.text, rating=row.rating, ticked=tuple(row.ticked))
        for row in Answer.objects.filter(person=person, unit=unit)
    }


@dataclass(frozen=True)
class UnitCompleted:
    unit_done: UnitDone
    module_completed: bool  # this unit was the module's last one
    certificate: Any = None


@transaction.atomic
def unit_complete(*, person: Any, unit: UnitPage) -> UnitCompleted:
    """Mark a unit done once every activity is answered; the module's last unit completes the module and issues its
    certificate."""
    module = _module_of(unit)
    enrolment = _enrolment(person, module)
    missing = unanswered(activities_of(unit.activities, answers_of(person, unit)))
    if missing:
        numbers = ", ".join(str(activity.number) for activity in missing)
        raise ValidationError(
            f"Answer every activity before you mark the unit complete. Not answered yet: activity {numbers}"
            if len(missing) == 1
            else f"Answer every activity before you mark the unit complete. Not answered yet: activities {numbers}"
        )
    now = timezone.now()
    done, _ = UnitDone.objects.get_or_create(person=person, unit=unit, defaults={"done_at": now})
    if enrolment.started_at is None:
        enrolment.started_at = now
        enrolment.save(update_fields=["started_at"])
    certificate = None
    completed_now = False
    if enrolment.completed_at is None and module_units_left(person, module) == 0:
        enrolment.completed_at = now
        enrolment.save(update_fields=["completed_at"])
        completed_now = True
    if enrolment.completed_at is not None:
        certificate = module_certificate(person=person, module=module, enrolment=enrolment)
    changed(people=[person.pk])
    return UnitCompleted(unit_done=done, module_completed=completed_now, certificate=certificate)


def module_units_left(person: Any, module: ModulePage) -> int:
    """How many of the module's live units the person has not done."""
    units = UnitPage.objects.live().child_of(module)
    return units.exclude(pk__in=UnitDone.objects.filter(person=person).values("unit_id")).count()


def module_certificate(*, person: Any, module: ModulePage, enrolment: Enrolment) -> Any:
    """The certificate for a completed module: issued the first time, the same one after that."""
    from wayfinder.certificates.services import certificate_issue

    if enrolment.completed_at is None:
        raise ValidationError("Complete every unit of the module to get its certificate")
    completed_on = timezone.localdate(enrolment.completed_at)
    return certificate_issue(
        person=person,
        key=certificate_key(module.pk),
        title="Certificate of completion",
        subject=f"Learning module: {module.title}",
        detail=f"Completed every unit on {completed_on.day} {completed_on:%B %Y}",
    )
