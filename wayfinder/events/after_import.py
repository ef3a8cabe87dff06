"""Reading an attendance list exported from a webinar tool: the rows with an email address, checked line by line
with the shared reader (`core/tabular.py`), before any is matched to the people registered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from wayfinder.core.tabular import Problem, ProblemReport, csv_lines, csv_table, decode_csv, header_name

# What webinar tools call the column with each person's email address, as `header_name` reads the heading.
EMAIL_HEADINGS = (
    "email",
    "email_address",
    "e_mail",
    "e_mail_address",
    "user_email",
    "attendee_email",
    "participant_email",
    "registrant_email",
    "email_(if_known)",
)
# Tools put a summary above the table of people; the table's heading must be within this many lines of the top.
HEADER_SEARCH_LINES = 30

NO_EMAIL_COLUMN = (
    "The file has no column of email addresses. Webinar tools call it Email, Email address, User email or "
    "Attendee email. Add a heading such as Email above the addresses, or export the attendance list again."
)
EMPTY = "The file has no rows of people under its heading."


@dataclass(frozen=True)
class AttendanceRow:
    line: int
    email: str  # lower case


def _email_column(header: Sequence[str]) -> str | None:
    return next((name for name in header if name in EMAIL_HEADINGS), None)


def read_attendance(source: bytes | str) -> tuple[list[AttendanceRow], list[Problem]]:
    """The rows of an attendance file with their email addresses, and every problem that stops a row being read.
    The table starts at the first line (of the first 30) with an email column, so a summary above it is fine. A
    person listed twice (they left and joined again) is one attendee, not a problem."""
    text, problem = decode_csv(source)
    if problem is not None or text is None:
        return [], [problem] if problem else []
    records, bad_line = csv_lines(text)
    start = next(
        (
            index
            for index, (_, cells) in enumerate(records[:HEADER_SEARCH_LINES])
            if _email_column([header_name(c) for c in cells])
        ),
        None,
    )
    problems = [bad_line] if bad_line else []
    if start is None:
        return [], [Problem("", None, "", NO_EMAIL_COLUMN), *problems]
    header = [header_name(cell) for cell in records[start][1]]
    column = _email_column(header)
    assert column is not None
    table, table_problems = csv_table(records[start + 1 :], header)
    problems = [*table_problems, *problems]
    rows: list[AttendanceRow] = []
    for line, values in table.rows:
        email = values.get(column, "").strip().lower()
        if not email:
            problems.append(Problem("", line, column, "This row has no email address."))
            continue
        try:
            validate_email(email)
        except ValidationError:
            problems.append(Problem("", line, column, f'"{values[column][:80]}" is not an email address.'))
            continue
        rows.append(AttendanceRow(line=line, email=email))
    if not rows and not problems:
        problems.append(Problem("", None, "", EMPTY))
    return rows, problems


@dataclass
class AttendanceReport(ProblemReport):
    """What an attendance upload found: the people it marks as attended, and those already marked."""

    marked: list[str] = field(default_factory=list)  # names of people newly marked as attended
    already: int = 0  # people in the file who were already marked
    saved: bool = False


def match_rows(
    rows: Sequence[AttendanceRow], registered: Mapping[str, int], column: str = "email"
) -> tuple[list[int], list[Problem]]:
    """The registration ids the rows name (each once, in file order), given each registered person's address in
    lower case; a row naming an address nobody registered with is a problem."""
    ids: list[int] = []
    problems: list[Problem] = []
    for row in rows:
        registration = registered.get(row.email)
        if registration is None:
            problems.append(
                Problem(
                    "",
                    row.line,
                    column,
                    f"Nobody registered for this event with the email address {row.email}. Check the address, or "
                    "remove the row if they joined without registering.",
                )
            )
        elif registration not in ids:
            ids.append(registration)
    return ids, problems
