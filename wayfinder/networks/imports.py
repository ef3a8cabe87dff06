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

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TextIO, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from wayfinder.core.tabular import (
    MAX_FILE_BYTES,
    Problem,
    ProblemReport,
    Table,
    csv_lines,
    csv_table,
    decode_csv,
    header_name,
    is_blank,
    save_all_or_nothing,
)
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
class RowChange:
    """One row of the file and what importing it does; `columns` lists what an update changes."""

    line: int
    label: str
    columns: tuple[str, ...] = ()


@dataclass
class ImportReport(ProblemReport):
    kind: str = ""
    dry_run: bool = True
    created: list[RowChange] = field(default_factory=list)
    updated: list[RowChange] = field(default_factory=list)
    unchanged: list[RowChange] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        """True when the changes were written to the database."""
        return self.ok and not self.dry_run

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


# Reading the file (no database) ----------------------------------------------------------------------------


def read_table(source: TextIO | bytes | str, *, kind: str) -> tuple[Table | None, list[Problem]]:
    """Read a CSV file and check its header against the columns of `kind`; no row is checked yet."""
    text, problem = decode_csv(source, max_bytes=MAX_FILE_BYTES)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    known = {column.name: column for column in COLUMNS[kind]}
    needed = ", ".join(column.name for column in COLUMNS[kind] if column.in_header)
    everything = ", ".join(known)
    raw, problem = csv_lines(text)
    if problem is not None:
        return None, [problem]
    if not raw or is_blank(raw[0][1]):
        return None, [Problem("", 1, "", f"The file is empty. Its first line must be the header: {needed}.")]

    if len(raw[0][1]) == 1 and any(mark in raw[0][1][0] for mark in ";\t"):
        return None, [Problem("", 1, "", "Separate the columns with commas, not semicolons or tabs.")]

    problems: list[Problem] = []
    header = [header_name(cell) for cell in raw[0][1]]
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(Problem("", 1, name, f'The header has the column "{name}" more than once.'))
        elif name not in known:
            problems.append(
                Problem("", 1, name, f'The column "{name}" is not one we know. A {kind} file has: {everything}.')
            )
        seen.add(name)
    for column in COLUMNS[kind]:
        if column.in_header and column.name not in seen:
            message = f'The header has no "{column.name}" column. A {kind} file needs: {needed}.'
            problems.append(Problem("", 1, column.name, message))
    if problems:
        return None, problems

    table, problems = csv_table(raw[1:], header)
    if not table.rows and not problems:
        problems.append(Problem("", None, "", "The file has a header but no rows under it."))
    return table, problems


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
        self.problems.append(Problem("", self.line, column, message))

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


def _code_name_and(row: RowReader, *parent_columns: str) -> list[str] | None:
    """A region's, system's or place's code and name, then the codes of what it is in; None if any is bad."""
    values = [
        row.code("code", required=True, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE),
        row.text("name", required=True, max_length=NAME_MAX_LENGTH),
        *(
            row.code(column, required=True, shape=HIERARCHY_CODE, example=HIERARCHY_EXAMPLE)
            for column in parent_columns
        ),
    ]
    return [value for value in values if value is not None] if None not in values else None


def _parse_region(row: RowReader) -> RegionRecord | None:
    found = _code_name_and(row)
    return RegionRecord(row.line, *found) if found else None


def _parse_system(row: RowReader) -> SystemRecord | None:
    found = _code_name_and(row, "region_code")
    return SystemRecord(row.line, *found) if found else None


def _parse_place(row: RowReader) -> PlaceRecord | None:
    found = _code_name_and(row, "system_code")
    return PlaceRecord(row.line, *found) if found else None


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
                Problem("", record.line, column, f'The {what} "{value}" is already used on line {first_line[value]}.')
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
    return Problem("", record.line, column, f'No {what} has the code "{code}". {first}')


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


def _plan_in_parent(
    records: Sequence[SystemRecord] | Sequence[PlaceRecord],
    report: ImportReport,
    *,
    model: type[M],
    parent: type[models.Model],
    column: str,
) -> Plan[M]:
    """Systems (in a region) and places (in a system): a code, a name and the code of what they are in."""
    what = parent._meta.model_name or ""
    parent_field = f"{what}_id"
    plan = Plan(model)
    parent_ids = _ids_by_code(parent, (getattr(r, column) for r in records))
    existing = _objects_by(model._default_manager.all(), "code", (r.code for r in records))
    for record in records:
        code = getattr(record, column)
        parent_id = parent_ids.get(code)
        if parent_id is None:
            report.problems.append(_unknown(record, column, what, code, f"Import the {what}s file first."))
            continue
        label = f"{record.name} ({record.code})"
        obj = existing.get(record.code)
        if obj is None:
            new = model(code=record.code, name=record.name, **{parent_field: parent_id})
            plan.add(report, record, label, new, None)
            continue
        changed: list[str] = []
        _assign(obj, "name", record.name, changed)
        _assign(obj, parent_field, parent_id, changed)
        plan.add(report, record, label, obj, changed)
    return plan


def _plan_systems(records: Sequence[SystemRecord], report: ImportReport) -> Plan[System]:
    return _plan_in_parent(records, report, model=System, parent=Region, column="region_code")


def _plan_places(records: Sequence[PlaceRecord], report: ImportReport) -> Plan[Place]:
    return _plan_in_parent(records, report, model=Place, parent=System, column="system_code")


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
                    Problem("", record.line, "slug", f'Another network already has the slug "{record.slug}".')
                )
                continue
        else:
            owner = owner_by_slug.get(record.match_slug)
            if owner is not None and owner[1]:
                column = "slug" if record.slug else "name"
                report.problems.append(
                    Problem(
                        "",
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
        return None, None, [Problem("", record.line, "place_code", message)]
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


def _save(plan: Plan[Any] | None) -> None:
    """Save the plan. Bulk writes go round the services, so then say which views its rows leave and enter."""
    if plan is None:
        return
    before = _saved_rows(plan)
    plan.save()
    if plan.create or plan.update:
        hierarchy_changed([*before, *plan.create, *plan.update])


def _saved_rows(plan: Plan[Any]) -> list[Any]:
    """The rows about to be updated, as saved now: where a system, place, network or organisation moves from."""
    if plan.model not in (System, Place, Network, Organisation) or not plan.update:
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
    report.extend(problems)
    save_all_or_nothing(
        report,
        dry_run=dry_run,
        plan=lambda: PLANNERS[kind](records, report) if records else None,
        save=_save,
    )
    if report.problems:
        # Counts for part of a bad file would mislead: the report lists only the problems.
        report.created.clear()
        report.updated.clear()
        report.unchanged.clear()
    return report
