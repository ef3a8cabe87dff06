"""Importing many values of a network's measures from a CSV or xlsx file, through core/tabular.py.

One row per measure and period, under a header with the columns `measure`, `period`, `value` and, if wanted,
`note` and `step_change`. Every row is checked first; if any is wrong nothing is saved and every problem is
reported with its line (or sheet row) and column. A row the same as what is saved changes nothing, so the same
file imported again changes nothing. A blank note or step change keeps what the period has.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from wayfinder.core import tabular
from wayfinder.core.tabular import Layout, Problem, ProblemReport
from wayfinder.core.text import counted
from wayfinder.measures import periods, services
from wayfinder.measures.models import Measure, Value
from wayfinder.networks.models import Network

REQUIRED = ("measure", "period", "value")
OPTIONAL = ("note", "step_change")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
NOT_XLSX = "The file is not an Excel workbook (.xlsx). Save it from your spreadsheet as an Excel workbook or as CSV."
TOO_BIG_UNPACKED = "The workbook holds too much to read. Split it into smaller files and import each one."
SHEET = "Values"


@dataclass(frozen=True)
class Row:
    line: int
    measure: Measure
    period: dt.date
    value: Decimal
    note: str | None
    step_change: bool | None


@dataclass
class ImportResult:
    report: ProblemReport
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    saved: bool = False
    layout: Layout = Layout.CSV
    measures: list[str] = field(default_factory=list)

    def said(self) -> str:
        return (
            f"{counted(self.rows, 'row', 'rows')}: {self.created} new, {self.updated} changed, "
            f"{self.unchanged} the same as before"
        )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(data: bytes, report: ProblemReport) -> list[tuple[int, list[str]]] | None:
    try:
        workbook = tabular.open_workbook(data, not_a_workbook=NOT_XLSX, too_big_unpacked=TOO_BIG_UNPACKED)
    except tabular.UnreadableFile as error:
        report.add(error.problem)
        return None
    try:
        sheet = workbook.worksheets[0]
        records = [
            (number, [_cell_text(cell) for cell in cells])
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, OSError, zipfile.BadZipFile):
        report.add(Problem("", None, "", NOT_XLSX, Layout.WORKBOOK))
        return None
    finally:
        workbook.close()
    return records


def _problem(layout: Layout, line: int | None, column: str, message: str) -> Problem:
    return Problem(SHEET if layout is Layout.WORKBOOK else "", line, column, message, layout)


def read(network: Network, data: bytes, filename: str, report: ProblemReport) -> tuple[list[Row], Layout]:
    """Check every row of the file against the network's measures without saving anything."""
    layout = Layout.WORKBOOK if filename.lower().endswith(".xlsx") else Layout.CSV
    if layout is Layout.WORKBOOK:
        records = _xlsx_rows(data, report)
        if records is None:
            return [], layout
    else:
        text, problem = tabular.decode_csv(data)
        if problem is not None or text is None:
            report.add(problem or _problem(layout, None, "", tabular.NOT_CSV))
            return [], layout
        records, problem = tabular.csv_lines(text)
        if problem is not None:
            report.add(problem)
    records = [(line, cells) for line, cells in records if not tabular.is_blank(cells)]
    if not records:
        report.add(_problem(layout, None, "", "The file is empty. The first row names the columns."))
        return [], layout
    header = [tabular.header_name(cell) for cell in records[0][1]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        report.add(
            _problem(
                layout,
                records[0][0],
                "",
                "The header must name the columns measure, period and value. Missing: " + ", ".join(missing) + ".",
            )
        )
        return [], layout
    unknown = [name for name in header if name and name not in REQUIRED + OPTIONAL]
    if unknown:
        report.add(_problem(layout, records[0][0], "", "Columns not used by this import: " + ", ".join(unknown) + "."))
    table, problems = tabular.csv_table(records[1:], header)
    for problem in problems:
        report.add(_problem(layout, problem.line, problem.column, problem.message))

    measures = {m.name.casefold(): m for m in Measure.objects.filter(network=network)}
    rows: list[Row] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for line, cells in table.rows:
        bad = False
        measure = measures.get(cells.get("measure", "").strip().casefold())
        if measure is None:
            name = cells.get("measure", "").strip()
            message = (
                f"Your network has no measure called “{name[:80]}”. Use a name from your measures page."
                if name
                else "Name the measure."
            )
            report.add(_problem(layout, line, "measure", message))
            bad = True
        period = None
        if measure is not None:
            try:
                period = periods.parse(cells.get("period", ""), measure.frequency)
            except periods.BadPeriod as error:
                report.add(_problem(layout, line, "period", f"{measure.name} is {measure.frequency}: {error}"))
                bad = True
        value = None
        try:
            value = services.number(cells.get("value", ""))
        except ValidationError as error:
            report.add(_problem(layout, line, "value", error.messages[0]))
            bad = True
        note = cells.get("note", "").strip() or None
        if note and len(note) > 2000:
            report.add(_problem(layout, line, "note", "The note must be 2,000 characters or fewer."))
            bad = True
        step_text = cells.get("step_change", "").strip().lower()
        step: bool | None = None
        if step_text in YES:
            step = True
        elif step_text not in NO:
            report.add(_problem(layout, line, "step_change", "Write yes or no, or leave it blank."))
            bad = True
        elif step_text:
            step = False
        if measure is not None and period is not None:
            earlier = seen.get((measure.pk, period))
            if earlier is not None:
                report.add(
                    _problem(
                        layout,
                        line,
                        "period",
                        f"{measure.name} has a value for {periods.label(period, measure.frequency)} on "
                        f"{'line' if layout is Layout.CSV else 'row'} {earlier} already. Give each period once.",
                    )
                )
                bad = True
            else:
                seen[(measure.pk, period)] = line
        if not bad and measure is not None and period is not None and value is not None:
            rows.append(Row(line, measure, period, value, note, step))
    if not table.rows and not report.problems:
        report.add(_problem(layout, None, "", "The file has a header but no values under it."))
    return rows, layout


def values_import(*, network: Network, data: bytes, filename: str, dry_run: bool, by: Any) -> ImportResult:
    """Check the file and, when every row is right and this is not a dry run, save it all in one transaction."""
    report = ProblemReport()
    result = ImportResult(report=report)

    def plan() -> list[Row]:
        rows, result.layout = read(network, data, filename, report)
        result.rows = len(rows)
        existing = {
            (v.measure_id, v.period): v
            for v in Value.objects.filter(measure__network=network, period__in={r.period for r in rows})
        }
        for row in rows:
            saved = existing.get((row.measure.pk, row.period))
            if saved is None:
                result.created += 1
            elif (
                saved.value != row.value
                or (row.note is not None and row.note != saved.note)
                or (row.step_change is not None and row.step_change != saved.step_change)
            ):
                result.updated += 1
            else:
                result.unchanged += 1
        result.measures = sorted({row.measure.name for row in rows})
        return rows

    def save(rows: list[Row]) -> bool:
        for row in rows:
            services.value_set(
                measure=row.measure,
                period=row.period,
                value=row.value,
                note=row.note,
                step_change=row.step_change,
                by=by,
            )
        return True

    result.saved = bool(tabular.save_all_or_nothing(report, dry_run=dry_run, plan=plan, save=save))
    return result
