"""Moving a framework version in and out of Wayfinder as JSON or as a spreadsheet (xlsx).

Both formats hold the same four parts: the framework's details, its levels, its dimensions and its
descriptors (docs/framework-spreadsheet.md describes the spreadsheet, with an example). Importing happens
in two steps: the file is read and every row checked, touching no database; only when there is no
problem at all is a new tailored framework saved, with a draft version holding the content. Every
problem is reported with where it is (sheet, row and column, or the part of the JSON file), and nothing
is saved if there is even one.

A file exported from Wayfinder imports back unchanged.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, Any

import openpyxl
from django.core.exceptions import ValidationError
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wayfinder.accounts.models import User
from wayfinder.core.downloads import print_on_a4, wrap_rows
from wayfinder.core.tabular import (
    Layout,
    Problem,
    ProblemReport,
    UnreadableFile,
    header_name,
    load_json,
    open_workbook,
    read_limited,
    save_all_or_nothing,
)
from wayfinder.frameworks.models import (
    Descriptor,
    Dimension,
    FrameworkKind,
    FrameworkVersion,
    Level,
)
from wayfinder.frameworks.services import framework_draft_create
from wayfinder.frameworks.validation import (
    GROUP_MAX_LENGTH,
    KEY_MAX_LENGTH,
    KEY_PATTERN,
    LEVEL_NAME_MAX_LENGTH,
    MAX_DIMENSIONS,
    MAX_LEVELS,
    NAME_MAX_LENGTH,
    key_is_valid,
)
from wayfinder.networks.models import System

FORMAT = "wayfinder-framework"
FORMAT_VERSION = 1
MAX_ROWS_PER_SHEET = 20_000
TEXT_MAX_LENGTH = 10_000
PERSPECTIVE_MAX_LENGTH = 32
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NOT_XLSX = (
    "The file is not an Excel workbook (.xlsx), or it is damaged. In Excel or LibreOffice, choose Save as "
    'and pick "Excel Workbook (.xlsx)", then upload that file.'
)
NOT_JSON_OR_XLSX = "Upload a JSON file (.json) or an Excel workbook (.xlsx) exported from Wayfinder."
TOO_BIG = "The file is bigger than 5 MB. A framework file is much smaller than that: check you chose the right file."
TOO_LONG_NUMBER = (
    f"The file has a number more than {sys.get_int_max_str_digits():,} digits long. No framework needs a number "
    "that long: check you chose the right file."
)
# The database cannot store a NUL character in text, and in a framework it could only be a mistake.
NUL_IN_TEXT = "The {what} has a NUL character (\\u0000) in it. Remove it."
TOO_BIG_UNPACKED = "The file holds more than we can read once it is unpacked. Check you chose the right file."


# The report ----------------------------------------------------------------------------------------------------


def _layout(in_json: bool) -> Layout:
    return Layout.JSON if in_json else Layout.WORKBOOK


def _file_problem(message: str, *, in_json: bool = False) -> Problem:
    """A problem with the whole file, named as a framework file names it ("The file: ...")."""
    return Problem("", None, "", message, _layout(in_json))


class ImportProblems(ValidationError):
    """The file could not be imported; `problems` lists every problem found, in the order of the file."""

    def __init__(self, problems: list[Problem], *, in_json: bool = False) -> None:
        self.problems = problems
        self.in_json = in_json
        super().__init__([str(problem) for problem in problems])


# The layout ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a sheet (its heading, lower case) and the same field's name in JSON."""

    heading: str
    required: bool
    description: str

    @property
    def json_name(self) -> str:
        return self.heading.replace(" ", "_")

    @property
    def title(self) -> str:
        return self.heading[0].upper() + self.heading[1:]


FRAMEWORK_SHEET, LEVELS_SHEET, DIMENSIONS_SHEET, DESCRIPTORS_SHEET = "Framework", "Levels", "Dimensions", "Descriptors"
README_SHEET = "Read me"

# The Framework sheet has a row for each of these fields, with its value in the next column.
FRAMEWORK_FIELDS: tuple[Column, ...] = (
    Column("format", False, f"Always {FORMAT}. Leave it as it is."),
    Column("format version", False, f"Always {FORMAT_VERSION}. Leave it as it is."),
    Column("name", True, f"The framework's name, up to {NAME_MAX_LENGTH} characters."),
    Column(
        "kind",
        False,
        "matrix (a maturity matrix), survey or check (a short check). Blank means matrix.",
    ),
    Column("summary", False, "A sentence or two on what the framework is for."),
    Column("introduction", False, "What raters read before the first question."),
    Column(
        "external introduction",
        False,
        "What raters from outside the network read before the first question, instead of the introduction.",
    ),
    Column(
        "perspectives",
        False,
        "Leave blank if each cell has one description. If cells are described from more than one point of "
        "view, list them separated by commas, for example: network, system.",
    ),
)

SHEET_COLUMNS: dict[str, tuple[Column, ...]] = {
    FRAMEWORK_SHEET: (
        Column("field", True, "The name of the field: one of " + ", ".join(c.heading for c in FRAMEWORK_FIELDS)),
        Column("value", True, "Its value."),
    ),
    LEVELS_SHEET: (
        Column("position", True, "1 for the lowest level, 2 for the next, and so on."),
        Column("name", True, f"The level's name, up to {LEVEL_NAME_MAX_LENGTH} characters, for example Foundation."),
        Column("summary", False, "A short description of the level as a whole."),
    ),
    DIMENSIONS_SHEET: (
        Column("position", True, "The order the dimensions are shown in: 1 first."),
        Column(
            "key",
            True,
            "A short name that never changes, so progress can be followed from one version to the next: lower "
            "case letters, numbers, hyphens and underscores, for example use-of-data.",
        ),
        Column("name", True, f"The dimension's name, up to {NAME_MAX_LENGTH} characters."),
        Column("group", False, f"For surveys, the group a statement is in, up to {GROUP_MAX_LENGTH} characters."),
        Column("summary", False, "What the dimension covers."),
    ),
    DESCRIPTORS_SHEET: (
        Column("dimension key", True, "The key of a dimension on the Dimensions sheet."),
        Column("level position", True, "The position of a level on the Levels sheet."),
        Column(
            "perspective",
            False,
            "One of the perspectives on the Framework sheet. Leave blank if the framework has none.",
        ),
        Column("text", True, "What the dimension looks like at that level. A row with no text is skipped."),
    ),
}
# Shown on the Descriptors sheet to make it easier to read; ignored when the file is imported.
REFERENCE_COLUMNS = ("dimension name (for reference)", "level name (for reference)")
CONTENT_SHEETS = (LEVELS_SHEET, DIMENSIONS_SHEET, DESCRIPTORS_SHEET)


# What a file holds, checked --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelRecord:
    position: int
    name: str
    summary: str


@dataclass(frozen=True)
class DimensionRecord:
    position: int
    key: str
    name: str
    group: str
    summary: str


@dataclass(frozen=True)
class DescriptorRecord:
    dimension_key: str
    level_position: int
    perspective: str
    text: str


@dataclass
class Content:
    name: str = ""
    kind: str = FrameworkKind.MATRIX
    summary: str = ""
    introduction: str = ""
    external_introduction: str = ""
    perspectives: list[str] = field(default_factory=list)
    levels: list[LevelRecord] = field(default_factory=list)
    dimensions: list[DimensionRecord] = field(default_factory=list)
    descriptors: list[DescriptorRecord] = field(default_factory=list)


@dataclass(frozen=True)
class RawRow:
    """One row of a sheet (or one item of a JSON list) before it is checked."""

    sheet: str
    row: int | None
    cells: dict[str, Any]
    # How to name each column in a problem: "B (name)" in a spreadsheet, "name" in JSON.
    columns: dict[str, str]
    in_json: bool

    def problem(self, column: str, message: str) -> Problem:
        return Problem(self.sheet, self.row, self.columns.get(column, column), message, _layout(self.in_json))


def _text(value: Any) -> str | None:
    """A cell as text; None when it cannot be text (a list or object in JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float):
        return str(value).strip()
    if isinstance(value, list | dict):
        return None
    return str(value).strip()


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _shown(value: Any) -> str:
    text = _text(value)
    return "a list" if text is None else (text[:40] + ("…" if len(text) > 40 else ""))


class _Checker:
    """Checks raw rows and collects every problem, so a person can fix them all at once."""

    def __init__(self, *, in_json: bool) -> None:
        self.in_json = in_json
        self.report = ProblemReport()

    @property
    def problems(self) -> list[Problem]:
        return self.report.problems

    def add(self, problem: Problem) -> None:
        self.report.add(problem)

    def sheet_problem(self, sheet: str, message: str, row: int | None = None) -> None:
        # JSON names its parts in lower case ("levels"); a spreadsheet's sheets are capitalised.
        self.add(Problem(sheet.lower() if self.in_json else sheet, row, "", message, _layout(self.in_json)))

    def text(self, row: RawRow, column: str, *, required: bool, what: str, max_length: int = TEXT_MAX_LENGTH) -> str:
        value = _text(row.cells.get(column))
        if value is None:
            self.add(row.problem(column, f"The {what} must be text."))
            return ""
        if "\x00" in value:
            self.add(row.problem(column, NUL_IN_TEXT.format(what=what)))
        elif required and not value:
            self.add(row.problem(column, f"Enter the {what}. It is empty."))
        elif len(value) > max_length:
            self.add(
                row.problem(column, f"The {what} is {len(value):,} characters long. It can be up to {max_length:,}.")
            )
        return value

    def position(self, row: RawRow, column: str, what: str) -> int | None:
        raw = row.cells.get(column)
        if _text(raw) == "":
            self.add(row.problem(column, f"Enter the {what}. It is empty."))
            return None
        number = _whole_number(raw)
        if number is None or number < 1:
            self.add(
                row.problem(column, f'The {what} must be a whole number, like 1 or 2. "{_shown(raw)}" is not one.')
            )
            return None
        if number > 1000:
            self.add(row.problem(column, f"The {what} must be 1000 or less."))
            return None
        return number


def _check_framework(rows: list[RawRow], check: _Checker, content: Content, *, name_given: bool) -> None:
    """The framework's details: in a spreadsheet one row per field, in JSON one object."""
    seen: dict[str, RawRow] = {}
    known = {column.heading: column for column in FRAMEWORK_FIELDS}
    values: dict[str, tuple[RawRow, str]] = {}
    for row in rows:
        if check.in_json:
            values = {heading: (row, heading.replace(" ", "_")) for heading in known}
            break
        label = _heading(row.cells.get("field"))
        if not label:
            check.add(row.problem("field", "This row has a value but no field name."))
            continue
        if label not in known:
            check.add(
                row.problem(
                    "field",
                    f'"{_shown(row.cells.get("field"))}" is not a field we know. The Framework sheet can have: '
                    + ", ".join(known)
                    + ".",
                )
            )
            continue
        if label in seen:
            check.add(row.problem("field", f"The field {label} is also on row {seen[label].row}. Keep only one."))
            continue
        seen[label] = row
        values[label] = (row, "value")

    found = values.get("format")
    if found is not None:
        row, column = found
        fmt = _text(row.cells.get(column))
        if fmt and fmt != FORMAT:
            check.add(row.problem(column, f"This is not a Wayfinder framework file: the format should be {FORMAT}."))
    found = values.get("format version")
    if found is not None:
        row, column = found
        raw = row.cells.get(column)
        if _text(raw):
            number = _whole_number(raw)
            if number is None or number < 1:
                check.add(row.problem(column, f"The format version must be a whole number, like {FORMAT_VERSION}."))
            elif number > FORMAT_VERSION:
                check.add(
                    row.problem(
                        column,
                        f"This file was made by a newer Wayfinder (format version {number}). "
                        f"This one reads version {FORMAT_VERSION}.",
                    )
                )

    found = values.get("name")
    if found is None:
        if not name_given:
            check.sheet_problem(FRAMEWORK_SHEET, "There is no name. Add a row with the field name and its value.")
    else:
        row, column = found
        content.name = check.text(
            row, column, required=not name_given, what="framework's name", max_length=NAME_MAX_LENGTH
        )

    found = values.get("kind")
    if found is not None:
        row, column = found
        kind = (_text(row.cells.get(column)) or "").lower()
        labels = {label.lower(): choice for choice, label in FrameworkKind.choices}
        if not kind:
            content.kind = FrameworkKind.MATRIX
        elif kind in FrameworkKind.values:
            content.kind = kind
        elif kind in labels:
            content.kind = labels[kind]
        else:
            check.add(row.problem(column, f'The kind must be matrix, survey or check. "{_shown(kind)}" is not one.'))

    for heading in ("summary", "introduction", "external introduction"):
        found = values.get(heading)
        if found is not None:
            row, column = found
            setattr(content, heading.replace(" ", "_"), check.text(row, column, required=False, what=heading))

    found = values.get("perspectives")
    if found is not None:
        row, column = found
        raw = row.cells.get(column)
        items: list[Any]
        if isinstance(raw, list):
            items = raw
        else:
            text = _text(raw)
            items = list(re.split(r"[,;\n]", text or ""))
        perspectives: list[str] = []
        for item in items:
            perspective = (_text(item) or "").lower()
            if not perspective:
                continue
            if len(perspective) > PERSPECTIVE_MAX_LENGTH or not KEY_PATTERN.fullmatch(perspective):
                check.add(
                    row.problem(
                        column,
                        f'"{_shown(item)}" cannot be a perspective. Use a short word in lower case, like network '
                        "or system, and separate perspectives with commas.",
                    )
                )
            elif perspective in perspectives:
                check.add(row.problem(column, f"The perspective {perspective} is listed twice."))
            else:
                perspectives.append(perspective)
        content.perspectives = perspectives


def _check_levels(rows: list[RawRow], check: _Checker, content: Content) -> bool:
    """Returns False when a level's position is missing or wrong, so descriptors cannot be matched to levels."""
    seen: dict[int, RawRow] = {}
    trustworthy = True
    for row in rows:
        position = check.position(row, "position", "level's position")
        name = check.text(row, "name", required=True, what="level's name", max_length=LEVEL_NAME_MAX_LENGTH)
        summary = check.text(row, "summary", required=False, what="level's summary")
        if position is None:
            trustworthy = False
            continue
        if position in seen:
            where = f"row {seen[position].row}" if not check.in_json else f"item {seen[position].row}"
            check.add(row.problem("position", f"Position {position} is also used on {where}. Give each level its own."))
            trustworthy = False
            continue
        seen[position] = row
        content.levels.append(LevelRecord(position=position, name=name, summary=summary))
    if not rows:
        check.sheet_problem(LEVELS_SHEET, "There are no levels. Add at least 2, one row for each.")
    elif len(rows) > MAX_LEVELS:
        check.sheet_problem(LEVELS_SHEET, f"There are {len(rows)} levels. A framework can have up to {MAX_LEVELS}.")
    return trustworthy


def _check_dimensions(rows: list[RawRow], check: _Checker, content: Content) -> bool:
    """Returns False when a dimension's key is missing or wrong, so descriptors cannot be matched to dimensions."""
    trustworthy = True
    positions: dict[int, RawRow] = {}
    keys: dict[str, RawRow] = {}
    for row in rows:
        position = check.position(row, "position", "dimension's position")
        key = check.text(row, "key", required=True, what="dimension's key", max_length=KEY_MAX_LENGTH).lower()
        name = check.text(row, "name", required=True, what="dimension's name", max_length=NAME_MAX_LENGTH)
        group = check.text(row, "group", required=False, what="group", max_length=GROUP_MAX_LENGTH)
        summary = check.text(row, "summary", required=False, what="dimension's summary")
        word = "item" if check.in_json else "row"
        key_ok = bool(key) and len(key) <= KEY_MAX_LENGTH
        trustworthy = trustworthy and key_ok
        if key_ok and not key_is_valid(key):
            check.add(
                row.problem(
                    "key",
                    f'"{_shown(key)}" cannot be a key. Use lower case letters, numbers, hyphens and underscores, '
                    "with no spaces, like use-of-data.",
                )
            )
            key_ok = trustworthy = False
        if key_ok and key in keys:
            check.add(
                row.problem(
                    "key", f"The key {key} is also used on {word} {keys[key].row}. Give each dimension its own."
                )
            )
            key_ok = trustworthy = False
        elif key_ok:
            keys[key] = row
        if position is not None and position in positions:
            check.add(
                row.problem(
                    "position",
                    f"Position {position} is also used on {word} {positions[position].row}. "
                    "Give each dimension its own.",
                )
            )
            position = None
        elif position is not None:
            positions[position] = row
        if position is not None and key_ok:
            content.dimensions.append(
                DimensionRecord(position=position, key=key, name=name, group=group, summary=summary)
            )
    if not rows:
        check.sheet_problem(DIMENSIONS_SHEET, "There are no dimensions. Add at least 1, one row for each.")
    elif len(rows) > MAX_DIMENSIONS:
        check.sheet_problem(
            DIMENSIONS_SHEET, f"There are {len(rows)} dimensions. A framework can have up to {MAX_DIMENSIONS}."
        )
    return trustworthy


def _check_descriptors(
    rows: list[RawRow],
    check: _Checker,
    content: Content,
    *,
    dimension_keys: set[str] | None,
    level_positions: set[int] | None,
) -> None:
    """Descriptors are matched to `dimension_keys` and `level_positions`; None means that sheet has a problem,
    and rows referring to it are only checked on their own."""
    seen: dict[tuple[str, int, str], RawRow] = {}
    perspectives = content.perspectives
    for row in rows:
        text = check.text(row, "text", required=False, what="text")
        key = (_text(row.cells.get("dimension_key")) or "").lower()
        position = check.position(row, "level_position", "level position")
        perspective = (_text(row.cells.get("perspective")) or "").lower()
        if not key:
            check.add(row.problem("dimension_key", "Enter the dimension key. It is empty."))
        elif dimension_keys is not None and key not in dimension_keys:
            check.add(
                row.problem(
                    "dimension_key",
                    f'No dimension has the key "{_shown(key)}". Use a key from the Dimensions sheet.',
                )
            )
            key = ""
        if position is not None and level_positions is not None and position not in level_positions:
            check.add(
                row.problem("level_position", f"No level has the position {position}. Use one from the Levels sheet.")
            )
            position = None
        if perspectives and perspective not in perspectives:
            shown = f'"{_shown(perspective)}" is not one of the perspectives' if perspective else "Enter a perspective"
            check.add(row.problem("perspective", f"{shown}. Choose from: {', '.join(perspectives)}."))
            continue
        if not perspectives and perspective:
            check.add(
                row.problem(
                    "perspective",
                    "Leave the perspective blank. This framework has no perspectives (see the Framework sheet).",
                )
            )
            continue
        if not key or position is None or not text:
            continue
        cell = (key, position, perspective)
        if cell in seen:
            word = "item" if check.in_json else "row"
            view = f" from the {perspective} perspective" if perspective else ""
            check.add(
                row.problem(
                    "text",
                    f"The descriptor for {key} at level {position}{view} is also on {word} {seen[cell].row}. "
                    "Keep only one.",
                )
            )
            continue
        seen[cell] = row
        content.descriptors.append(
            DescriptorRecord(dimension_key=key, level_position=position, perspective=perspective, text=text)
        )


def _check_all(sheets: dict[str, list[RawRow]], check: _Checker, *, name_given: bool) -> Content:
    content = Content()
    _check_framework(sheets[FRAMEWORK_SHEET], check, content, name_given=name_given)
    levels_ok = _check_levels(sheets[LEVELS_SHEET], check, content)
    dimensions_ok = _check_dimensions(sheets[DIMENSIONS_SHEET], check, content)
    # When a level's position or a dimension's key is wrong we cannot tell which one a descriptor means, so
    # descriptors are not matched against them: the person fixes the one problem, not dozens of echoes of it.
    dimension_keys = {record.key for record in content.dimensions} if dimensions_ok else None
    level_positions = {record.position for record in content.levels} if levels_ok else None
    _check_descriptors(
        sheets[DESCRIPTORS_SHEET],
        check,
        content,
        dimension_keys=dimension_keys,
        level_positions=level_positions,
    )
    return content


# Saving ----------------------------------------------------------------------------------------------------------


def _save_all_or_nothing(
    *, content: Content, user: User, system: System | None, name: str | None, note: str, in_json: bool
) -> FrameworkVersion:
    """Save a checked file in one transaction, as every import does; raises ImportProblems if it cannot be."""
    report = ProblemReport()
    version = save_all_or_nothing(
        report,
        dry_run=False,
        plan=lambda: content,
        save=lambda checked: _save(content=checked, user=user, system=system, name=name, note=note),
    )
    if version is None:
        layout = _layout(in_json)
        raise ImportProblems([replace(problem, layout=layout) for problem in report.problems], in_json=in_json)
    return version


def _save(*, content: Content, user: User, system: System | None, name: str | None, note: str) -> FrameworkVersion:
    framework_name = (name or "").strip() or content.name
    version = framework_draft_create(
        name=framework_name,
        kind=content.kind,
        summary=content.summary,
        system=system,
        perspectives=content.perspectives,
        introduction=content.introduction,
        external_introduction=content.external_introduction,
        change_notes=note,
    )
    # Positions in a file may have gaps (1, 2, 5); saved positions always run 1, 2, 3.
    levels = sorted(content.levels, key=lambda record: record.position)
    dimensions = sorted(content.dimensions, key=lambda record: record.position)
    Level.objects.bulk_create(
        [
            Level(version=version, position=index, name=record.name, summary=record.summary)
            for index, record in enumerate(levels, start=1)
        ]
    )
    Dimension.objects.bulk_create(
        [
            Dimension(
                version=version,
                position=index,
                key=record.key,
                name=record.name,
                group=record.group,
                summary=record.summary,
            )
            for index, record in enumerate(dimensions, start=1)
        ]
    )
    level_ids = dict(
        zip(
            [record.position for record in levels],
            version.levels.order_by("position").values_list("pk", flat=True),
            strict=True,
        )
    )
    dimension_ids = dict(version.dimensions.values_list("key", "pk"))
    Descriptor.objects.bulk_create(
        [
            Descriptor(
                dimension_id=dimension_ids[record.dimension_key],
                level_id=level_ids[record.level_position],
                perspective=record.perspective,
                text=record.text,
            )
            for record in content.descriptors
        ]
    )
    return version


# JSON --------------------------------------------------------------------------------------------------------------


def _load_version(version: FrameworkVersion) -> tuple[list[Level], list[Dimension], list[Descriptor]]:
    levels = list(version.levels.order_by("position"))
    dimensions = list(version.dimensions.order_by("position"))
    descriptors = list(
        Descriptor.objects.filter(dimension__version=version).order_by(
            "dimension__position", "level__position", "perspective"
        )
    )
    return levels, dimensions, descriptors


def version_to_json(version: FrameworkVersion) -> dict[str, Any]:
    """The whole version as plain data; `framework_import_json` reads it back."""
    framework = version.framework
    levels, dimensions, descriptors = _load_version(version)
    level_positions = {level.pk: level.position for level in levels}
    dimension_keys = {dimension.pk: dimension.key for dimension in dimensions}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "framework": {
            "name": framework.name,
            "kind": framework.kind,
            "summary": framework.summary,
            "introduction": version.introduction,
            "external_introduction": version.external_introduction,
            "perspectives": [str(p) for p in version.perspectives],
        },
        "levels": [{"position": lv.position, "name": lv.name, "summary": lv.summary} for lv in levels],
        "dimensions": [
            {"position": d.position, "key": d.key, "name": d.name, "group": d.group, "summary": d.summary}
            for d in dimensions
        ],
        "descriptors": [
            {
                "dimension_key": dimension_keys[d.dimension_id],
                "level_position": level_positions[d.level_id],
                "perspective": d.perspective,
                "text": d.text,
            }
            for d in descriptors
        ],
        # For people reading the file; ignored on import.
        "source": {
            "framework": framework.slug,
            "version": version.number,
            "status": version.status,
            "published_at": version.published_at.isoformat() if version.published_at else None,
        },
    }


def _json_rows(data: dict[str, Any], check: _Checker) -> dict[str, list[RawRow]]:
    sheets: dict[str, list[RawRow]] = {}
    details = data.get("framework")
    if not isinstance(details, dict):
        check.sheet_problem("framework", 'The file has no "framework" object with the framework\'s name and details.')
        details = {}
    columns = {column.json_name: column.json_name for column in FRAMEWORK_FIELDS}
    # "format" and "format_version" are at the top of the file and checked there, not here.
    cells = {key: value for key, value in details.items() if key not in ("format", "format_version")}
    sheets[FRAMEWORK_SHEET] = [RawRow("framework", None, cells, columns, True)]
    for sheet in CONTENT_SHEETS:
        part = sheet.lower()
        items = data.get(part)
        if items is None:
            check.sheet_problem(part, f'The file has no "{part}" list.')
            items = []
        if not isinstance(items, list):
            check.sheet_problem(part, f'"{part}" must be a list.')
            items = []
        rows: list[RawRow] = []
        names = {column.json_name: column.json_name for column in SHEET_COLUMNS[sheet]}
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                check.add(Problem(part, number, "", "Each item must be an object with named fields.", Layout.JSON))
                continue
            rows.append(RawRow(part, number, item, names, True))
        sheets[sheet] = rows
    return sheets


def _check_json_format(data: dict[str, Any], check: _Checker) -> bool:
    """False when the file is not a framework file at all, so nothing else is worth checking."""
    fmt = data.get("format")
    if fmt != FORMAT:
        check.sheet_problem(
            "format",
            f'This is not a Wayfinder framework file: its "format" should be "{FORMAT}". '
            "Export a framework from Wayfinder to see what the file looks like.",
        )
        return False
    number = data.get("format_version")
    whole = _whole_number(number)
    if whole is None or whole < 1:
        check.sheet_problem("format_version", f'The "format_version" must be a whole number, like {FORMAT_VERSION}.')
    elif whole > FORMAT_VERSION:
        check.sheet_problem(
            "format_version",
            f"This file was made by a newer Wayfinder (format version {whole}). This one reads version "
            f"{FORMAT_VERSION}.",
        )
    return True


def framework_import_json(
    *, data: bytes | IO[bytes] | dict[str, Any], user: User, system: System | None, name: str | None = None
) -> FrameworkVersion:
    """Make a new tailored framework, owned by `system` (None: national), from JSON exported by Wayfinder.

    Returns its first version, a draft. Raises ImportProblems listing every problem, having saved nothing.
    """
    check = _Checker(in_json=True)
    parsed: Any
    if isinstance(data, dict):
        parsed = data
    else:
        raw = read_limited(data)
        if raw is None:
            raise ImportProblems([_file_problem(TOO_BIG, in_json=True)], in_json=True)
        try:
            parsed = load_json(raw, what="framework", too_long_number=TOO_LONG_NUMBER)
        except UnreadableFile as error:
            raise ImportProblems([error.problem], in_json=True) from error
    if not isinstance(parsed, dict):
        message = "The file is not a framework file: it must be one JSON object."
        raise ImportProblems([_file_problem(message, in_json=True)], in_json=True)
    if not _check_json_format(parsed, check):
        raise ImportProblems(check.problems, in_json=True)
    sheets = _json_rows(parsed, check)
    content = _check_all(sheets, check, name_given=bool((name or "").strip()))
    if check.problems:
        raise ImportProblems(check.problems, in_json=True)
    note = "Imported from a JSON file."
    return _save_all_or_nothing(content=content, user=user, system=system, name=name, note=note, in_json=True)


# Spreadsheet (xlsx) ------------------------------------------------------------------------------------------------


def _clean_for_excel(value: str) -> str:
    # Control characters cannot be stored in a spreadsheet; they never mean anything in a descriptor.
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _write_rows(sheet: Worksheet, headings: list[str], rows: Iterable[list[Any]], widths: list[int]) -> None:
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([_clean_for_excel(v) if isinstance(v, str) else v for v in values])
        for cell in sheet[sheet.max_row]:
            # Text that starts with "=" is text here, never a formula to work out.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    wrap_rows(sheet, 1)
    print_on_a4(sheet, title_rows="1:1")


README_LINES = (
    "This workbook holds one version of a maturity framework from Wayfinder.",
    "You can change it in Excel or LibreOffice and import it into Wayfinder as a new tailored framework.",
    "",
    "Framework: the framework's name, kind, summary, introductions and perspectives, one field a row.",
    "Levels: one row a level. Position 1 is the lowest level.",
    "Dimensions: one row a dimension (or survey statement). Each needs its own key.",
    "Descriptors: one row for each dimension at each level (and each perspective, if there are any).",
    "",
    "Keep the sheet names and the headings in row 1 as they are. You can add columns of your own for notes;",
    "Wayfinder ignores them, and the columns marked (for reference).",
    "If anything in the file has a problem, Wayfinder lists each one with its sheet, row and column, and saves",
    "nothing until the file is right.",
)


def version_to_xlsx(version: FrameworkVersion) -> bytes:
    """The whole version as a workbook people can edit; `framework_import_xlsx` reads it back."""
    framework = version.framework
    levels, dimensions, descriptors = _load_version(version)
    levels_by_pk = {level.pk: level for level in levels}
    dimensions_by_pk = {dimension.pk: dimension for dimension in dimensions}
    workbook = openpyxl.Workbook()
    readme = workbook.active
    assert readme is not None
    readme.title = README_SHEET
    readme.append([f"{framework.name}, version {version.number}"])
    readme["A1"].font = Font(bold=True, size=14)
    for line in README_LINES:
        readme.append([line])
    readme.column_dimensions["A"].width = 110
    print_on_a4(readme)

    details = {
        "format": FORMAT,
        "format version": FORMAT_VERSION,
        "name": framework.name,
        "kind": framework.kind,
        "summary": framework.summary,
        "introduction": version.introduction,
        "external introduction": version.external_introduction,
        "perspectives": ", ".join(str(p) for p in version.perspectives),
    }
    _write_rows(
        workbook.create_sheet(FRAMEWORK_SHEET),
        ["Field", "Value"],
        ([column.heading, details[column.heading]] for column in FRAMEWORK_FIELDS),
        [18, 100],
    )
    _write_rows(
        workbook.create_sheet(LEVELS_SHEET),
        ["Position", "Name", "Summary"],
        ([lv.position, lv.name, lv.summary] for lv in levels),
        [10, 30, 80],
    )
    _write_rows(
        workbook.create_sheet(DIMENSIONS_SHEET),
        ["Position", "Key", "Name", "Group", "Summary"],
        ([d.position, d.key, d.name, d.group, d.summary] for d in dimensions),
        [10, 30, 40, 20, 60],
    )
    _write_rows(
        workbook.create_sheet(DESCRIPTORS_SHEET),
        [
            "Dimension key",
            "Level position",
            "Perspective",
            "Text",
            "Dimension name (for reference)",
            "Level name (for reference)",
        ],
        (
            [
                dimensions_by_pk[d.dimension_id].key,
                levels_by_pk[d.level_id].position,
                d.perspective,
                d.text,
                dimensions_by_pk[d.dimension_id].name,
                levels_by_pk[d.level_id].name,
            ]
            for d in descriptors
        ),
        [30, 14, 14, 80, 30, 20],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _heading(value: Any) -> str:
    text = _text(value)
    return " ".join(header_name(text).replace("_", " ").split()) if text else ""


def _sheet_rows(sheet: Any, name: str, check: _Checker) -> list[RawRow] | None:
    """The rows of a sheet under its headings, or None when the headings are wrong (reported)."""
    columns = SHEET_COLUMNS[name]
    rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    expected = ", ".join(column.title for column in columns)
    if header is None or not any(_heading(value) for value in header):
        check.sheet_problem(name, f"Row 1 must have the headings: {expected}. It is empty.", row=1)
        return None
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        heading = _heading(value)
        if heading and heading not in found:
            found[heading] = index
    missing = [column for column in columns if column.required and column.heading not in found]
    for column in missing:
        check.sheet_problem(
            name, f'There is no "{column.title}" heading in row 1. The headings should be: {expected}.', row=1
        )
    if missing:
        return None
    indexes = {column.json_name: found[column.heading] for column in columns if column.heading in found}
    titles = {column.json_name: column.title for column in columns}
    labels = {key: f"{get_column_letter(index + 1)} ({titles[key]})" for key, index in indexes.items()}
    result: list[RawRow] = []
    for number, values in enumerate(rows, start=2):
        cells = {key: values[index] if index < len(values) else None for key, index in indexes.items()}
        if all(_text(value) == "" for value in cells.values()):
            continue  # empty rows, often left by spreadsheets
        if len(result) == MAX_ROWS_PER_SHEET:
            check.sheet_problem(
                name, f"The sheet has more than {MAX_ROWS_PER_SHEET:,} rows. Check you chose the right file."
            )
            return None
        result.append(RawRow(name, number, cells, labels, False))
    return result


def _open_workbook(data: bytes) -> Any:
    """The workbook, or ImportProblems when the file is not one we can read safely."""
    try:
        return open_workbook(data, not_a_workbook=NOT_XLSX, too_big_unpacked=TOO_BIG_UNPACKED)
    except UnreadableFile as error:
        raise ImportProblems([error.problem]) from error


def read_xlsx(data: bytes, *, name_given: bool) -> Content:
    """Read and check a workbook without touching the database; raises ImportProblems."""
    workbook = _open_workbook(data)
    check = _Checker(in_json=False)
    try:
        by_name = {title.strip().lower(): title for title in workbook.sheetnames}
        sheets: dict[str, list[RawRow]] = {}
        for name in (FRAMEWORK_SHEET, *CONTENT_SHEETS):
            title = by_name.get(name.lower())
            if title is None:
                check.sheet_problem(
                    name,
                    f'The file has no "{name}" sheet. A framework workbook has the sheets Framework, Levels, '
                    "Dimensions and Descriptors.",
                )
                continue
            rows = _sheet_rows(workbook[title], name, check)
            if rows is not None:
                sheets[name] = rows
    except (KeyError, ValueError, TypeError, AttributeError, SyntaxError, OSError, zipfile.BadZipFile) as error:
        raise ImportProblems([_file_problem(NOT_XLSX)]) from error
    finally:
        workbook.close()
    if check.problems:
        # Without every sheet's headings the rows cannot be checked against each other.
        raise ImportProblems(check.problems)
    content = _check_all(sheets, check, name_given=name_given)
    if check.problems:
        raise ImportProblems(check.problems)
    return content


def framework_import_xlsx(
    *, file: bytes | IO[bytes], user: User, system: System | None, name: str | None = None
) -> FrameworkVersion:
    """Make a new tailored framework, owned by `system` (None: national), from a workbook laid out as
    docs/framework-spreadsheet.md describes. Returns its first version, a draft. Raises ImportProblems
    listing every problem, having saved nothing."""
    data = read_limited(file)
    if data is None:
        raise ImportProblems([_file_problem(TOO_BIG)])
    content = read_xlsx(data, name_given=bool((name or "").strip()))
    note = "Imported from a spreadsheet."
    return _save_all_or_nothing(content=content, user=user, system=system, name=name, note=note, in_json=False)


def framework_import_file(
    *, file: IO[bytes], filename: str, user: User, system: System | None, name: str | None = None
) -> FrameworkVersion:
    """Import a JSON or xlsx file, told apart by its name and, failing that, by what it starts with."""
    data = read_limited(file)
    if data is None:
        raise ImportProblems([_file_problem(TOO_BIG)])
    lower = filename.lower()
    if lower.endswith(".xlsx") or (not lower.endswith(".json") and data[:2] == b"PK"):
        return framework_import_xlsx(file=data, user=user, system=system, name=name)
    if lower.endswith(".json") or data.lstrip()[:1] == b"{":
        return framework_import_json(data=data, user=user, system=system, name=name)
    raise ImportProblems([_file_problem(NOT_JSON_OR_XLSX)])
