"""Reading an attendance file from a webinar tool, without the database: row-level problems with their lines."""

from __future__ import annotations

from wayfinder.events.after_import import NO_EMAIL_COLUMN, AttendanceRow, match_rows, read_attendance


def test_it_reads_the_email_column_whatever_the_tool_calls_it() -> None:
    rows, problems = read_attendance("Name,User Email,Duration\nAna,ANA@example.org,40\nBo,bo@example.org,12\n")
    assert problems == []
    assert rows == [AttendanceRow(2, "ana@example.org"), AttendanceRow(3, "bo@example.org")]


def test_a_summary_above_the_table_is_skipped_and_lines_are_counted_from_the_top() -> None:
    text = "Meeting summary\nTitle,Focal Point\n\nFull name,Email address\nAna,ana@example.org\n"
    rows, problems = read_attendance(text.encode("utf-8-sig"))
    assert problems == []
    assert rows == [AttendanceRow(5, "ana@example.org")]


def test_bad_rows_are_reported_with_line_and_reason() -> None:
    rows, problems = read_attendance("email,name\nana@example.org,Ana\n,Bo\nnot-an-address,Cy\nd@example.org\n")
    assert [(p.line, p.column) for p in problems] == [(5, ""), (3, "email"), (4, "email")]
    assert [str(p) for p in problems][1] == "Line 3, email: This row has no email address."
    assert "not an email address" in problems[2].message
    assert rows == [AttendanceRow(2, "ana@example.org")]


def test_a_file_without_an_email_column_is_refused_as_a_whole() -> None:
    rows, problems = read_attendance("name,minutes\nAna,30\n")
    assert rows == []
    assert [p.message for p in problems] == [NO_EMAIL_COLUMN]


def test_a_file_that_is_not_utf8_is_refused() -> None:
    rows, problems = read_attendance("email\nzoë@example.org\n".encode("utf-16"))
    assert rows == [] and problems and problems[0].line is None


def test_a_header_with_no_rows_is_a_problem() -> None:
    _, problems = read_attendance("email\n\n")
    assert [p.message for p in problems] == ["The file has no rows of people under its heading."]


def test_matching_names_addresses_nobody_registered_with_and_counts_a_person_once() -> None:
    rows = [AttendanceRow(2, "ana@example.org"), AttendanceRow(3, "x@example.org"), AttendanceRow(4, "ana@example.org")]
    ids, problems = match_rows(rows, {"ana@example.org": 7, "bo@example.org": 8})
    assert ids == [7]
    assert [(p.line, p.column) for p in problems] == [(3, "email")]
    assert "x@example.org" in problems[0].message
