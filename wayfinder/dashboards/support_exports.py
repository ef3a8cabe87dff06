"""The "support and progress" views to take away: CSV and xlsx of each view, the chart, and what the system's PDF
summary shows of them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from wayfinder.core import charts
from wayfinder.core.downloads import csv_text, print_on_a4, wrap_rows
from wayfinder.core.suppression import Figure
from wayfinder.dashboards import support_progress as sp
from wayfinder.dashboards.exports import NOT_SHOWN, Table
from wayfinder.dashboards.support_queries import COMPARISON_NOTE, PieceRow, SupportedNetwork

GROUP_HEADER = [
    "Networks supported",
    "Pieces of support",
    "Spent (£)",
    "Networks with a round before and after",
    "Median movement",
    "Lowest movement",
    "Highest movement",
    "Comparison networks",
    "Comparison median movement",
    "Comparison lowest movement",
    "Comparison highest movement",
    "Support from",
    "Support to",
]


@dataclass(frozen=True)
class Section:
    """One table of a view: its title, what its rows are (a domain, a provider...) and the rows as one viewer may
    see them."""

    id: str
    title: str
    label: str
    rows: list[sp.GroupStats]
    links: dict[str, str]


def _value(figure: Figure) -> Any:
    return NOT_SHOWN if figure.hidden else figure.value


def _spread(figure: Figure) -> list[Any]:
    if figure.hidden:
        return [NOT_SHOWN] * 4
    value: sp.Spread = figure.value
    return [value.networks, value.median, value.lowest, value.highest]


def group_cells(stats: sp.GroupStats) -> list[Any]:
    spent = _value(stats.spent)
    return [
        _value(stats.networks),
        _value(stats.pieces),
        float(spent) if not isinstance(spent, str) else spent,
        *_spread(stats.moved),
        *_spread(stats.comparison),
        stats.starts_on,
        stats.ends_on,
    ]


def sections_table(title: str, sections: Sequence[Section]) -> Table:
    """Every section of a view in one table, with a column saying how its rows are grouped."""
    rows = [[section.label, stats.name, *group_cells(stats)] for section in sections for stats in section.rows]
    return Table(title, ["Grouped by", "Group", *GROUP_HEADER], rows)


def networks_table(title: str, supported: Sequence[SupportedNetwork]) -> Table:
    header = ["Network", "Support domains", "Pieces of support", "Spent (£)", "Support from", "Support to"]
    header += ["Round before closed", "Round after closed", "Movement"]
    rows = [
        [
            n.name,
            "; ".join(n.domains),
            n.pieces,
            float(n.spent),
            n.outcome.starts_on,
            n.outcome.ends_on,
            n.outcome.pair.before.closed_on if n.outcome.pair.before else None,
            n.outcome.pair.after.closed_on if n.outcome.pair.after else None,
            n.outcome.movement,
        ]
        for n in supported
    ]
    return Table(title, header, rows)


def pieces_table(title: str, pieces: Sequence[PieceRow]) -> Table:
    """A network's delivered support, one row per dimension it was for (one row when it named none)."""
    header = ["Support", "Support domain", "Provider", "Cost (£)", "Funding source", "From", "To", "Framework"]
    header += ["Round before closed", "Round after closed", "Dimension", "Level before", "Level after", "Change"]
    rows = []
    for p in pieces:
        common = [
            p.what,
            p.domain,
            p.provider,
            float(p.cost),
            p.funding,
            p.starts_on,
            p.ends_on,
            p.framework,
            p.before.closed_on if p.before else None,
            p.after.closed_on if p.after else None,
        ]
        if not p.dimensions:
            rows.append([*common, None, None, None, None])
        rows.extend([*common, d.name, d.before, d.after, d.change] for d in p.dimensions)
    return Table(title, header, rows)


def tables_csv(tables: Sequence[Table]) -> str:
    """One CSV: each table's rows under its own header, a blank line between tables."""
    return "\r\n".join(csv_text([table.title], [table.header, *table.rows]) for table in tables)


def tables_xlsx(tables: Sequence[Table], *, note: str = COMPARISON_NOTE) -> bytes:
    """A workbook with a sheet per table, each saying the comparison is not proof."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for n, table in enumerate(tables, start=1):
        sheet = book.create_sheet(f"{n}. {table.title}"[:31].replace("/", " ").replace(":", " "))
        sheet.append([table.title])
        sheet.append([note])
        sheet.append([])
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([_safe(value) for value in row])
        for row_cells in sheet.iter_rows(min_row=5):
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text, never a formula
                elif cell.is_date:
                    cell.number_format = "d mmm yyyy"
        wrap_rows(sheet, 4, 4)
        print_on_a4(sheet, title_rows="4:4")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _safe(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def movement_chart(rows: Sequence[sp.GroupStats], title: str, *, id_prefix: str) -> Markup | None:
    """The supported networks' movement beside the comparison's, per group that had support (or whose figures are
    hidden); None when there is nothing to draw."""
    rows = [r for r in rows if r.networks.hidden or r.networks.value]
    if not any(not r.moved.hidden and r.moved.value.median is not None for r in rows):
        return None

    def ranges(figures: Sequence[Figure]) -> list[charts.Range]:
        return [
            charts.Range(None, None, None, "Not shown")
            if f.hidden
            else charts.Range(f.value.median, f.value.lowest, f.value.highest, "No rounds to compare yet")
            for f in figures
        ]

    return charts.range_chart(
        [r.name for r in rows],
        [
            ("Supported networks", ranges([r.moved for r in rows])),
            ("Comparison networks", ranges([r.comparison for r in rows])),
        ],
        title,
        id_prefix=id_prefix,
    )
