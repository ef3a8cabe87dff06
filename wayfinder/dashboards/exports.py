"""The dashboards to take away: CSV and xlsx of any view, a PDF summary of a system, and the bar charts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.text import slugify
from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from wayfinder.assessments.exports import XLSX_CONTENT_TYPE, number
from wayfinder.core import charts
from wayfinder.core.downloads import csv_text, pdf_from_html, print_on_a4, wrap_rows
from wayfinder.core.suppression import Figure, PageFigures
from wayfinder.dashboards.queries import (
    READINESS_TOTAL,
    Cell,
    Dashboard,
    DimensionDistribution,
    GroupDashboard,
    GroupRow,
)
from wayfinder.dashboards.support_queries import COMPARISON_NOTE, SupportProgress

__all__ = ["XLSX_CONTENT_TYPE", "number"]

FEWER_THAN = "Fewer than 5 networks: not shown"
# A figure worked out from fewer than 5 networks, in a group that is shown.
NOT_SHOWN = "Not shown: fewer than 5 networks"
BOLD = Font(bold=True)


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]


def filename(title: str, extension: str) -> str:
    return f"{slugify(title)[:80] or 'dashboard'}.{extension}"


def _cell(cell: Cell) -> float | int | None:
    if cell.value is None:
        return None
    return int(cell.value) if float(cell.value).is_integer() else round(cell.value, 2)


def _figure(figure: Figure) -> Any:
    if figure.hidden:
        return NOT_SHOWN
    value = figure.value
    return int(value) if isinstance(value, float) and value.is_integer() else value


def system_table(title: str, data: Dashboard) -> Table:
    header = ["Network", "Place", "Primary care network", "Last assessed", "Plan covering today"]
    header += [f"{d.number}. {d.name}" for d in data.dimensions]
    header += ["Dimensions up", "Dimensions down", "Average change", f"Readiness items done (of {READINESS_TOTAL})"]
    rows = []
    for row in data.networks:
        moved = row.previous_round_id is not None
        rows.append(
            [
                row.name,
                row.place_name,
                "Yes" if row.is_pcn else "No",
                row.last_assessed,
                "Yes" if row.has_current_plan else "No",
                *([_cell(c) for c in row.cells] or [None] * len(data.dimensions)),
                row.dimensions_up if moved else None,
                row.dimensions_down if moved else None,
                row.average_change if moved else None,
                row.readiness_done if row.is_pcn else None,
            ]
        )
    return Table(title, header, rows)


def group_table(
    title: str, label: str, data: Dashboard | GroupDashboard, groups: Sequence[GroupRow], suppressed: bool
) -> Table:
    header = [label, "Networks", "Networks assessed"]
    header += [f"{d.number}. {d.name} (average)" for d in data.dimensions]
    header += ["Average change", "Primary care networks", "PCNs with the checklist done"]
    rows: list[list[Any]] = []
    for g in groups:
        if suppressed or g.suppressed:
            rows.append([g.name, FEWER_THAN])
            continue
        f = g.figures
        rows.append(
            [
                g.name,
                _figure(f.networks),
                _figure(f.assessed),
                *[_figure(a) for a in f.averages],
                _figure(f.average_change),
                _figure(f.pcns),
                _figure(f.pcns_ready),
            ]
        )
    return Table(title, header, rows)


def table_csv(table: Table) -> str:
    return csv_text(table.header, table.rows)


def _put_row(sheet: Any, row: int, values: Sequence[Any], *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.data_type = "s"  # text stays text, never a formula
        else:
            cell.value = value
            if isinstance(value, date):
                cell.number_format = "d mmm yyyy"
        if bold:
            cell.font = BOLD


def table_xlsx(
    table: Table, data: Dashboard | GroupDashboard, *, suppressed: bool = False, page: PageFigures | None = None
) -> bytes:
    """The view's table, the distribution of levels and the support needs, one sheet each (the table alone when
    the whole view is too small to show figures). `page` says which of the page's figures this viewer may see
    (None: all of them)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dashboard"
    _put_row(sheet, 1, [table.title], bold=True)
    if data.framework:
        _put_row(sheet, 2, [f"Framework: {data.framework[1]}"])
    _put_row(sheet, 4, table.header, bold=True)
    for n, row in enumerate(table.rows, start=5):
        _put_row(sheet, n, row)
    sheet.freeze_panes = "B5"
    wrap_rows(sheet, 4, 4)
    print_on_a4(sheet, title_rows="4:4")
    if suppressed:
        return _save(book)
    if data.levels:
        spread = book.create_sheet("Distribution")
        _put_row(spread, 1, ["Dimension", *[f"{p} {name}" for p, name in data.levels]], bold=True)
        for n, dist in enumerate(data.distribution(), start=2):
            hidden = page is not None and page.distributions[n - 2].hidden
            counts = [NOT_SHOWN] if hidden else list(dist.counts)
            _put_row(spread, n, [f"{dist.dimension.number}. {dist.dimension.name}", *counts])
        print_on_a4(spread, title_rows="1:1")
    if page is not None and page.needs.hidden:
        return _save(book)
    needs = book.create_sheet("Support needs")
    _put_row(needs, 1, ["Support domain", "Plan priorities", "Support requests", "Total"], bold=True)
    for n, need in enumerate(data.needs, start=2):
        _put_row(needs, n, [need.name, need.priorities, need.requests, need.total])
    print_on_a4(needs, title_rows="1:1")
    return _save(book)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def distribution_chart(data: Dashboard | GroupDashboard, dist: DimensionDistribution, *, id_prefix: str) -> Markup:
    return charts.bar_chart(
        [f"{position} {name}" for position, name in data.levels],
        [float(c) for c in dist.counts],
        float(max(max(dist.counts, default=0), 1)),
        f"{dist.dimension.number}. {dist.dimension.name}: networks at each level",
        id_prefix=id_prefix,
    )


def distribution_charts(
    data: Dashboard | GroupDashboard, prefix: str = "distribution"
) -> list[tuple[DimensionDistribution, Markup]]:
    if not data.levels:
        return []
    return [
        (dist, distribution_chart(data, dist, id_prefix=f"{prefix}-{n}"))
        for n, dist in enumerate(data.distribution(), start=1)
    ]


def system_pdf(
    system: Any,
    data: Dashboard,
    form: Any,
    request: HttpRequest | None,
    *,
    support: SupportProgress | None = None,
    support_chart: Markup | None = None,
) -> bytes:
    """A printable summary of a system, with what its page holds for every network: the heatmap, each dimension's
    chart under its name, movement since the previous round, support needs and PCN readiness; and, given `support`,
    its "support and progress" section with its chart."""
    html = render_to_string(
        "dashboards/print.jinja",
        {
            "system": system,
            "data": data,
            "charts": distribution_charts(data, prefix="print-distribution"),
            "readiness_total": READINESS_TOTAL,
            "number": number,
            "support": support,
            "support_chart": support_chart,
            "support_note": COMPARISON_NOTE,
        },
        request=request,
    )
    return pdf_from_html(html, PRINT_EXTRA)


# Heatmap cells in print: the level's border style and a shade, as on screen (no patterns needed on paper).
PRINT_EXTRA = """
h3 { font-size: 11pt; margin: 10pt 0 4pt; page-break-after: avoid; }
.print-chart-block { page-break-inside: avoid; }
.print-chart-block .print-figure svg { width: 80%; }
.wf-heat { text-align: center; }
.wf-heat--1 { background: #fde0dd; border: 2px dotted #212b32; }
.wf-heat--2 { background: #fff4c2; border: 2px dashed #212b32; }
.wf-heat--3 { background: #e8f1f8; border: 2px solid #212b32; }
.wf-heat--4 { background: #cce2d8; border: 3px double #212b32; }
.wf-heat--5, .wf-heat--6, .wf-heat--7 { background: #a4d4b4; border: 4px solid #212b32; }
"""
