"""What learning holds about a person, for "download my data": the modules they enrolled on, the units they
finished and every reflection they wrote. Deleting the account deletes all of it (nobody else ever saw it)."""

from __future__ import annotations

from typing import Any

from wayfinder.comms.registry import DataFile
from wayfinder.learning.activities import Given, activities_of
from wayfinder.learning.models import Answer, Enrolment, UnitDone, UnitPage


def _when(value: Any) -> str:
    return value.isoformat() if value else ""


def export(user: Any) -> list[DataFile]:
    enrolments = Enrolment.objects.filter(person=user).select_related("module").order_by("pk")
    done = UnitDone.objects.filter(person=user).select_related("unit").order_by("pk")
    answers = list(Answer.objects.filter(person=user).order_by("unit_id", "pk"))
    units = UnitPage.objects.in_bulk({answer.unit_id for answer in answers})
    reflections = []
    for answer in answers:
        unit = units.get(answer.unit_id)
        found = (
            activities_of(
                unit.activities,
                {answer.activity_id: Given(text=answer.text, rating=answer.rating, ticked=tuple(answer.ticked))},
            )
            if unit
            else []
        )
        activity = next((item for item in found if item.id == answer.activity_id), None)
        reflections.append(
            {
                "unit": unit.title if unit else "",
                "activity": activity.prompt if activity else "",
                "answer": answer.text,
                "rating": answer.rating,
                "ticked": [activity.items[index] for index in answer.ticked if index < len(activity.items)]
                if activity
                else answer.ticked,
                "saved": _when(answer.updated_at),
            }
        )
    return [
        DataFile(
            name="learning/modules.csv",
            header=["Module", "Enrolled", "Completed"],
            rows=[[row.module.title, row.enrolled_at, row.completed_at or ""] for row in enrolments],
        ),
        DataFile(
            name="learning/units-done.csv",
            header=["Unit", "Done"],
            rows=[[row.unit.title, row.done_at] for row in done],
        ),
        DataFile(name="learning/reflections.json", data=reflections),
    ]


def erase(user: Any) -> None:
    Answer.objects.filter(person=user).delete()
    UnitDone.objects.filter(person=user).delete()
    Enrolment.objects.filter(person=user).delete()
