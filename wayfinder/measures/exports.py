"""A measure's values with the computed mean, limits and signals, as CSV and as a workbook (core/downloads.py)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from wayfinder.core.downloads import csv_safe, csv_text, print_on_a4, wrap_rows
from wayfinder.measures import periods
from wayfinder.measures.queries import Chart

HEADER = (
    "Period",
    "Value",
    "Mean",
    "Lower process limit",
    "Upper process limit",
    "Limits provisional",
    "Signals",
    "Reading",
    "Step change",
    "Note",
)
READINGS = {"common": "Common cause", "improvement": "Improvement", "concern": "Concern", "neither": "Special cause"}


def _rows(chart: Chart) -> list[list[Any]]:
    frequency = chart.measure.frequency
    return [
        [
            periods.write(row.period, frequency),
            row.value,
            round(row.mean, 4),
            round(row.lower, 4),
            round(row.upper, 4),
            "yes" if row.provisional else "no",
            row.signals,
            READINGS[row.kind.value],
            "yes" if row.step_change else "no",
            row.note,
        ]
        for row in chart.rows()
    ]


def measure_csv(chart: Chart) -> str:
    return csv_text(HEADER, _rows(chart))


def measure_xlsx(chart: Chart) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Values"
    measure = chart.measure
    sheet.append([csv_safe(measure.name)])
    sheet["A1"].font = Font(bold=True, size=14)
    target = f", target {measure.target_text}" if measure.target is not None else ""
    sheet.append([csv_safe(f"{measure.get_direction_display()}; unit: {measure.unit}{target}. {chart.summary}")])
    sheet.append([])
    sheet.append(list(HEADER))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in _rows(chart):
        sheet.append([csv_safe(v) if isinstance(v, str) else v for v in row])
    for column, width in zip("ABCDEFGHIJ", (12, 12, 12, 14, 14, 12, 28, 14, 10, 48), strict=True):
        sheet.column_dimensions[column].width = width
    wrap_rows(sheet, 5)
    print_on_a4(sheet, title_rows="4:4")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
