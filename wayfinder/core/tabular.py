"""The one way tabular files (CSV, xlsx, JSON) are read into rows, checked and imported all or nothing.

An importer keeps only its own column rules. This module gives it:

- readers that turn an upload into rows or a `Problem` with the whole file (`read_limited`, `decode_csv`,
  `csv_lines`, `csv_table`, `open_workbook`, `load_json`), refusing files that are too big, not UTF-8 or hold
  a NUL character;
- `Problem` (sheet, line, column, message) and `ProblemReport`, which orders, counts and words them the same
  for a page and a management command;
- `save_all_or_nothing`, the dry-run contract: everything is checked, and nothing is saved if anything is
  wrong, inside one transaction.

docs/import.md says how to add an importer.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TextIO, TypeVar

from django import forms
from django.db import IntegrityError, transaction

from wayfinder.core.text import counted

MAX_FILE_BYTES = 5 * 1024 * 1024
# A 5 MB xlsx file can unpack to far more; refuse anything that would unpack to more than this.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

NOT_CSV = 'The file is not a CSV file. In your spreadsheet, choose Save as, pick "CSV UTF-8" and upload that file.'
NOT_UTF8 = 'The file is not saved as UTF-8 text. In your spreadsheet, choose Save as and pick "CSV UTF-8".'
BAD_CSV_LINE = (
    "This line is not valid CSV. Check its quotation marks: a value that starts with a quotation mark must end "
    "with one, and a quotation mark inside a value must be doubled."
)
RACE = "Someone else changed the same rows at the same time. Nothing was saved. Upload the file again."


def too_big(max_bytes: int) -> str:
    return f"The file is bigger than {max_bytes // (1024 * 1024)} MB. Split it into smaller files and import each one."


# Problems and the report ------------------------------------------------------------------------------------


class Layout(enum.Enum):
    """How a file names where something is: a CSV file by line, a workbook by sheet, row and column, JSON by
    part, item and field."""

    CSV = "csv"
    WORKBOOK = "xlsx"
    JSON = "json"


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file, and where. An empty `sheet` and no `line` mean the whole file; a CSV file
    has no sheets. `line` is the line of a CSV file, the row of a sheet or the item of a JSON list."""

    sheet: str
    line: int | None
    column: str
    message: str
    layout: Layout = Layout.CSV

    @property
    def row(self) -> int | None:
        """The row of a sheet or the item of a JSON list: the same number as `line`."""
        return self.line

    @property
    def where(self) -> str:
        if self.layout is Layout.CSV:
            place = f"Line {self.line}" if self.line else "File"
            return f"{place}, {self.column}" if self.column else place
        if not self.sheet:
            return "The file"
        if self.layout is Layout.JSON:
            parts = [f'"{self.sheet}"']
            if self.line is not None:
                parts.append(f"item {self.line}")
            if self.column:
                parts.append(f'"{self.column}"')
            return ", ".join(parts)
        parts = [f"{self.sheet} sheet"]
        if self.line is not None:
            parts.append(f"row {self.line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ProblemReport:
    """Every problem found in one file, so a person can fix them all at once."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def sorted_problems(self) -> list[Problem]:
        """Whole-file problems first, then by line and column; problems at one place keep their order."""
        return sorted(self.problems, key=lambda p: (p.line or 0, p.column))

    def on_line(self, line: int) -> list[str]:
        """The messages about one line (or row, or item), in the order they were found."""
        return [problem.message for problem in self.problems if problem.line == line]

    @property
    def bad_lines(self) -> set[int]:
        return {problem.line for problem in self.problems if problem.line is not None}

    def counted(self) -> str:
        """ "1 problem", "3 problems"."""
        return counted(len(self.problems), "problem", "problems")

    def lines(self) -> list[str]:
        """The problems as a management command prints them, one a line, in order."""
        return [str(problem) for problem in self.sorted_problems()]


# Reading ------------------------------------------------------------------------------------------------------


def read_limited(file: bytes | bytearray | IO[bytes], *, max_bytes: int = MAX_FILE_BYTES) -> bytes | None:
    """The file's bytes, or None when it is bigger than `max_bytes` (never more than one byte over is read)."""
    data = bytes(file) if isinstance(file, bytes | bytearray) else file.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def decode_csv(source: TextIO | bytes | str, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, Problem | None]:
    """CSV text without its byte order mark, or the problem that stops it being read: too big, not UTF-8
    (UTF-16 files included) or holding a NUL character, which no text file saved from a spreadsheet has."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        if len(data) > max_bytes:
            return None, Problem("", None, "", too_big(max_bytes))
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None, Problem("", None, "", NOT_UTF8)
        if b"\x00" in data:
            return None, Problem("", None, "", NOT_CSV)
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            message = f"{NOT_UTF8} The first character that is not UTF-8 is on this line."
            return None, Problem("", line, "", message)
    if isinstance(source, str):
        text = source
    else:
        try:
            text = source.read(max_bytes + 1)
        except UnicodeDecodeError:
            return None, Problem("", None, "", NOT_UTF8)
    if len(text.encode("utf-8", "replace")) > max_bytes:
        return None, Problem("", None, "", too_big(max_bytes))
    if "\x00" in text:
        return None, Problem("", None, "", NOT_CSV)
    return text.removeprefix("\ufeff"), None


def csv_lines(text: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """Each record of CSV text with the line it starts on (a quoted value may span lines), as a text editor
    counts them. Stops at the first record that is not valid CSV, with a problem naming its line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:
        return records, Problem("", start, "", BAD_CSV_LINE)
    return records, None


def header_name(cell: str) -> str:
    """A heading as a column name: lower case, spaces and hyphens as underscores (`Region code`: region_code)."""
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


def is_blank(cells: Sequence[Any]) -> bool:
    return not any(str(cell).strip() for cell in cells if cell is not None)


@dataclass(frozen=True)
class Table:
    """The rows of a CSV file under its header: each is the line it starts on and its cells by column."""

    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def csv_table(records: Sequence[tuple[int, list[str]]], header: Sequence[str]) -> tuple[Table, list[Problem]]:
    """The rows under a header already checked (`header` as `header_name` gives it, "" for a column with no
    heading), skipping blank lines and reporting a row whose cells do not fit the header."""
    problems: list[Problem] = []
    rows: list[tuple[int, dict[str, str]]] = []
    for line, cells in records:
        if is_blank(cells):
            continue  # blank lines, often left at the end by spreadsheets
        if len(cells) < len(header) or not is_blank(cells[len(header) :]):
            problems.append(
                Problem(
                    "",
                    line,
                    "",
                    f"This row has {counted(len(cells), 'value', 'values')} but the header has "
                    f"{counted(len(header), 'column', 'columns')}. Check for a missing or extra comma.",
                )
            )
            continue
        values: dict[str, str] = {}
        for name, cell in zip(header, cells, strict=False):
            if name:
                values[name] = cell.strip()
            elif cell.strip():
                problems.append(Problem("", line, "", "This row has a value in a column with no name in the header."))
        rows.append((line, values))
    return Table(columns=tuple(name for name in header if name), rows=tuple(rows)), problems


class UnreadableFile(Exception):
    """The file cannot be read at all; `problem` says why, for the whole file."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def open_workbook(data: bytes, *, not_a_workbook: str, too_big_unpacked: str) -> Any:
    """A read-only openpyxl workbook of `data`, or UnreadableFile. A file that would unpack to more than
    MAX_UNPACKED_BYTES is refused before openpyxl reads it; openpyxl parses the XML with defusedxml."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    layout = Layout.WORKBOOK
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableFile(Problem("", None, "", too_big_unpacked, layout))
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, SyntaxError, OSError) as error:
        raise UnreadableFile(Problem("", None, "", not_a_workbook, layout)) from error


def load_json(data: bytes, *, what: str, too_long_number: str) -> Any:
    """The parsed JSON of a UTF-8 file, or UnreadableFile with a message a person can act on."""
    layout = Layout.JSON
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            Problem("", None, "", "The file is not a JSON text file saved as UTF-8.", layout)
        ) from error
    except json.JSONDecodeError as error:
        message = f"The file is not valid JSON: {error.msg} on line {error.lineno}, column {error.colno}."
        raise UnreadableFile(Problem("", None, "", message, layout)) from error
    except ValueError as error:
        # Python refuses to read a whole number of more than sys.get_int_max_str_digits() digits (4,300).
        raise UnreadableFile(Problem("", None, "", too_long_number, layout)) from error
    except RecursionError as error:
        message = f"The file is not a {what} file: it is nested too deeply."
        raise UnreadableFile(Problem("", None, "", message, layout)) from error


# The upload on an import page ------------------------------------------------------------------------------


class UploadField(forms.FileField):
    """The file field of an import form. It refuses a file whose name does not end in one of `extensions`, or
    that is bigger than `max_bytes`; what is inside is checked by the importer, which reads no more than that.
    `choose` is what to ask for when no file is sent."""

    def __init__(
        self,
        *,
        choose: str,
        extensions: tuple[str, ...],
        wrong_kind: str,
        too_big: str,
        max_bytes: int = MAX_FILE_BYTES,
        **kwargs: Any,
    ) -> None:
        messages = {"required": choose, "empty": "The file you chose is empty", "invalid": choose}
        super().__init__(error_messages=messages, **kwargs)
        self.extensions, self.wrong_kind, self.too_big, self.max_bytes = extensions, wrong_kind, too_big, max_bytes

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and not (upload.name or "").lower().endswith(self.extensions):
            raise forms.ValidationError(self.wrong_kind)
        if upload and upload.size is not None and upload.size > self.max_bytes:
            raise forms.ValidationError(self.too_big)
        return upload


# Saving all or nothing ----------------------------------------------------------------------------------------

P = TypeVar("P")
R = TypeVar("R")


def save_all_or_nothing(
    report: ProblemReport, *, dry_run: bool, plan: Callable[[], P], save: Callable[[P], R]
) -> R | None:
    """Plan the changes (reading the database and adding problems to `report`), then save them only when the
    whole file is right and this is not a dry run; all in one transaction, so nothing is half saved.

    Returns what `save` returns, or None when nothing was saved. A clash with another person saving the same
    rows meanwhile is reported as a problem, not raised.
    """
    try:
        with transaction.atomic():
            planned = plan()
            if report.problems or dry_run:
                return None
            return save(planned)
    except IntegrityError:
        report.add(Problem("", None, "", RACE))
        return None
