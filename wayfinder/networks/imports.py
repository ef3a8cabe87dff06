"""Import the England hierarchy (regions, systems, places, networks, member organisations) from CSV files.

Reading happens in two steps. First the file is read and each row is checked on its own and turned into a
typed record; that step touches no database. Then `hierarchy_import` looks up the codes the records refer
to, matches records to rows already saved, and saves the differences in bulk, all in one transaction.
If any row has a problem, nothing is saved.

The columns of each kind of file are listed in `COLUMNS` (the import page and docs/import.md describe
them too). A blank cell in an optional column means "no value given": a new row gets the default, and a
row already in Wayfinder keeps what it has.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TextIO, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from wayfinder.core.text import counted
from wayfinder.networks.models import (
    Network,
    NetworkType,
    Organisation,
    OrganisationKind,
    Place,
    Privacy,
    Region,
    Stage,
    System,
)
from wayfinder.networks.services import hierarchy_changed

MAX_FILE_BYTES = 5 * 1024 * 1024
NAME_MAX_LENGTH = 200
SLUG_MAX_LENGTH = 220
# The largest value a PositiveIntegerField holds on every database we support.
POPULATION_MAX = 2_147_483_647
# Lookups by code are split into groups this size so that no query passes more values than any SQLite
# build accepts (older builds allow 999).
LOOKUP_CHUNK = 900

# Codes of regions, systems and places: letters and digits, like Y56, QE1 or E54000048.
HIERARCHY_CODE = re.compile(r"[A-Z0-9]{1,16}")
# An ODS-style code of any organisation or network: 3 to 8 letters and digits, like RXX, 00L or U12345.
ODS_CODE = re.compile(r"[A-Z0-9]{3,8}")
PCN_CODE = re.compile(r"U[0-9]{5}")
GP_PRACTICE_CODE = re.compile(r"[A-Z][0-9]{5}")
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")

KINDS: dict[str, str] = {
    "regions": "Regions",
    "systems": "Systems (integrated care systems)",
    "places": "Places",
    "networks": "Networks",
    "organisations": "Member organisations",
}


def _values(choices: Sequence[tuple[str, str]]) -> str:
    return ", ".join(value for value, _ in choices)


@dataclass(frozen=True)
class Column:
    """One column of an import file. `in_header` columns must appear in the header row."""

    name: str
    in_header: bool
    description: str


COLUMNS: dict[str, tuple[Column, ...]] = {
    "regions": (
        Column("code", True, "The region's code: letters and digits, for example Y56."),
        Column("name", True, "The region's name."),
    ),
    "systems": (
        Column("code", True, "The system's code: letters and digits, for example QE1."),
        Column("name", True, "The system's name."),
        Column("region_code", True, "The code of the region the system is in. Import the regions first."),
    ),
    "places": (
        Column("code", True, "The place's code: letters and digits."),
        Column("name", True, "The place's name."),
        Column("system_code", True, "The code of the system the place is in. Import the systems first."),
    ),
    "networks": (
        Column(
            "code",
            False,
            "The network's ODS code. A primary care network must have one: U and five digits, for example "
            "U12345. Other networks may leave it blank.",
        ),
        Column("name", True, "The network's name."),
        Column(
            "slug",
            False,
            "The end of the network's web address, for example riverside-care. Leave it blank and one is made "
            "from the name.",
        ),
        Column("is_pcn", True, "yes for a primary care network (PCN), no for any other network."),
        Column("type", False, f"One of {_values(NetworkType.choices)}. New networks are delivery networks."),
        Column("stage", False, f"One of {_values(Stage.choices)}. New networks start as emerging."),
        Column("privacy", False, f"One of {_values(Privacy.choices)}. New networks are private."),
        Column("population", False, "How many people the network serves, as a whole number."),
        Column(
            "system_code",
            False,
            "The code of the system the network belongs to. A primary care network must have one. "
            "The system must already be in Wayfinder.",
        ),
        Column(
            "place_code",
            False,
            "The code of the place the network works in, if any. Fill in system_code as well.",
        ),
        Column("description", False, "A short description of the network."),
    ),
    "organisations": (
        Column(
            "code",
            True,
            "The organisation's ODS code: 3 to 8 letters and digits. A GP practice code is a letter and five "
            "digits, for example A81001.",
        ),
        Column("name", True, "The organisation's name."),
        Column("kind", True, f"One of {_values(OrganisationKind.choices)}."),
        Column(
            "network_code",
            False,
            "The code of the network the organisation is a member of. Leave it blank if it has none.",
        ),
    ),
}


# The report ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file. `line` is None when the problem is with the whole file."""

    line: int | None
    column: str
    message: str


@dataclass(frozen=True)
class RowChange:
    """One row of the file and what importing it does; `columns` lists what an update changes."""

    line: int
    label: str
    columns: tuple[str, ...] = ()


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    created: list[RowChange] = field(default_factory=list)
    updated: list[RowChange] = field(default_factory=list)
    unchanged: list[RowChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def saved(self) -> bool:
        """True when the changes were written to the database."""
        return self.ok and not self.dry_run

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.line or 0, p.column))


# Reading the file (no database) ----------------------------------------------------------------------------

NOT_CSV = 'The file is not a CSV file. In your spreadsheet, choose Save as, pick "CSV UTF-8" and upload that file.'
NOT_UTF8 = 'The file is not saved as UTF-8 text. In your spreadsheet, choose Save as and pick "CSV UTF-8".'
TOO_BIG = "The file is bigger than 5 MB. Split it into smaller files and import each one."


@dataclass(frozen=True)
class Table:
    """The rows of a CSV file under its header: each is the line it starts on and its cells by column."""

    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def _decode(source: TextIO | bytes | str) -> tuple[str | None, Problem | None]:
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        if len(data) > MAX_FILE_BYTES:
            return None, Problem(None, "", TOO_BIG)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None, Problem(None, "", NOT_UTF8)
        if b"\x00" in data:
            return None, Problem(None, "", NOT_CSV)
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            return None, Problem(line, "", f"{NOT_UTF8} The first character that is not UTF-8 is on this line.")
    if isinstance(source, str):
        text = source
    else:
        try:
            text = source.read(MAX_FILE_BYTES + 1)
        except UnicodeDecodeError:
            return None, Problem(None, "", NOT_UTF8)
    if len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        return None, Problem(None, "", TOO_BIG)
    if "\x00" in text:
        return None, Problem(None, "", NOT_CSV)
    return text.removeprefix("\ufeff"), None


def _header_name(cell: str) -> str:
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


def read_table(source: TextIO | bytes | str, *, kind: str) -> tuple[Table | None, list[Problem]]:
    """Read a CSV file and check its header against the columns of `kind`; no row is checked yet."""
    text, problem = _decode(source)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    known = {column.name: column for column in COLUMNS[kind]}
    needed = ", ".join(column.name for column in COLUMNS[kind] if column.in_header)
    everything = ", ".join(known)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    raw: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            raw.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:
        return None, [
            Problem(
                start,
                "",
                "This line is not valid CSV. Check its quotation marks: a value that starts with "
                "a quotation mark must end with one, and a quotation mark inside a value must be doubled.",
            )
        ]
    if not raw or not any(cell.strip() for cell in raw[0][1]):
        return None, [Problem(1, "", f"The file is empty. Its first line must be the header: {needed}.")]

    if len(raw[0][1]) == 1 and any(mark in raw[0][1][0] for mark in ";\t"):
        return None, [Problem(1, "", "Separate the columns with commas, not semicolons or tabs.")]

    problems: list[Problem] = []
    header = [_header_name(cell) for cell in raw[0][1]]
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(Problem(1, name, f'The header has the column "{name}" more than once.'))
        elif name not in known:
            problems.append(
                Problem(1, name, f'The column "{name}" is not one we know. A {kind} file has: {everything}.')
            )
        seen.add(name)
    for column in COLUMNS[kind]:
        if column.in_header and column.name not in seen:
            problems.append(
                Problem(1, column.name, f'The header has no "{column.name}" column. A {kind} file needs: {needed}.')
            )
    if problems:
        return None, problems

    rows: list[tuple[int, dict[str, str]]] = []
    for line, cells in raw[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, often left at the end by spreadsheets
        if len(cells) < len(header) or any(cell.strip() for cell in cells[len(header) :]):
            problems.append(
                Problem(
                    line,
                    "",
                    f"This row has {counted(len(cells), 'value', 'values')} but the header has "
                    f"{counted(len(header), 'column', 'columns')}. "
                    "Check for a missing or extra comma.",
                )
            )
            continue
        values: dict[str, str] = {}
        for name, cell in zip(header, cells, strict=False):
            if name:
                values[name] = cell.strip()
            elif cell.strip():
                problems.append(Problem(line, "", "This row has a value in a column with no name in the header."))
        rows.append((line, values))
    if not rows and not problems:
        problems.append(Problem(None, "", "The file has a header but no rows under it."))
    return Table(columns=tuple(name for name in header if name), rows=tuple(rows)), problems


# Checking rows (no database) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionRecord:
    line: int
    code: str
    name: str


@dataclass(frozen=True)
class SystemRecord:
    line: int
    code: str
    name: str
    region_code: str


@dataclass(frozen=True)
class PlaceRecord:
    line: int
    code: str
    name: str
    system_code: str


@dataclass(frozen=True)
class NetworkRecord:
    """A network row. None means the cell was blank (or the column absent): keep what is there."""

    line: int
    name: str
    is_pcn: bool
    code: str | None = None
    slug: str | None = None
    network_type: str | None = None
    stage: str | None = None
    privacy: str | None = None
    population: int | None = None
    system_code: str | None = None
    place_code: str | None = None
    description: str | None = None

    @property
    def match_slug(self) -> str:
        """The slug a network without a code is matched by: the one given, or one made from the name."""
        return self.slug or slugify(self.name)[:SLUG_MAX_LENGTH]


@dataclass(frozen=True)
class OrganisationRecord:
    line: int
    code: str
    name: str
    kind: str
    network_code: str | None = None


Record = RegionRecord | SystemRecord | PlaceRecord | NetworkRecord | OrganisationRecord


class RowReader:
    """Reads the cells of one row, collecting a problem for each bad value."""

    def __init__(self, line: int, cells: Mapping[str, str]) -> None:
        self.line = line
        self.cells = cells
        self.problems: list[Problem] = []

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.line, column, message))

    def has_problem(self, column: str) -> bool:
        return any(problem.column == column for problem in self.problems)

    def raw(self, column: str) -> str:
        return self.cells.get(column, "")

    def text(self, column: str, *, required: bool, max_length: int | None = None) -> str | None:
        value = self.raw(column)
        if not value:
            if required:
                self.problem(column, f"The {column} is missing.")
            return None
        if max_length is not None and len(value) > max_length:
            self.problem(column, f"The {column} is longer than {max_length} characters.")
            return None
        return value

    def code(self, column: str, *, required: bool, shape: re.Pattern[str], example: str) -> str | None:
        value = self.raw(column).upper()
        if not value:
            if required:
                self.problem(column, f"The {column.replace('_', ' ')} is missing.")
            return None
        if not shape.fullmatch(value):
            self.problem(column, f'"{self.raw(column)}" is not a code of the right shape. {example}')
            return None
        return value

    def choice(self, column: str, choices: Sequence[tuple[str, str]], *, required: bool = False) -> str | None:
        value = self.raw(column)
        if not value:
            if required:
                self.problem(column, f"The {column} is missing. Use one of: {_values(choices)}.")
            return None
        accepted = {option.lower(): option for option, _ in choices}
        accepted.update({str(label).lower(): option for option, label in choices})
        found = accepted.get(value.lower())
        if found is None:
            self.problem(column, f'"{value}" is not a {column} we know. Use one of: {_values(choices)}.')
        return found

    def yes_no(self, column: str) -> bool | None:
        value = self.raw(column).lower()
        if value in {"yes", "y", "true"}:
            return True
        if value in {"no", "n", "false"}:
            return False
        if not value:
            self.problem(column, f"Fill in {column} with yes or no.")
        else:
            self.problem(column, f'{column} must be yes or no, not "{self.raw(column)}".')
        return None

    def whole_number(self, column: str, *, maximum: int) -> int | None:
        value = self.raw(column)
        if not value:
            return None
        digits = value.replace(",", "").replace(" ", "")
        if not digits.isascii() or not digits.isdigit():
            self.problem(column, f'The {column} must be a whole number, like 45000, not "{value}".')
            return None
        number = int(digits)
        if number > maximum:
            self.problem(column, f"The {column} is too large: it must be at most {maximum:,}.")
            return None
        return number

    def slug(self, column: str) -> str | None:
        value = self.raw(column).lower()
        if not value:
            return None
        if len(value) > SLUG_MAX_LENGTH or not SLUG.fullmatch(value):
            self.problem(
                column,
                f'"{self.raw(column)}" cannot be used as a slug. Use only letters, digits and hyphens, '
                f"at most {SLUG_MAX_LENGTH} characters, for example riverside-care.",
            )
            return None
        return value


HIERARCHY_EXAMPLE = "Use letters and digits only, up to 16 characters, for example Y56."


def _parse_region(row: RowReader) -> RegionRecord | None:
    code = row.code("code", required=True, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
    name = row.text("name", required=True, max_length=NAME_MAX_LENGTH)
    if code is None or name is None:
        return None
    return RegionRecord(line=row.line, code=code, name=name)


def _parse_system(row: RowReader) -> SystemRecord | None:
    code = row.code("code", required=True, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
    name = row.text("name", required=True, max_length=NAME_MAX_LENGTH)
    region_code = row.code("region_code", required=True, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
    if code is None or name is None or region_code is None:
        return None
    return SystemRecord(line=row.line, code=code, name=name, region_code=region_code)


def _parse_place(row: RowReader) -> PlaceRecord | None:
    code = row.code("code", required=True, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
    name = row.text("name", required=True, max_length=NAME_MAX_LENGTH)
    system_code = row.code("system_code", required=True, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
    if code is None or name is None or system_code is None:
        return None
    return PlaceRecord(line=row.line, code=code, name=name, system_code=system_code)


def _parse_network(row: RowReader) -> NetworkRecord | None:
    name = row.text("name", required=True, max_length=NAME_MAX_LENGTH)
    is_pcn = row.yes_no("is_pcn")
    if is_pcn:
        code = row.code(
            "code",
            required=False,
            shape=PCN_CODE,
            example="A primary care network's ODS code is U and five digits, for example U12345.",
        )
        if code is None and not row.has_problem("code"):
            row.problem("code", "A primary care network must have its ODS code, for example U12345.")
    else:
        code = row.code(
            "code", required=False, shape=ODS_CODE, example="Use 3 to 8 letters and digits, for example U12345."
        )
    slug = row.slug("slug")
    network_type = row.choice("type", NetworkType.choices)
    stage = row.choice("stage", Stage.choices)
    privacy = row.choice("privacy", Privacy.choices)
    population = row.whole_number("population", maximum=POPULATION_MAX)
    system_code = row.code("system_code", required=False, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
    place_code = row.code("place_code", required=False, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
    description = row.text("description", required=False)
    if is_pcn and system_code is None and not row.has_problem("system_code"):
        row.problem("system_code", "A primary care network must belong to a system. Fill in the system_code.")
    if place_code is not None and system_code is None and not row.has_problem("system_code"):
        row.problem("system_code", "Fill in the system_code as well as the place_code.")
    if name is not None and code is None and slug is None and not slugify(name) and not row.has_problem("code"):
        row.problem("slug", "A web address cannot be made from this name. Fill in the slug or the code.")
    if row.problems or name is None or is_pcn is None:
        return None
    return NetworkRecord(
        line=row.line,
        name=name,
        is_pcn=is_pcn,
        code=code,
        slug=slug,
        network_type=network_type,
        stage=stage,
        privacy=privacy,
        population=population,
        system_code=system_code,
        place_code=place_code,
        description=description,
    )


def _parse_organisation(row: RowReader) -> OrganisationRecord | None:
    kind = row.choice("kind", OrganisationKind.choices, required=True)
    if kind == OrganisationKind.GP_PRACTICE:
        code = row.code(
            "code",
            required=True,
            shape=GP_PRACTICE_CODE,
            example="A GP practice's ODS code is a letter and five digits, for example A81001.",
        )
    else:
        code = row.code(
            "code", required=True, shape=ODS_CODE, example="An ODS code is 3 to 8 letters and digits, like A81001."
        )
    name = row.text("name", required=True, max_length=NAME_MAX_LENGTH)
    network_code = row.code(
        "network_code", required=False, shape=ODS_CODE, example="Use the network's code, for example U12345."
    )
    if code is None or name is None or kind is None:
        return None
    return OrganisationRecord(line=row.line, code=code, name=name, kind=kind, network_code=network_code)


PARSERS: dict[str, Callable[[RowReader], Record | None]] = {
    "regions": _parse_region,
    "systems": _parse_system,
    "places": _parse_place,
    "networks": _parse_network,
    "organisations": _parse_organisation,
}


def _duplicates(records: Sequence[Record], key: Callable[[Any], str | None], column: str, what: str) -> list[Problem]:
    first_line: dict[str, int] = {}
    problems = []
    for record in records:
        value = key(record)
        if value is None:
            continue
        if value in first_line:
            problems.append(
                Problem(record.line, column, f'The {what} "{value}" is already used on line {first_line[value]}.')
            )
        else:
            first_line[value] = record.line
    return problems


def parse_rows(kind: str, table: Table) -> tuple[list[Record], list[Problem]]:
    """Check each row on its own and against the other rows of the file; no database is needed."""
    parser = PARSERS[kind]
    records: list[Record] = []
    problems: list[Problem] = []
    for line, cells in table.rows:
        row = RowReader(line, cells)
        record = parser(row)
        problems.extend(row.problems)
        if record is not None:
            records.append(record)
    problems += _duplicates(records, lambda r: r.code, "code", "code")
    if kind == "networks":
        # Every slug the file fixes (given, or the match key of a network without a code) must differ.
        problems += _duplicates(records, lambda r: r.slug or (None if r.code else r.match_slug), "slug", "slug")
    bad_lines = {problem.line for problem in problems}
    return [record for record in records if record.line not in bad_lines], problems


def check_file(source: TextIO | bytes | str, *, kind: str) -> tuple[list[Record], list[Problem]]:
    """Read and check a whole file without the database: the typed records and every problem found."""
    table, problems = read_table(source, kind=kind)
    if table is None:
        return [], problems
    records, row_problems = parse_rows(kind, table)
    return records, problems + row_problems


# Matching and saving ---------------------------------------------------------------------------------------

M = TypeVar("M", bound=models.Model)

# The file's column for each foreign key, so an update names the columns a person edits.
COLUMN_FOR_FIELD = {
    "region_id": "region_code",
    "system_id": "system_code",
    "place_id": "place_code",
    "network_id": "network_code",
    "network_type": "type",
}


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    unique = sorted(set(values))
    for start in range(0, len(unique), LOOKUP_CHUNK):
        yield unique[start : start + LOOKUP_CHUNK]


def _objects_by(queryset: models.QuerySet[M], field_name: str, values: Iterable[Any]) -> dict[Any, M]:
    found: dict[Any, M] = {}
    for chunk in _chunks(values):
        for obj in queryset.filter(**{f"{field_name}__in": chunk}):
            found[getattr(obj, field_name)] = obj
    return found


def _ids_by_code(model: type[models.Model], codes: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(codes):
        found.update(model._default_manager.filter(code__in=chunk).values_list("code", "pk"))
    return found


def _assign(obj: models.Model, attname: str, value: Any, changed: list[str]) -> None:
    if getattr(obj, attname) != value:
        setattr(obj, attname, value)
        changed.append(attname)


@dataclass
class Plan(Generic[M]):
    """What saving a checked file would write."""

    model: type[M]
    create: list[M] = field(default_factory=list)
    update: list[M] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)

    def add(self, report: ImportReport, record: Record, label: str, obj: M, changed: list[str] | None) -> None:
        """Record a new object (changed is None), an updated one, or one left as it is."""
        if changed is None:
            self.create.append(obj)
            report.created.append(RowChange(record.line, label))
        elif changed:
            self.update.append(obj)
            self.update_fields.update(obj._meta.get_field(attname).name for attname in changed)
            columns = tuple(COLUMN_FOR_FIELD.get(attname, attname) for attname in changed)
            report.updated.append(RowChange(record.line, label, columns))
        else:
            report.unchanged.append(RowChange(record.line, label))

    def save(self) -> None:
        if self.create:
            self.model._default_manager.bulk_create(self.create)
        if self.update:
            # bulk_update skips auto_now, so updated_at is set here, and only on rows that changed.
            now = timezone.now()
            for obj in self.update:
                obj.updated_at = now  # type: ignore[attr-defined]
            self.model._default_manager.bulk_update(self.update, sorted(self.update_fields | {"updated_at"}))


def _unknown(record: Record, column: str, what: str, code: str, first: str) -> Problem:
    return Problem(record.line, column, f'No {what} has the code "{code}". {first}')


def _plan_regions(records: Sequence[RegionRecord], report: ImportReport) -> Plan[Region]:
    plan = Plan(Region)
    existing = _objects_by(Region.objects.all(), "code", (r.code for r in records))
    for record in records:
        label = f"{record.name} ({record.code})"
        region = existing.get(record.code)
        if region is None:
            plan.add(report, record, label, Region(code=record.code, name=record.name), None)
            continue
        changed: list[str] = []
        _assign(region, "name", record.name, changed)
        plan.add(report, record, label, region, changed)
    return plan


def _plan_systems(records: Sequence[SystemRecord], report: ImportReport) -> Plan[System]:
    plan = Plan(System)
    region_ids = _ids_by_code(Region, (r.region_code for r in records))
    existing = _objects_by(System.objects.all(), "code", (r.code for r in records))
    for record in records:
        region_id = region_ids.get(record.region_code)
        if region_id is None:
            report.problems.append(
                _unknown(record, "region_code", "region", record.region_code, "Import the regions file first.")
            )
            continue
        label = f"{record.name} ({record.code})"
        system = existing.get(record.code)
        if system is None:
            plan.add(report, record, label, System(code=record.code, name=record.name, region_id=region_id), None)
            continue
        changed: list[str] = []
        _assign(system, "name", record.name, changed)
        _assign(system, "region_id", region_id, changed)
        plan.add(report, record, label, system, changed)
    return plan


def _plan_places(records: Sequence[PlaceRecord], report: ImportReport) -> Plan[Place]:
    plan = Plan(Place)
    system_ids = _ids_by_code(System, (r.system_code for r in records))
    existing = _objects_by(Place.objects.all(), "code", (r.code for r in records))
    for record in records:
        system_id = system_ids.get(record.system_code)
        if system_id is None:
            report.problems.append(
                _unknown(record, "system_code", "system", record.system_code, "Import the systems file first.")
            )
            continue
        label = f"{record.name} ({record.code})"
        place = existing.get(record.code)
        if place is None:
            plan.add(report, record, label, Place(code=record.code, name=record.name, system_id=system_id), None)
            continue
        changed: list[str] = []
        _assign(place, "name", record.name, changed)
        _assign(place, "system_id", system_id, changed)
        plan.add(report, record, label, place, changed)
    return plan


def _plan_organisations(records: Sequence[OrganisationRecord], report: ImportReport) -> Plan[Organisation]:
    plan = Plan(Organisation)
    network_ids = _ids_by_code(Network, (r.network_code for r in records if r.network_code))
    existing = _objects_by(Organisation.objects.all(), "code", (r.code for r in records))
    for record in records:
        network_id = network_ids.get(record.network_code) if record.network_code else None
        if record.network_code and network_id is None:
            report.problems.append(
                _unknown(record, "network_code", "network", record.network_code, "Import the networks file first.")
            )
            continue
        label = f"{record.name} ({record.code})"
        organisation = existing.get(record.code)
        if organisation is None:
            new = Organisation(code=record.code, name=record.name, kind=record.kind, network_id=network_id)
            plan.add(report, record, label, new, None)
            continue
        changed: list[str] = []
        _assign(organisation, "name", record.name, changed)
        _assign(organisation, "kind", record.kind, changed)
        if record.network_code:
            _assign(organisation, "network_id", network_id, changed)
        plan.add(report, record, label, organisation, changed)
    return plan


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:200] or "network"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _match_networks(records: Sequence[NetworkRecord], report: ImportReport) -> tuple[dict[int, int | None], set[str]]:
    """Which saved network each row is about (None for a new one), by line, and every slug in use.

    A row with a code is matched by code. If no network has that code yet, a network with the row's slug
    and no code is matched instead, and gets the code. A row without a code is matched by slug. A clash
    of slugs is added to the report, and that row is left out of the result.
    """
    keys = list(Network.objects.values_list("pk", "slug", "code"))
    pk_by_code = {code: pk for pk, _, code in keys if code}
    owner_by_slug = {slug: (pk, code) for pk, slug, code in keys}
    matched: dict[int, int | None] = {}
    for record in records:
        pk: int | None = None
        if record.code:
            pk = pk_by_code.get(record.code)
            owner = owner_by_slug.get(record.slug) if record.slug else None
            if pk is None and owner is not None and owner[1] is None:
                pk = owner[0]
            if owner is not None and owner[0] != pk:
                report.problems.append(
                    Problem(record.line, "slug", f'Another network already has the slug "{record.slug}".')
                )
                continue
        else:
            owner = owner_by_slug.get(record.match_slug)
            if owner is not None and owner[1]:
                column = "slug" if record.slug else "name"
                report.problems.append(
                    Problem(
                        record.line,
                        column,
                        f'The network with the code {owner[1]} already has the slug "{record.match_slug}". '
                        f"To update that network, put {owner[1]} in the code column. Otherwise give this row "
                        "a different slug.",
                    )
                )
                continue
            pk = owner[0] if owner is not None else None
        matched[record.line] = pk
    return matched, set(owner_by_slug)


def _network_links(
    record: NetworkRecord, system_ids: Mapping[str, int], places: Mapping[str, tuple[int, int]]
) -> tuple[int | None, int | None, list[Problem]]:
    """The ids of the row's system and place, and a problem for a code not found or a place elsewhere."""
    system_id = system_ids.get(record.system_code) if record.system_code else None
    if record.system_code and system_id is None:
        return (
            None,
            None,
            [_unknown(record, "system_code", "system", record.system_code, "Import the systems file first.")],
        )
    if not record.place_code:
        return system_id, None, []
    place = places.get(record.place_code)
    if place is None:
        return None, None, [_unknown(record, "place_code", "place", record.place_code, "Import the places file first.")]
    place_id, place_system_id = place
    if place_system_id != system_id:
        message = f'The place "{record.place_code}" is not in the system "{record.system_code}".'
        return None, None, [Problem(record.line, "place_code", message)]
    return system_id, place_id, []


def _plan_networks(records: Sequence[NetworkRecord], report: ImportReport) -> Plan[Network]:
    plan = Plan(Network)
    matched, taken = _match_networks(records, report)
    existing = _objects_by(Network.objects.all(), "pk", (pk for pk in matched.values() if pk is not None))
    system_ids = _ids_by_code(System, (r.system_code for r in records if r.system_code))
    places: dict[str, tuple[int, int]] = {}
    for chunk in _chunks(r.place_code for r in records if r.place_code):
        rows = Place.objects.filter(code__in=chunk).values_list("code", "pk", "system_id")
        places.update((code, (pk, system_id)) for code, pk, system_id in rows)
    # Slugs made for new networks must differ from every saved slug and every slug the file fixes.
    taken |= {r.slug or r.match_slug for r in records if r.slug or not r.code}

    for record in records:
        if record.line not in matched:
            continue  # a slug clash, already reported
        system_id, place_id, problems = _network_links(record, system_ids, places)
        if problems:
            report.problems.extend(problems)
            continue
        values: dict[str, Any] = {"name": record.name, "is_pcn": record.is_pcn}
        optional = {
            "code": record.code,
            "slug": record.slug,
            "network_type": record.network_type,
            "stage": record.stage,
            "privacy": record.privacy,
            "population": record.population,
            "system_id": system_id,
            "place_id": place_id,
            "description": record.description,
        }
        # A blank cell gives no value: a new network gets the default, a saved one keeps what it has.
        values.update({attname: value for attname, value in optional.items() if value is not None})
        pk = matched[record.line]
        if pk is None:
            if "slug" not in values:
                values["slug"] = record.match_slug if not record.code else _unique_slug(record.name, taken)
                taken.add(values["slug"])
            network = Network(**values)
            plan.add(report, record, f"{record.name} ({record.code or network.slug})", network, None)
            continue
        network = existing[pk]
        changed: list[str] = []
        for attname, value in values.items():
            _assign(network, attname, value, changed)
        plan.add(report, record, f"{record.name} ({record.code or network.slug})", network, changed)
    return plan


def _saved_rows(plan: Plan[Any]) -> list[Any]:
    """The rows about to be updated, as saved now: where a system, place or network moves from."""
    if plan.model not in (System, Place, Network) or not plan.update:
        return []
    return list(_objects_by(plan.model._default_manager.all(), "pk", (row.pk for row in plan.update)).values())


PLANNERS: dict[str, Callable[[Any, ImportReport], Plan[Any]]] = {
    "regions": _plan_regions,
    "systems": _plan_systems,
    "places": _plan_places,
    "networks": _plan_networks,
    "organisations": _plan_organisations,
}


def hierarchy_import(*, kind: str, file: TextIO | bytes, dry_run: bool) -> ImportReport:
    """Check a CSV file of one kind and, unless this is a dry run or a row is bad, save it.

    Saving is all or nothing: a single bad row means nothing is written. The report says which rows
    were (or would be) created, updated or left unchanged, and every problem with its line number.
    """
    if kind not in KINDS:
        raise ValidationError(f'"{kind}" is not something we can import. Choose one of: {", ".join(KINDS)}.')
    report = ImportReport(kind=kind, dry_run=dry_run)
    records, problems = check_file(file, kind=kind)
    report.problems.extend(problems)
    try:
        with transaction.atomic():
            plan = PLANNERS[kind](records, report) if records else None
            if plan is not None and not report.problems and not dry_run:
                before = _saved_rows(plan)
                plan.save()
                if plan.model is not Organisation and (plan.create or plan.update):
                    # Bulk writes go round the services: say which views the rows leave and enter.
                    hierarchy_changed([*before, *plan.create, *plan.update])
    except IntegrityError:
        # Only possible when someone else saved the same codes or slugs while this file was being read.
        report.problems.append(
            Problem(
                None,
                "",
                "Someone else changed the same rows at the same time. Nothing was saved. Upload the file again.",
            )
        )
    if report.problems:
        # Counts for part of a bad file would mislead: the report lists only the problems.
        report.created.clear()
        report.updated.clear()
        report.unchanged.clear()
    return report
