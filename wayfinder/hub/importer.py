"""Bulk import of resources from CSV: parse and check every row first, then save all of them or none.

`parse` is pure (plain values in, rows with their errors out) so it is tested without a database;
`resources_import` looks up what it needs, calls it and, unless it is a dry run, saves in one transaction.
CSV columns: title, summary, link, type, tags (tags separated by ";": dimension keys, support domain keys or,
when resources have topics, free topics).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from wayfinder.core.tabular import (
    Problem,
    ProblemReport,
    csv_lines,
    decode_csv,
    header_name,
    is_blank,
    save_all_or_nothing,
)

REQUIRED_COLUMNS = ("title", "summary", "link", "type", "tags")
MAX_ROWS = 2_000
MAX_TITLE = 255
MAX_SUMMARY = 1_000
MAX_LINK = 200
MAX_TOPIC = 100


@dataclass
class ImportRow:
    line: int  # the line in the file, counting the header as line 1, as a spreadsheet shows it
    title: str = ""
    summary: str = ""
    link: str = ""
    kind: str = ""
    dimension_keys: list[str] = field(default_factory=list)
    support_domain_keys: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    # This row's problems, as the import page lists them beside the row; the report holds them too.
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport(ProblemReport):
    rows: list[ImportRow] = field(default_factory=list)
    saved: int = 0

    @property
    def errors(self) -> list[str]:
        """Problems that are not about one resource: with the file as a whole, or a line that is not CSV."""
        rows = {row.line for row in self.rows}
        return [
            problem.message if problem.line is None else str(problem)
            for problem in self.problems
            if problem.line not in rows
        ]

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.ok]

    def file_problem(self, message: str) -> None:
        self.add(Problem("", None, "", message))

    def add_row(self, row: ImportRow) -> None:
        self.rows.append(row)
        self.extend(Problem("", row.line, "", message) for message in row.errors)


_url = URLValidator(schemes=["http", "https"])


def _has_markup(value: str) -> bool:
    return "<" in value and ">" in value


def parse(
    text: str,
    *,
    kinds: Mapping[str, str],
    dimension_keys: Collection[str],
    domain_keys: Collection[str],
    topics_allowed: bool,
    existing_titles: Collection[str] = (),
) -> ImportReport:
    """Read CSV text and check each row. `kinds` maps each accepted way of writing a type (lower case: the
    stored value and its label) to the stored value."""
    report = ImportReport()
    decoded, problem = decode_csv(text)
    records: list[tuple[int, list[str]]] = []
    if decoded is not None:
        records, problem = csv_lines(decoded)
    if problem is not None and not records:
        report.add(problem)
        return report
    header = [header_name(cell) for cell in records[0][1]] if records else []
    if not any(header):
        report.file_problem("The file is empty. The first line must name the columns: " + ", ".join(REQUIRED_COLUMNS))
        return report
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        report.file_problem(
            f"The first line must name the columns {', '.join(REQUIRED_COLUMNS)}. Missing: {', '.join(missing)}"
        )
        return report
    seen_titles = {title.strip().lower() for title in existing_titles}
    for line, cells in records[1:]:
        if len(report.rows) >= MAX_ROWS:
            report.file_problem(f"The file has more than {MAX_ROWS} rows. Split it into smaller files.")
            break
        extra = len(cells) > len(header)
        if is_blank(cells) and not extra:
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        row = _check_row(line, values, extra, kinds, dimension_keys, domain_keys, topics_allowed, seen_titles)
        report.add_row(row)
    if problem is not None:
        report.add(problem)  # a line that is not valid CSV: the rows before it are checked too
    if not report.rows and report.ok:
        report.file_problem("The file has no resources in it, only the line of column names.")
    return report


def _check_row(
    line: int,
    values: Mapping[str, str],
    extra: bool,
    kinds: Mapping[str, str],
    dimension_keys: Collection[str],
    domain_keys: Collection[str],
    topics_allowed: bool,
    seen_titles: set[str],
) -> ImportRow:
    row = ImportRow(
        line=line, title=values.get("title", ""), summary=values.get("summary", ""), link=values.get("link", "")
    )
    if extra:
        row.errors.append("The row has more values than there are columns. Put text with commas inside double quotes.")
    if not row.title:
        row.errors.append("Enter a title")
    elif len(row.title) > MAX_TITLE:
        row.errors.append(f"The title must be {MAX_TITLE} characters or fewer")
    elif _has_markup(row.title):
        row.errors.append("The title must be plain text: remove anything between < and >")
    elif not slugify(row.title):
        row.errors.append("The title must contain some letters or numbers")
    elif row.title.lower() in seen_titles:
        row.errors.append(f"A resource called “{row.title}” is already in the hub or earlier in this file")
    else:
        seen_titles.add(row.title.lower())
    if not row.summary:
        row.errors.append("Enter a summary")
    elif len(row.summary) > MAX_SUMMARY:
        row.errors.append(f"The summary must be {MAX_SUMMARY} characters or fewer")
    elif _has_markup(row.summary):
        row.errors.append("The summary must be plain text: remove anything between < and >")
    if row.link:
        try:
            _url(row.link)
        except DjangoValidationError:
            row.errors.append("The link must be a web address that starts with https:// or http://")
        else:
            if len(row.link) > MAX_LINK:
                row.errors.append(f"The link must be {MAX_LINK} characters or fewer")
    kind = values.get("type", "")
    if not kind:
        row.errors.append("Enter a type, one of: " + ", ".join(sorted(set(kinds.values()))))
    elif kind.lower() not in kinds:
        row.errors.append(f"“{kind}” is not a type we know. Use one of: " + ", ".join(sorted(set(kinds.values()))))
    else:
        row.kind = kinds[kind.lower()]
    for tag in (part.strip() for part in values.get("tags", "").split(";")):
        if not tag:
            continue
        if tag in dimension_keys:
            row.dimension_keys.append(tag)
        elif tag in domain_keys:
            row.support_domain_keys.append(tag)
        elif not topics_allowed:
            row.errors.append(f"“{tag}” is not a dimension or support domain key")
        elif len(tag) > MAX_TOPIC or _has_markup(tag):
            row.errors.append(f"The topic “{tag[:40]}” must be plain text of {MAX_TOPIC} characters or fewer")
        else:
            row.topics.append(tag)
    return row


def resources_import(text: str, *, dry_run: bool) -> ImportReport:
    """Check a CSV file of resources and, unless it is a dry run or any row is wrong, publish every one of them
    under the hub's front page in a single transaction: all are saved, or none."""
    # Imported here so `parse` stays usable without Django's apps being ready.
    from wagtail.coreutils import find_available_slug

    from wayfinder.frameworks.models import Dimension, SupportDomain
    from wayfinder.hub import services
    from wayfinder.hub.models import ResourceKind, ResourcePage

    kinds = {value.lower(): value for value in ResourceKind.values}
    kinds.update({str(label).lower(): value for value, label in ResourceKind.choices})
    topics_allowed = any(f.name == "topics" for f in ResourcePage._meta.get_fields())
    report = parse(
        text,
        kinds=kinds,
        dimension_keys=set(Dimension.objects.values_list("key", flat=True)),
        domain_keys=set(SupportDomain.objects.values_list("key", flat=True)),
        topics_allowed=topics_allowed,
        existing_titles=ResourcePage.objects.values_list("title", flat=True),
    )

    def publish(_: None) -> None:
        hub = services.hub_index_ensure()
        for row in report.rows:
            page = ResourcePage(
                title=row.title,
                slug=find_available_slug(hub, slugify(row.title)[:60]),
                kind=row.kind,
                summary=row.summary,
                external_link=row.link,
                dimension_keys=row.dimension_keys,
                support_domain_keys=row.support_domain_keys,
            )
            if row.topics:
                page.topics.add(*row.topics)  # type: ignore[attr-defined]
            hub.add_child(instance=page)
            page.save_revision(log_action=True).publish()
            report.saved += 1

    save_all_or_nothing(report, dry_run=dry_run, plan=lambda: None, save=publish)
    return report
