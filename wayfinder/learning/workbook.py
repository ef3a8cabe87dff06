"""A module's workbook as a Word document (python-docx): every unit's learning outcome and reflection activities
with the learner's own answers, and blank space where they have not answered yet, so it can also be printed and
filled in by hand."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from docx import Document
from docx.shared import Pt

from wayfinder.learning.activities import Activity
from wayfinder.learning.models import CHECKLIST, QUESTION, RATING, RATING_SCALE, ModulePage, UnitPage

# Characters XML 1.0 cannot hold; python-docx refuses them, so they are taken out of free text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
BLANK_LINES = 5
TICKED, UNTICKED = "☒", "☐"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def filename(module: ModulePage) -> str:
    return f"workbook-{slugify(module.title) or module.pk}.docx"


def _activity(document: Any, activity: Activity) -> None:
    document.add_heading(f"Activity {activity.number}", level=3)
    document.add_paragraph(_clean(activity.prompt))
    if activity.kind == QUESTION:
        if activity.hint:
            document.add_paragraph(_clean(activity.hint)).runs[0].italic = True
        if activity.given.text.strip():
            for line in activity.given.text.splitlines() or [""]:
                document.add_paragraph(_clean(line), style="Quote")
        else:
            for _ in range(BLANK_LINES):
                document.add_paragraph("_" * 60)
    elif activity.kind == RATING:
        scale = f"1 = {activity.low_label}, 5 = {activity.high_label}"
        document.add_paragraph(_clean(scale))
        marks = "   ".join(
            f"{TICKED if activity.given.rating == number else UNTICKED} {number}" for number in RATING_SCALE
        )
        document.add_paragraph(marks)
        if activity.given.rating:
            document.add_paragraph(f"Your rating: {activity.given.rating} out of 5")
    elif activity.kind == CHECKLIST:
        for _, item, ticked in activity.ticked_items:
            document.add_paragraph(f"{TICKED if ticked else UNTICKED} {_clean(item)}")


def module_docx(
    module: ModulePage, units: Sequence[tuple[UnitPage, Sequence[Activity]]], *, learner_name: str
) -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    document.core_properties.title = _clean(f"Workbook: {module.title}")
    document.core_properties.author = "Wayfinder"
    document.add_heading(_clean(f"Workbook: {module.title}"), level=0)
    document.add_paragraph(_clean(f"{learner_name}, downloaded on {timezone.localdate():%d %B %Y}"))
    if module.summary:
        document.add_paragraph(_clean(module.summary))
    document.add_paragraph(
        "Your answers are as you saved them online. Where an activity has no answer yet, there is space to write "
        "one by hand."
    )
    for number, (unit, activities) in enumerate(units, start=1):
        document.add_heading(_clean(f"Unit {number}: {unit.title}"), level=1)
        document.add_heading("Learning outcome", level=2)
        document.add_paragraph(_clean(unit.learning_outcome))
        document.add_heading("Reflection activities", level=2)
        if not activities:
            document.add_paragraph("This unit has no reflection activities.")
        for activity in activities:
            _activity(document, activity)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
