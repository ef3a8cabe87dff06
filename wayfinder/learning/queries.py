"""Reads for the learning pages: a learner's progress through a programme, a module and a unit, their own
answers (only ever read for the person asking), the counts a lead sees, and what to learn next. Each read costs a
fixed number of queries however many units, learners or answers there are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Substr

from wayfinder.learning.activities import Activity, Given, activities_of
from wayfinder.learning.models import (
    Answer,
    Enrolment,
    LearningIndexPage,
    ModulePage,
    ProgrammePage,
    UnitDone,
    UnitPage,
)

STEP = 4  # the length of one level of a Wagtail page path


def _signed_in(user: Any) -> bool:
    return user is not None and user.is_authenticated


@dataclass(frozen=True)
class UnitLine:
    """A unit as a module lists it."""

    pk: int
    title: str
    url: str
    done: bool


@dataclass(frozen=True)
class ModuleLine:
    """A module as a programme or a learner's page lists it, with the learner's progress."""

    pk: int
    title: str
    summary: str
    url: str
    units: int
    done: int
    enrolled: bool
    completed: bool

    @property
    def status(self) -> str:
        if self.completed:
            return "Completed"
        if self.done:
            return "In progress"
        if self.enrolled:
            return "Enrolled"
        return "Not started"


def url_of(page: Any) -> str:
    return str(page.get_url() or "")


def learning_index() -> LearningIndexPage | None:
    return LearningIndexPage.objects.live().first()


def programmes_listed(user: Any) -> list[dict[str, Any]]:
    """Every live programme with its live modules and the person's progress through each: four queries."""
    programmes = list(ProgrammePage.objects.live().order_by("path"))
    modules = _module_lines(ModulePage.objects.live(), user)
    return [
        {
            "page": programme,
            "url": url_of(programme),
            "modules": [line for path, line in modules if path[:-STEP] == programme.path],
        }
        for programme in programmes
    ]


def _module_lines(modules: Any, user: Any) -> list[tuple[str, ModuleLine]]:
    """The modules (a queryset of ModulePage) as lines with the person's progress: three queries whatever the
    number of modules and units (modules, their units, the person's units done and enrolments)."""
    pages = list(modules.order_by("path"))
    if not pages:
        return []
    units = list(
        UnitPage.objects.live()
        .filter(depth=pages[0].depth + 1)
        .annotate(module_path=Substr("path", 1, len(pages[0].path)))
        .filter(module_path__in=[page.path for page in pages])
        .values_list("pk", "module_path")
    )
    done: set[int] = set()
    enrolments: dict[int, Enrolment] = {}
    if _signed_in(user):
        done = set(
            UnitDone.objects.filter(person=user, unit_id__in=[pk for pk, _ in units]).values_list("unit_id", flat=True)
        )
        enrolments = {row.module_id: row for row in Enrolment.objects.filter(person=user, module__in=pages)}
    lines = []
    for page in pages:
        unit_ids = [pk for pk, path in units if path == page.path]
        enrolment = enrolments.get(page.pk)
        lines.append(
            (
                page.path,
                ModuleLine(
                    pk=page.pk,
                    title=page.title,
                    summary=page.summary,
                    url=url_of(page),
                    units=len(unit_ids),
                    done=len(done.intersection(unit_ids)),
                    enrolled=enrolment is not None,
                    completed=enrolment is not None and enrolment.completed_at is not None,
                ),
            )
        )
    return lines


def programme_progress(programme: ProgrammePage, user: Any) -> dict[str, Any]:
    lines = [line for _, line in _module_lines(ModulePage.objects.live().child_of(programme), user)]
    return {
        "modules": lines,
        "modules_completed": sum(1 for line in lines if line.completed),
        "units_total": sum(line.units for line in lines),
        "units_done": sum(line.done for line in lines),
    }


def module_progress(module: ModulePage, user: Any) -> dict[str, Any]:
    units = list(UnitPage.objects.live().child_of(module).order_by("path"))
    done: set[int] = set()
    enrolment = None
    if _signed_in(user):
        done = set(UnitDone.objects.filter(person=user, unit__in=units).values_list("unit_id", flat=True))
        enrolment = Enrolment.objects.filter(person=user, module=module).first()
    lines = [UnitLine(pk=unit.pk, title=unit.title, url=url_of(unit), done=unit.pk in done) for unit in units]
    return {
        "units": lines,
        "units_done": sum(1 for line in lines if line.done),
        "enrolment": enrolment,
        "completed": enrolment is not None and enrolment.completed_at is not None,
        "next_unit": next((line for line in lines if not line.done), None),
    }


@dataclass(frozen=True)
class Reading:
    title: str
    url: str
    note: str


def unit_detail(unit: UnitPage, user: Any) -> dict[str, Any]:
    """Everything the unit page shows: its module and neighbours, the reading, and (for the learner, and only for
    them) their enrolment and answers."""
    module = ModulePage.objects.get(pk=unit.get_parent().pk)
    siblings = list(UnitPage.objects.live().child_of(module).order_by("path").only("pk", "title", "path", "url_path"))
    enrolment = None
    answers: dict[str, Given] = {}
    done_ids: set[int] = set()
    if _signed_in(user):
        enrolment = Enrolment.objects.filter(person=user, module=module).first()
        if enrolment is not None:
            answers = {
                row.activity_id: Given(text=row.text, rating=row.rating, ticked=tuple(row.ticked))
                for row in Answer.objects.filter(person=user, unit=unit)
            }
            done_ids = set(
                UnitDone.objects.filter(person=user, unit__in=[page.pk for page in siblings]).values_list(
                    "unit_id", flat=True
                )
            )
    activities = activities_of(unit.activities, answers)
    position = next((index for index, page in enumerate(siblings) if page.pk == unit.pk), 0)
    reading = [
        Reading(title=block.value["resource"].title, url=url_of(block.value["resource"]), note=block.value["note"])
        for block in unit.reading
        if block.value["resource"] is not None and block.value["resource"].live
    ]
    return {
        "module": module,
        "module_url": url_of(module),
        "activities": activities,
        "answered_count": sum(1 for activity in activities if activity.answered),
        "enrolment": enrolment,
        "done": unit.pk in done_ids,
        "siblings": [
            UnitLine(pk=page.pk, title=page.title, url=url_of(page), done=page.pk in done_ids) for page in siblings
        ],
        "position": position + 1,
        "previous_unit": siblings[position - 1] if position > 0 else None,
        "next_unit": siblings[position + 1] if position + 1 < len(siblings) else None,
        "reading": reading,
        "errors": [],  # what went wrong with a form post, set by the view that answers it
        "posted": None,  # what that post held, to show again
    }


def workbook_units(module: ModulePage, user: Any) -> list[tuple[UnitPage, list[Activity]]]:
    """The module's live units, each with its activities and the person's own answers: two queries."""
    units = list(UnitPage.objects.live().child_of(module).order_by("path"))
    answers: dict[tuple[int, str], Given] = {
        (row.unit_id, row.activity_id): Given(text=row.text, rating=row.rating, ticked=tuple(row.ticked))
        for row in Answer.objects.filter(person=user, unit__in=units)
    }
    return [
        (
            unit,
            activities_of(
                unit.activities,
                {activity_id: given for (unit_id, activity_id), given in answers.items() if unit_id == unit.pk},
            ),
        )
        for unit in units
    ]


def my_learning(user: Any) -> list[ModuleLine]:
    """The modules the person is enrolled on, with their progress, newest enrolment first."""
    module_ids = list(
        Enrolment.objects.filter(person=user, module__live=True)
        .order_by("-enrolled_at")
        .values_list("module_id", flat=True)
    )
    lines = dict(_module_lines(ModulePage.objects.filter(pk__in=module_ids), user))
    by_pk = {line.pk: line for line in lines.values()}
    return [by_pk[pk] for pk in module_ids if pk in by_pk]


# What a lead sees: counts, never answers --------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleCounts:
    module_id: int
    title: str
    enrolled: int
    in_progress: int
    completed: int


def counts_for_people(people: Any, modules: Sequence[ModulePage]) -> list[ModuleCounts]:
    """How many of `people` (a queryset of user ids) are enrolled on each module, have started it without
    finishing, and have completed it: one query."""
    rows = {
        row["module_id"]: row
        for row in Enrolment.objects.filter(person_id__in=people, module__in=modules)
        .values("module_id")
        .annotate(
            enrolled=Count("pk"),
            in_progress=Count("pk", filter=Q(completed_at__isnull=True, started_at__isnull=False)),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
    }
    empty = {"enrolled": 0, "in_progress": 0, "completed": 0}
    return [
        ModuleCounts(
            module_id=module.pk,
            title=module.title,
            enrolled=rows.get(module.pk, empty)["enrolled"],
            in_progress=rows.get(module.pk, empty)["in_progress"],
            completed=rows.get(module.pk, empty)["completed"],
        )
        for module in modules
    ]


def live_modules() -> list[ModulePage]:
    return list(ModulePage.objects.live().order_by("path"))
