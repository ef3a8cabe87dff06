"""The shared reader and problem report every import uses: plain values in, no database."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wayfinder.core.tabular import (
    BAD_CSV_LINE,
    NOT_CSV,
    NOT_UTF8,
    RACE,
    Layout,
    Problem,
    ProblemReport,
    UnreadableFile,
    csv_lines,
    csv_table,
    decode_csv,
    header_name,
    load_json,
    open_workbook,
    read_limited,
    save_all_or_nothing,
)

# Where a problem is ---------------------------------------------------------------------------------------


def test_problem_locations_read_naturally() -> None:
    workbook, json_file = Layout.WORKBOOK, Layout.JSON
    assert str(Problem("Levels", 4, "B (Name)", "Enter it.", workbook)) == (
        "Levels sheet, row 4, column B (Name): Enter it."
    )
    assert str(Problem("levels", 2, "name", "Enter it.", json_file)) == '"levels", item 2, "name": Enter it.'
    assert str(Problem("", None, "", "Broken.", workbook)) == "The file: Broken."
    assert str(Problem("Levels", None, "", "Add one.", workbook)) == "Levels sheet: Add one."


def test_a_csv_problem_is_named_by_line_and_column() -> None:
    assert str(Problem("", 3, "region_code", "Unknown.")) == "Line 3, region_code: Unknown."
    assert str(Problem("", 3, "", "Unknown.")) == "Line 3: Unknown."
    assert str(Problem("", None, "", "Too big.")) == "File: Too big."
    assert Problem("Levels", 7, "", "x").row == 7


# The report -----------------------------------------------------------------------------------------------


def test_the_report_puts_whole_file_problems_first_then_lines_in_order() -> None:
    report = ProblemReport()
    report.add(Problem("", 5, "name", "Fifth."))
    report.add(Problem("", 2, "code", "Second, code."))
    report.add(Problem("", None, "", "Whole file."))
    report.add(Problem("", 2, "", "Second."))

    assert report.lines() == [
        "File: Whole file.",
        "Line 2: Second.",
        "Line 2, code: Second, code.",
        "Line 5, name: Fifth.",
    ]
    assert report.on_line(2) == ["Second, code.", "Second."]
    assert report.bad_lines == {2, 5}


@pytest.mark.parametrize(("count", "words"), [(0, "0 problems"), (1, "1 problem"), (2, "2 problems")])
def test_the_report_counts_problems_with_the_right_plural(count: int, words: str) -> None:
    report = ProblemReport([Problem("", n, "", "x") for n in range(count)])
    assert report.counted() == words
    assert report.ok is (count == 0)


# CSV ---------------------------------------------------------------------------------------------------------


def test_a_byte_order_mark_is_dropped_from_bytes_text_and_streams() -> None:
    assert decode_csv("\ufeffcode\n".encode()) == ("code\n", None)
    assert decode_csv("\ufeffcode\n") == ("code\n", None)
    assert decode_csv(io.StringIO("\ufeffcode\n")) == ("code\n", None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("code\n".encode("utf-16"), NOT_UTF8),
        (b"code\x00,name\n", NOT_CSV),
        (b"x" * 2 * 1024 * 1024, "The file is bigger than 1 MB."),
    ],
)
def test_a_file_that_is_not_utf8_text_or_too_big_is_refused(data: bytes, message: str) -> None:
    text, problem = decode_csv(data, max_bytes=1024 * 1024)
    assert text is None and problem is not None
    assert problem.line is None and problem.message.startswith(message)


def test_the_first_line_that_is_not_utf8_is_named() -> None:
    text, problem = decode_csv(b"code\nY01\n\xff\n")
    assert text is None and problem is not None and problem.line == 3


def test_text_with_a_nul_character_is_refused() -> None:
    assert decode_csv("a\x00b") == (None, Problem("", None, "", NOT_CSV))


def test_records_start_on_the_line_a_text_editor_shows() -> None:
    records, problem = csv_lines('code,name\nY01,"North\nand more"\nY02,South\n')
    assert problem is None
    assert records == [(1, ["code", "name"]), (2, ["Y01", "North\nand more"]), (4, ["Y02", "South"])]


def test_an_unbalanced_quotation_mark_is_reported_on_its_line() -> None:
    records, problem = csv_lines('code,name\nY01,"North"x\n')
    assert records == [(1, ["code", "name"])]
    assert problem == Problem("", 2, "", BAD_CSV_LINE)


def test_rows_are_read_under_the_header_and_blank_lines_skipped() -> None:
    table, problems = csv_table(
        [(2, [" Y01 ", "North"]), (3, ["", " "]), (4, ["Y02"]), (5, ["Y03", "x", "extra"])], ["code", "name"]
    )
    assert table.columns == ("code", "name")
    assert table.rows == ((2, {"code": "Y01", "name": "North"}),)
    assert [(p.line, p.message) for p in problems] == [
        (4, "This row has 1 value but the header has 2 columns. Check for a missing or extra comma."),
        (5, "This row has 3 values but the header has 2 columns. Check for a missing or extra comma."),
    ]


def test_headings_are_read_as_column_names() -> None:
    assert header_name(" Region code ") == "region_code"
    assert header_name("is-PCN") == "is_pcn"


@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\r")),
            min_size=1,
            max_size=4,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_rows_a_csv_writer_writes_are_read_back(rows: list[list[str]]) -> None:
    import csv

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    text, problem = decode_csv(buffer.getvalue().encode())
    assert problem is None and text is not None
    records, problem = csv_lines(text)
    assert problem is None
    assert [cells for _, cells in records] == rows


# Files of other kinds ------------------------------------------------------------------------------------------


def test_only_up_to_the_limit_is_read() -> None:
    stream = io.BytesIO(b"x" * 20)
    assert read_limited(stream, max_bytes=10) is None
    assert stream.tell() == 11
    assert read_limited(b"x" * 10, max_bytes=10) == b"x" * 10


def test_a_workbook_is_opened_read_only() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Position", "Name"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    opened = open_workbook(buffer.getvalue(), not_a_workbook="Not one.", too_big_unpacked="Too big.")
    try:
        assert [list(row) for row in opened.active.iter_rows(values_only=True)] == [["Position", "Name"]]
    finally:
        opened.close()


def test_a_file_that_is_not_a_workbook_or_unpacks_too_far_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnreadableFile) as error:
        open_workbook(b"not a zip", not_a_workbook="Not one.", too_big_unpacked="Too big.")
    assert str(error.value.problem) == "The file: Not one."

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xml", "x" * 100)
    monkeypatch.setattr("wayfinder.core.tabular.MAX_UNPACKED_BYTES", 50)
    with pytest.raises(UnreadableFile) as error:
        open_workbook(buffer.getvalue(), not_a_workbook="Not one.", too_big_unpacked="Too big.")
    assert error.value.problem.message == "Too big."


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"\xff{}", "The file is not a JSON text file saved as UTF-8."),
        (b"{", "The file is not valid JSON: Expecting property name enclosed in double quotes on line 1, column 2."),
        (b"1" * 5000, "Too long."),
        (b"[" * 100_000 + b"]" * 100_000, "The file is not a thing file: it is nested too deeply."),
    ],
)
def test_json_that_cannot_be_read_says_why(data: bytes, start: str) -> None:
    with pytest.raises(UnreadableFile) as error:
        load_json(data, what="thing", too_long_number="Too long.")
    assert error.value.problem.message == start
    assert error.value.problem.layout is Layout.JSON


def test_json_is_read_with_or_without_a_byte_order_mark() -> None:
    assert load_json('\ufeff{"a": 1}'.encode(), what="thing", too_long_number="") == {"a": 1}


# Saving all or nothing ------------------------------------------------------------------------------------------


def _save_region(code: str) -> str:
    from wayfinder.networks.models import Region

    Region.objects.create(code=code, name=f"Region {code}")
    return code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dry_run", "problems", "saved"),
    [(False, [], "Y01"), (True, [], None), (False, [Problem("", 2, "", "Bad.")], None)],
)
def test_nothing_is_saved_on_a_dry_run_or_when_any_row_is_bad(
    dry_run: bool, problems: list[Problem], saved: str | None
) -> None:
    from wayfinder.networks.models import Region

    report = ProblemReport(list(problems))
    result = save_all_or_nothing(report, dry_run=dry_run, plan=lambda: "Y01", save=_save_region)

    assert result == saved
    assert list(Region.objects.values_list("code", flat=True)) == ([saved] if saved else [])


@pytest.mark.django_db
def test_a_problem_found_while_planning_stops_the_save() -> None:
    report = ProblemReport()

    def plan() -> str:
        report.add(Problem("", 3, "region_code", "No region has the code Y99."))
        return "Y01"

    assert save_all_or_nothing(report, dry_run=False, plan=plan, save=_save_region) is None
    assert report.counted() == "1 problem"


@pytest.mark.django_db
def test_a_clash_with_someone_saving_the_same_rows_is_a_problem_and_saves_nothing() -> None:
    from wayfinder.networks.models import Region

    def save_twice(code: str) -> None:
        _save_region(code)
        _save_region(code)

    report = ProblemReport()
    assert save_all_or_nothing(report, dry_run=False, plan=lambda: "Y01", save=save_twice) is None
    assert report.lines() == [f"File: {RACE}"]
    assert not Region.objects.exists()
