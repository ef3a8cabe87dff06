"""What every download shares: CSV files with a byte-order mark and made safe, workbooks that print on A4."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.factories import add_raters, build_round, build_version
from tests.signing_in import sign_in
from wayfinder.core import downloads
from wayfinder.frameworks.io import version_to_xlsx
from wayfinder.frameworks.models import FrameworkVersion

pytestmark = pytest.mark.django_db

WAYFINDER = Path(__file__).resolve().parents[2] / "wayfinder"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 20", "'+44 20"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Plain text", "Plain text"),
        (date(2026, 3, 31), "2026-03-31"),
        (None, ""),
        (2.5, 2.5),
    ],
)
def test_a_csv_cell_is_text_that_no_spreadsheet_runs(value: object, cell: object) -> None:
    assert downloads.csv_safe(value) == cell


def test_a_csv_download_starts_with_a_byte_order_mark_and_is_utf8() -> None:
    text = downloads.csv_text(["Network", "Note"], [["Ysbyty Gwynedd – Bangor", "=1+1"]])
    response = downloads.csv_response(text, "networks.csv")
    assert response.content.startswith(b"\xef\xbb\xbfNetwork,Note\r\n")
    assert response.content.decode("utf-8-sig").splitlines()[1] == "Ysbyty Gwynedd – Bangor,'=1+1"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="networks.csv"'


def test_csv_is_written_in_one_place() -> None:
    """Every CSV download goes through core.downloads, so none can forget the mark or the formula guard."""
    writers = [
        str(path.relative_to(WAYFINDER))
        for path in WAYFINDER.rglob("*.py")
        if "csv.writer(" in path.read_text() or "text/csv; charset" in path.read_text()
    ]
    assert writers == ["core/downloads.py"]


@pytest.fixture
def rated(world: SimpleNamespace) -> SimpleNamespace:
    round_ = build_round(world.restricted, build_version(dimensions=3))
    add_raters(round_, [[1, 2, 3], [2, 2, 4]])
    return SimpleNamespace(round=round_, **vars(world))


def test_every_csv_download_starts_with_the_byte_order_mark(client: Client, rated: SimpleNamespace) -> None:
    downloads_by_person = [
        (rated.member, f"/rounds/{rated.round.pk}/results.csv"),
        (rated.system_lead, f"/systems/{rated.system_a.pk}/dashboard/?format=csv"),
        (rated.regional_lead, f"/regions/{rated.region.pk}/dashboard/?format=csv"),
        (rated.national, "/national/dashboard/?format=csv"),
    ]
    for person, url in downloads_by_person:
        sign_in(client, person)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/csv; charset=utf-8", url
        assert response.content.startswith(downloads.BYTE_ORDER_MARK.encode()), url


def assert_prints_on_a4(sheet: Worksheet) -> None:
    assert str(sheet.page_setup.paperSize) == Worksheet.PAPERSIZE_A4, sheet.title
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), sheet.title
    assert sheet.print_area, sheet.title


def test_every_workbook_prints_one_page_wide_on_a4(client: Client, rated: SimpleNamespace) -> None:
    books = []
    sign_in(client, rated.member)
    books.append(client.get(f"/rounds/{rated.round.pk}/results.xlsx").content)
    sign_in(client, rated.system_lead)
    books.append(client.get(f"/systems/{rated.system_a.pk}/dashboard/?format=xlsx").content)
    sign_in(client, rated.national)
    books.append(client.get("/national/dashboard/?format=xlsx").content)
    books.append(version_to_xlsx(FrameworkVersion.objects.get(framework__slug="pcn-maturity-matrix", number=1)))
    for content in books:
        book = load_workbook(io.BytesIO(content))
        for sheet in book.worksheets:
            assert_prints_on_a4(sheet)
    summary = load_workbook(io.BytesIO(books[0]))["Summary"]
    assert summary.print_title_rows == "$6:$6"


def test_wrapped_rows_are_made_tall_enough_for_their_longest_cell() -> None:
    sheet = Workbook().active
    assert sheet is not None
    sheet.column_dimensions["A"].width = 11
    sheet.append(["Short", 3])
    sheet.append(["Words to fill three lines", 4])
    downloads.wrap_rows(sheet, 1)
    assert sheet.row_dimensions[1].height is None
    assert sheet.row_dimensions[2].height == 3 * downloads.LINE_HEIGHT
    assert sheet["A2"].alignment.wrap_text
    assert downloads.lines_needed("one\ntwo", 20) == 2
