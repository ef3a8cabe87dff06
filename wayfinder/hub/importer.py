"""Bulk import of resources from CSV: parse and check every row first, then save all of them or none.

`parse` is pure (plain values in, rows with their errors out) so it is tested without a database;
`resources_import` looks up what it needs, calls it and, unless it is a dry run, saves in one transaction.
CSV columns: title, summary, link, type, tags (tags separated by ";": dimension keys, support domain keys or,
when resources have topics, free topics).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

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
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems with the file as a whole
    saved: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and all(row.ok for row in self.rows)

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.ok]


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
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if not header:
        report.errors.append("The file is empty. The first line must name the columns: " + ", ".join(REQUIRED_COLUMNS))
        return report
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        report.errors.append(
            f"The first line must name the columns {', '.join(REQUIRED_COLUMNS)}. Missing: {', '.join(missing)}"
        )
        return report
    reader.fieldnames = header
    seen_titles = {title.strip().lower() for title in existing_titles}
    try:
        for record in reader:
            if len(report.rows) >= MAX_ROWS:
                report.errors.append(f"The file has more than {MAX_ROWS} rows. Split it into smaller files.")
                break
            values = {key: (value or "").strip() for key, value in record.items() if isinstance(key, str)}
            if not any(values.values()) and not record.get(None):  # type: ignore[call-overload]
                continue
            report.rows.append(
                _check_row(
                    reader.line_num, values, record, kinds, dimension_keys, domain_keys, topics_allowed, seen_titles
                )
            )
    except csv.Error as error:
        report.errors.append(f"Line {reader.line_num} could not be read as CSV: {error}")
    if not report.rows and not report.errors:
        report.errors.append("The file has no resources in it, only the line of column names.")
    return report


def _check_row(
    line: int,
    values: Mapping[str, str],
    record: Mapping[object, object],
    kinds: Mapping[str, str],
    dimension_keys: Collection[str],
    domain_keys: Collection[str],
    topics_allowed: bool,
    seen_titles: set[str],
) -> ImportRow:
    row = ImportRow(
        line=line, title=values.get("title", ""), summary=values.get("summary", ""), link=values.get("link", "")
    )
    if record.get(None):
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
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
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
    return report
