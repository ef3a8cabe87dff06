"""A plan to take away: a PDF (WeasyPrint, with the same print stylesheet as results) and a Word document
(python-docx) that Word and LibreOffice open. Both are built from queries.plan_page."""

from __future__ import annotations

import io
import re
from datetime import date

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from docx import Document
from docx.shared import Pt

from wayfinder.assessments.exports import number
from wayfinder.core.downloads import pdf_from_html
from wayfinder.plans import naming
from wayfinder.plans.models import Plan
from wayfinder.plans.queries import PlanPage

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_SERVICE_IMPROVEMENT = (
    "This plan has no service-improvement priority yet. Every plan year needs at least one, with the goal it "
    "serves and how progress will be measured."
)
# Characters XML 1.0 cannot hold; python-docx refuses them, so they are taken out of free text.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text or "")


def filename(plan: Plan, extension: str, *, number: int = 1) -> str:
    """The download's name says the network and the round the plan came from (see `naming.file_stem`); `number`
    is the plan's place among the plans started from its round."""
    round_ = plan.round
    stem = naming.file_stem(
        network_slug=plan.network.slug,
        purpose_label=round_.get_purpose_display() if round_ else None,
        opened_on=round_.opens_on if round_ else None,
        starts_on=plan.starts_on,
        number=number,
    )
    return f"{stem}.{extension}"


def level_text(value: float | None, target: int | None, top: int) -> str:
    then = number(value) or "not rated"
    aim = f"target {target}" if target is not None else f"no target (top level {top})"
    return f"{then}, {aim}"


# PDF ------------------------------------------------------------------------------------------------------


def plan_pdf(page: PlanPage, request: HttpRequest | None) -> bytes:
    html = render_to_string(
        "plans/print.jinja",
        {"page": page, "plan": page.plan, "number": number, "warning": NO_SERVICE_IMPROVEMENT},
        request=request,
    )
    return pdf_from_html(html)


# Word -----------------------------------------------------------------------------------------------------


def plan_docx(page: PlanPage) -> bytes:
    """The plan as a Word document: details, each priority with its domain and actions, the latest review."""
    plan = page.plan
    doc = Document()
    doc.core_properties.title = _clean(f"{plan.title}, {plan.network.name}")
    doc.core_properties.author = "Wayfinder"
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"  # type: ignore[attr-defined]
    normal.font.size = Pt(11)  # type: ignore[attr-defined]

    doc.add_paragraph(_clean(plan.network.name))
    doc.add_heading(_clean(plan.title), level=0)
    facts = doc.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in [
        ("Plan year", f"{_day(plan.starts_on)} to {_day(plan.ends_on)}"),
        ("Framework", plan.framework.name),
        ("Started from", str(plan.round) if plan.round else "No round"),
        ("Priorities", str(len(page.priorities))),
        ("Actions", f"{page.action_count} ({page.overdue_count} overdue)"),
    ]:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, _clean(value)
    if not page.has_service_improvement:
        doc.add_paragraph().add_run(NO_SERVICE_IMPROVEMENT).bold = True

    for n, row in enumerate(page.priorities, start=1):
        p = row.priority
        doc.add_heading(_clean(f"{n}. {p.title}"), level=1)
        doc.add_paragraph(p.get_kind_display())
        details = doc.add_table(rows=0, cols=2)
        details.style = "Table Grid"
        lines = [("Support domain", row.domain.name)]
        if p.dimension_name:
            lines.append(("Dimension", p.dimension_name))
            lines.append(("Level when the plan started", level_text(p.level_then, p.target_level, plan.top_level)))
        if p.is_service_improvement:
            lines += [("Goal it serves", p.goal), ("How progress is measured", p.measure)]
        if row.progress is not None:
            progress = row.progress.get_progress_display()
            lines.append(("Latest review", f"{progress}. {row.progress.note}".strip()))
        for label, value in lines:
            cells = details.add_row().cells
            cells[0].text, cells[1].text = label, _clean(value)
        doc.add_paragraph("Key components of the support domain:")
        for component in row.domain.components:
            doc.add_paragraph(_clean(component), style="List Bullet")
        if not row.actions:
            doc.add_paragraph("No actions yet.")
            continue
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ["Action", "Owner", "Due", "Status", "Notes"], strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for action_row in row.actions:
            a = action_row.action
            status = a.get_status_display() + (" (overdue)" if action_row.overdue else "")
            cells = table.add_row().cells
            values = [a.title, a.owner.display_name if a.owner else "Nobody", _day(a.due_on), status, a.notes]
            for cell, value in zip(cells, values, strict=True):
                cell.text = _clean(value)

    if page.latest_review is not None:
        review = page.latest_review
        doc.add_heading(f"Latest review, {_day(review.reviewed_on)}", level=1)
        if review.summary:
            doc.add_paragraph(_clean(review.summary))

    doc.add_paragraph(f"Made with Wayfinder on {_day(timezone.localdate())}.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
