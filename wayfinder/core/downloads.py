"""What every download shares: CSV files that Excel opens correctly and safely, and workbooks that print on A4.

Every CSV we hand out starts with a byte-order mark, because Excel reads a CSV without one in the computer's
old code page and garbles names such as "Ysbyty Gwynedd – Bangor". Text that a spreadsheet would run as a
formula (starting =, +, -, @, a tab or a carriage return) gets a leading apostrophe, so it stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from openpyxl.styles import Alignment
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

BYTE_ORDER_MARK = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A value as a CSV cell: formulas made into text, dates as 2026-03-31, nothing as an empty cell."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV table (Windows line endings, as Excel writes them), every cell made safe; no byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_safe(v) for v in header])
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()


def download_response(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A file to save as `filename`. Never kept in a shared cache: downloads hold a network's or a person's data."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(text: str, filename: str) -> HttpResponse:
    """A CSV download: UTF-8 with a byte-order mark, so Excel reads it as UTF-8, and never cached."""
    return download_response((BYTE_ORDER_MARK + text).encode("utf-8"), CSV_CONTENT_TYPE, filename)


WRAP = Alignment(wrap_text=True, vertical="top")


def print_on_a4(sheet: Worksheet, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """Print the sheet on A4, every column on one page wide and as many pages down as it takes, within the cells
    in use, with `title_rows` ("4:4") repeated at the top of each page."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE if landscape else Worksheet.ORIENTATION_PORTRAIT
    if sheet.sheet_properties.pageSetUpPr is not None:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.gridLines = True
    sheet.print_area = sheet.dimensions
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = "Page &P of &N"


LINE_HEIGHT = 15  # points, for one line of 11-point text
DEFAULT_WIDTH = 13  # a column's width, in characters, when none was set


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide (erring on the side of more)."""
    per_line = max(int(width) - 1, 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def wrap_rows(sheet: Worksheet, first: int, last: int | None = None, *, widths: dict[int, float] | None = None) -> None:
    """Wrap the text of every cell in rows `first` to `last` (default: the last row in use), top-aligned, and make
    each row tall enough for its longest cell: not every program works row heights out when it opens a file, and
    a row left one line high prints its wrapped text over the next. `widths` gives the width of a cell that spans
    several columns, by its column number."""
    for row in sheet.iter_rows(min_row=first, max_row=last or sheet.max_row):
        lines = 1
        for cell in row:
            cell.alignment = WRAP
            if isinstance(cell.value, str) and cell.value:
                width = (widths or {}).get(cell.column) or sheet.column_dimensions[cell.column_letter].width
                lines = max(lines, lines_needed(cell.value, width or DEFAULT_WIDTH))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


# PDF ------------------------------------------------------------------------------------------------------------


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """A PDF is built only from what we hand WeasyPrint: it never fetches anything, so a link or image address in
    someone's text cannot make the server ask another machine for it."""
    raise ValueError(f"A Wayfinder PDF does not load {url}")


def print_stylesheet() -> str:
    """wayfinder/print.css: the A4 page, type and tables every PDF shares."""
    path = finders.find("wayfinder/print.css")
    if not path or isinstance(path, list):
        raise FileNotFoundError("wayfinder/print.css is missing")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def pdf_from_html(html: str, extra_css: str = "") -> bytes:
    """A PDF of a page drawn by one of our print templates, with the shared print stylesheet and any extra rules."""
    import weasyprint  # imported here: it loads system libraries (Pango) that only PDFs need

    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    return bytes(document.write_pdf(stylesheets=[weasyprint.CSS(string=print_stylesheet() + extra_css)]))
