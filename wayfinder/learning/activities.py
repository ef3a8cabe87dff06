"""A unit's reflection activities as plain values, with a learner's answers beside them: what the unit page, the
services and the workbook share. Pure: no queries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wayfinder.learning.models import CHECKLIST, QUESTION, RATING, RATING_SCALE


@dataclass(frozen=True)
class Given:
    """What a learner gave for one activity."""

    text: str = ""
    rating: int | None = None
    ticked: tuple[int, ...] = ()


@dataclass(frozen=True)
class Activity:
    id: str
    kind: str  # question, rating or checklist
    number: int  # 1, 2, ... within the unit
    prompt: str
    hint: str = ""
    low_label: str = ""
    high_label: str = ""
    items: tuple[str, ...] = ()
    given: Given = field(default_factory=Given)

    @property
    def answered(self) -> bool:
        if self.kind == QUESTION:
            return bool(self.given.text.strip())
        if self.kind == RATING:
            return self.given.rating in RATING_SCALE
        return bool(self.given.ticked)

    @property
    def field_name(self) -> str:
        return f"activity-{self.id}"

    @property
    def ticked_items(self) -> list[tuple[int, str, bool]]:
        return [(index, item, index in self.given.ticked) for index, item in enumerate(self.items)]


def activities_of(stream: Iterable[Any], answers: Mapping[str, Given] | None = None) -> list[Activity]:
    """The unit's activities (its `activities` StreamField, in order), each with the learner's answer if any."""
    answers = answers or {}
    found: list[Activity] = []
    for block in stream:
        kind = block.block_type
        value = block.value
        common: dict[str, Any] = {
            "id": str(block.id),
            "kind": kind,
            "number": len(found) + 1,
            "prompt": str(value.get("prompt", "")),
            "given": answers.get(str(block.id), Given()),
        }
        if kind == QUESTION:
            found.append(Activity(**common, hint=str(value.get("hint") or "")))
        elif kind == RATING:
            found.append(
                Activity(
                    **common, low_label=str(value.get("low_label", "")), high_label=str(value.get("high_label", ""))
                )
            )
        elif kind == CHECKLIST:
            found.append(Activity(**common, items=tuple(str(item) for item in value.get("items", []))))
    return found


def unanswered(activities: Iterable[Activity]) -> list[Activity]:
    return [activity for activity in activities if not activity.answered]


def parse_answer(activity: Activity, data: Mapping[str, Any]) -> Given | None:
    """What a form post gives for one activity, or None when the post does not carry it (htmx may post one field).
    Raises ValueError with a message for a rating or an item that is not offered."""
    name = activity.field_name
    if activity.kind == QUESTION:
        if name not in data:
            return None
        return Given(text=str(data.get(name, "")).strip())
    if activity.kind == RATING:
        if name not in data:
            return None
        raw = str(data.get(name, "")).strip()
        if raw == "":
            return Given()
        if raw not in {str(number) for number in RATING_SCALE}:
            raise ValueError(f"Activity {activity.number}: choose a rating from 1 to 5")
        return Given(rating=int(raw))
    if activity.kind == CHECKLIST:
        # Unticked boxes send nothing: a hidden field named after the list says the list was on the form.
        if f"{name}-shown" not in data and name not in data:
            return None
        getlist = getattr(data, "getlist", None)
        raw_items = getlist(name) if getlist else data.get(name, [])
        if isinstance(raw_items, str):
            raw_items = [raw_items]
        ticked: set[int] = set()
        for raw in raw_items:
            if not str(raw).isdigit() or int(raw) >= len(activity.items):
                raise ValueError(f"Activity {activity.number}: tick only items on the list")
            ticked.add(int(raw))
        return Given(ticked=tuple(sorted(ticked)))
    return None
