"""A round's results to take away: the chart, an xlsx workbook, CSV and a PDF summary. No names or emails."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.text import slugify
from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wayfinder.assessments.queries import DimensionResult, RoundResults
from wayfinder.core import charts
from wayfinder.core.downloads import csv_text, pdf_from_html, print_on_a4, wrap_rows
from wayfinder.core.text import counted, number
from wayfinder.frameworks.labels import level_label

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DISCUSS = "Discuss: views differ by 2 levels or more"
NOT_YET_AGREED = "Not yet agreed"
# Characters a worksheet's name may not hold.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


# Dates as people read them ------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """31 March 2027, as the NHS style guide writes dates."""
    return f"{day.day} {day:%B %Y}"


def _cell_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 2)


def filename(results: RoundResults, extension: str) -> str:
    stem = slugify(f"{results.network_name} {results.round_label} results")[:80] or "results"
    return f"{stem}.{extension}"


# The chart ------------------------------------------------------------------------------------------------


def radar_series(results: RoundResults) -> list[charts.Series]:
    """This round's medians, the agreed levels (once any are recorded), the latest earlier round and targets."""
    dims = results.dimensions
    series = [charts.Series("Median rating, this round", [d.all.median for d in dims], charts.STYLES[0])]
    if results.agreed_count:
        series.append(
            charts.Series(
                "Agreed level",
                [d.agreed.level if d.agreed is not None and d.agreed.agreed else None for d in dims],
                charts.STYLES[1],
            )
        )
    if results.earlier_rounds:
        latest = results.earlier_rounds[0]
        medians = [d.earlier[0].median if d.earlier else None for d in dims]
        if any(m is not None for m in medians):
            series.append(charts.Series(f"Median rating, {latest.label}", medians, charts.STYLES[2]))
        else:
            agreed = [float(d.earlier[0].agreed) if d.earlier and d.earlier[0].agreed else None for d in dims]
            series.append(charts.Series(f"Agreed level, {latest.label}", agreed, charts.STYLES[2]))
    if results.has_targets:
        series.append(
            charts.Series("Target", [d.target.level if d.target is not None else None for d in dims], charts.STYLES[3])
        )
    return series


def results_chart(results: RoundResults, *, legend: bool = False, id_prefix: str = "results-chart") -> Markup | None:
    """The radar chart for a maturity matrix, or bars of the medians for a survey; None if there is nothing
    to draw."""
    title = f"{results.framework_name}: results of {results.round_label}"
    if results.is_survey:
        if results.survey is None or not results.survey.enough:
            return None
        return charts.bar_chart(
            [d.name for d in results.dimensions],
            [d.all.median for d in results.dimensions],
            results.max_level or 5,
            f"{title} (median answer to each statement)",
            id_prefix=id_prefix,
        )
    if len(results.dimensions) < 3 or results.max_level < 1:
        return None
    return charts.radar_chart(
        [d.name for d in results.dimensions],
        radar_series(results),
        results.max_level,
        title,
        legend=legend,
        id_prefix=id_prefix,
    )


def chart_legend(results: RoundResults) -> list[tuple[str, Markup]]:
    """The key to the radar chart, written in HTML beside it: each series' name with a sample of its line."""
    if results.is_survey:
        return []
    return [(s.name, charts.legend_swatch(charts.style_for(i, s))) for i, s in enumerate(radar_series(results))]


# Rows shared by CSV and the workbook ---------------------------------------------------------------------


def summary_header(results: RoundResults) -> list[str]:
    if results.is_survey:
        return ["Number", "Statement", "Group", "Answers", "Median", "Lowest", "Highest", "Spread"]
    header = [
        "Number",
        "Dimension",
        "Ratings",
        "Median",
        "Lowest",
        "Highest",
        "Spread",
        "Flag",
        "Internal ratings",
        "Internal median",
        "External ratings",
        "External median",
        "Agreed level",
        "Agreed level name",
        "Agreed",
        "Target level",
        "Target level name",
        "Target date",
        "Gap to target",
    ]
    header += [f"Median, {earlier.label}" for earlier in results.earlier_rounds]
    header += [f"Agreed level, {earlier.label}" for earlier in results.earlier_rounds]
    return header


def summary_row(results: RoundResults, d: DimensionResult) -> list[Any]:
    s = d.all
    if results.is_survey:
        return [d.number, d.name, d.group, s.count, _cell_number(s.median), s.lowest, s.highest, s.spread]
    agreed = d.agreed
    return [
        d.number,
        d.name,
        s.count,
        _cell_number(s.median),
        s.lowest,
        s.highest,
        s.spread,
        DISCUSS if d.flagged else "",
        d.internal.count,
        _cell_number(d.internal.median),
        d.external.count,
        _cell_number(d.external.median),
        agreed.level if agreed else None,
        agreed.level_name if agreed else "",
        ("Yes" if agreed.agreed else NOT_YET_AGREED) if agreed else "",
        d.target.level if d.target else None,
        d.target.level_name if d.target else "",
        d.target.due_on if d.target else None,
        _cell_number(d.gap),
        *[_cell_number(e.median) for e in d.earlier],
        *[e.agreed for e in d.earlier],
    ]


# CSV ------------------------------------------------------------------------------------------------------


def results_csv(results: RoundResults) -> str:
    """One row per dimension (or survey statement) with the summary figures."""
    return csv_text(summary_header(results), (summary_row(results, d) for d in results.dimensions))


# xlsx -----------------------------------------------------------------------------------------------------

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def _put(sheet: Worksheet, row: int, column: int, value: Any, *, font: Font | None = None) -> None:
    """Write one cell; text is always stored as text, never as a formula, and without control characters."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "d mmm yyyy"
    if font is not None:
        cell.font = font


def _put_row(sheet: Worksheet, row: int, values: Iterable[Any], *, font: Font | None = None) -> None:
    for column, value in enumerate(values, start=1):
        _put(sheet, row, column, value, font=font)


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _sheet_name(number: int, name: str, taken: set[str]) -> str:
    base = SHEET_NAME_FORBIDDEN.sub(" ", f"{number} {name}").strip("' ")
    candidate = base[:31].rstrip()
    suffix = 2
    while candidate.lower() in taken:
        tail = f" ({suffix})"
        candidate = base[: 31 - len(tail)].rstrip() + tail
        suffix += 1
    taken.add(candidate.lower())
    return candidate


def _about(sheet: Worksheet, results: RoundResults) -> int:
    _put(sheet, 1, 1, f"{results.network_name}: {results.round_label}", font=TITLE)
    _put(sheet, 2, 1, f"{results.framework_name}, version {results.version_number}")
    _put(sheet, 3, 1, f"From {long_date(results.opens_on)}. {results.closing_text()}.")
    r = results.raters
    if results.is_survey:
        _put(
            sheet,
            4,
            1,
            f"{counted(r.rated, 'person', 'people')} answered. Figures are shown only where at least "
            f"{counted(results.survey.minimum if results.survey else 5, 'person', 'people')} answered a statement.",
        )
    else:
        _put(
            sheet,
            4,
            1,
            f"{r.rated} of {counted(r.invited, 'invited rater', 'invited raters')} gave ratings "
            f"({r.rated_internal} internal, "
            f"{r.rated_external} external); {r.submitted} submitted. Saved ratings count whether or not "
            "the rater submitted.",
        )
    return 6


# Columns of the summary sheet that need more (or less) than the 10 characters the figures get.
SUMMARY_WIDTHS = {"Number": 8, "Dimension": 36, "Statement": 40, "Group": 16, "Flag": 18, "Agreed": 12}


def results_xlsx(results: RoundResults) -> bytes:
    """A workbook: a summary, one sheet per dimension and the raw ratings, all anonymous.

    Surveys are only ever shown in aggregate, so a survey workbook has the summary and the comments.
    """
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    row = header_row = _about(summary, results)
    header = summary_header(results)
    _put_row(summary, row, header, font=BOLD)
    summary.freeze_panes = summary.cell(row=row + 1, column=3)
    for d in results.dimensions:
        row += 1
        _put_row(summary, row, summary_row(results, d))
    # Headings and names wrap, so the figures' columns can be narrow and the table prints one page wide.
    _widths(summary, [SUMMARY_WIDTHS.get(heading, 10) for heading in header])
    wrap_rows(summary, header_row, row)
    row += 2
    _put(summary, row, 1, "Levels", font=BOLD)
    for level in results.levels:
        row += 1
        _put(summary, row, 1, level_label(level.position, level.name))
    print_on_a4(summary, title_rows=f"{header_row}:{header_row}")

    if results.is_survey:
        if results.survey is not None and results.survey.enough:
            comments = book.create_sheet("Comments")
            _put_row(comments, 1, ["Statement", "Comment"], font=BOLD)
            for n, comment in enumerate(results.survey.comments, start=2):
                _put_row(comments, n, [comment.dimension_name, comment.text])
                comments.cell(row=n, column=2).alignment = WRAP
            _widths(comments, [44, 90])
            wrap_rows(comments, 1)
            print_on_a4(comments, title_rows="1:1")
        return _save(book)

    taken = {"summary", "raw ratings"}
    for d in results.dimensions:
        sheet = book.create_sheet(_sheet_name(d.number, d.name, taken))
        _dimension_sheet(sheet, results, d)

    raw = book.create_sheet("Raw ratings")
    _put_row(
        raw,
        1,
        ["Rater", "Perspective", "Dimension number", "Dimension", "Level", "Level name", "Confidence"],
        font=BOLD,
    )
    for n, rating in enumerate(results.ratings, start=2):
        _put_row(
            raw,
            n,
            [
                rating.rater_number,
                rating.perspective_label,
                rating.dimension_number,
                rating.dimension_name,
                rating.level,
                rating.level_name,
                rating.confidence_label,
            ],
        )
    raw.freeze_panes = "A2"
    _widths(raw, [8, 16, 12, 44, 8, 20, 16])
    wrap_rows(raw, 1)
    print_on_a4(raw, title_rows="1:1")
    return _save(book)


DIMENSION_WIDTHS = [26, 22, 8, 18, 16, 80]


def _dimension_sheet(sheet: Worksheet, results: RoundResults, d: DimensionResult) -> None:
    _put(sheet, 1, 1, f"{d.number}. {d.name}", font=TITLE)
    s = d.all
    facts = [
        ("Ratings", s.count),
        ("Median", _cell_number(s.median)),
        ("Lowest", s.lowest),
        ("Highest", s.highest),
        ("Spread", s.spread),
        ("Flag", DISCUSS if d.flagged else "None"),
        ("Internal median", _cell_number(d.internal.median)),
        ("External median", _cell_number(d.external.median)),
        (
            "Agreed level",
            level_label(d.agreed.level, d.agreed.level_name)
            + ("" if d.agreed.agreed else f" ({NOT_YET_AGREED.lower()})")
            if d.agreed
            else "",
        ),
        (
            "Target",
            f"{level_label(d.target.level, d.target.level_name)} by {long_date(d.target.due_on)}"
            if d.target
            else "None",
        ),
        ("Gap to target", _cell_number(d.gap)),
    ]
    row = 3
    for label, value in facts:
        _put(sheet, row, 1, label, font=BOLD)
        _put(sheet, row, 2, value)
        row += 1
    if d.agreed and d.agreed.notes:
        _put(sheet, row, 1, "Notes from the discussion", font=BOLD)
        _put(sheet, row, 2, d.agreed.notes)
        # The notes use the width of the sheet rather than the narrow column of figures.
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(DIMENSION_WIDTHS))
        notes_row = row
        row += 1

    row += 1
    _put(sheet, row, 1, "How many chose each level", font=BOLD)
    row += 1
    _put_row(sheet, row, ["Level", "Level name", "All", "Internal", "External"], font=BOLD)
    for level, count, inside, outside in zip(
        results.levels, d.distribution, d.distribution_internal, d.distribution_external, strict=False
    ):
        row += 1
        _put_row(sheet, row, [level.position, level.name, count, inside, outside])

    row += 2
    _put(sheet, row, 1, "Ratings (raters are numbered, not named)", font=BOLD)
    row += 1
    ratings_row = row
    _put_row(sheet, row, ["Rater", "Perspective", "Level", "Level name", "Confidence", "Evidence"], font=BOLD)
    for rating in d.ratings:
        row += 1
        _put_row(
            sheet,
            row,
            [
                rating.rater_number,
                rating.perspective_label,
                rating.level,
                rating.level_name,
                rating.confidence_label,
                rating.evidence,
            ],
        )
    _widths(sheet, DIMENSION_WIDTHS)
    if d.agreed and d.agreed.notes:
        wrap_rows(sheet, notes_row, notes_row, widths={2: sum(DIMENSION_WIDTHS[1:])})
    wrap_rows(sheet, ratings_row)
    print_on_a4(sheet)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# PDF ------------------------------------------------------------------------------------------------------


def results_pdf(results: RoundResults, request: HttpRequest | None) -> bytes:
    """A printable summary: the chart, the table and the flags, rendered by WeasyPrint."""
    html = render_to_string(
        "assessments/results/print.jinja",
        {
            "results": results,
            "chart": results_chart(results, id_prefix="print-chart"),
            "legend": chart_legend(results),
            "number": number,
        },
        request=request,
    )
    return pdf_from_html(html)
