"""Results to take away: the xlsx workbook, CSV and PDF are anonymous and open in ordinary programs."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tests import factories as f
from tests.factories import add_raters, build_round, build_version, dimension, level
from wayfinder.assessments import exports, queries
from wayfinder.assessments.models import Consensus, Perspective, Round, Target
from wayfinder.frameworks.models import FrameworkKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_round(world: SimpleNamespace) -> SimpleNamespace:
    """A round whose raters have names and emails that must never reach an export."""
    version = build_version(dimensions=4)
    round_ = build_round(world.restricted, version, title="Spring baseline")
    insiders = [f.UserFactory.create(full_name=f"Inside Person {n}", email=f"inside{n}@example.org") for n in range(3)]
    outsiders = [f.UserFactory.create(full_name="Outside Person", email="outside@example.org")]
    add_raters(round_, [[1, 2, 3, 4], [3, 2, 3, 4], [2, 2, 3, 5]], users=insiders, evidence='=HYPERLINK("x")')
    add_raters(round_, [[1, 1, 2, 3]], users=outsiders, perspective=Perspective.EXTERNAL, evidence="Plain evidence")
    Consensus.objects.create(round=round_, dimension=dimension(version, 1), level=level(version, 2), notes="Talked")
    Target.objects.create(
        network=world.restricted,
        framework=version.framework,
        dimension_key="dimension-1",
        level_position=4,
        due_on=date(2030, 3, 31),
    )
    return SimpleNamespace(round=round_, people=[*insiders, *outsiders])


def _results(round_: Round) -> queries.RoundResults:
    return queries.round_results(round_)


def _all_text(workbook_bytes: bytes) -> str:
    book = load_workbook(io.BytesIO(workbook_bytes))
    return "\n".join(
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value
    )


def test_the_workbook_has_a_summary_a_sheet_per_dimension_and_raw_ratings(named_round: SimpleNamespace) -> None:
    content = exports.results_xlsx(_results(named_round.round))

    book = load_workbook(io.BytesIO(content))

    assert book.sheetnames == [
        "Summary",
        "1 Dimension 1 of the matrix",
        "2 Dimension 2 of the matrix",
        "3 Dimension 3 of the matrix",
        "4 Dimension 4 of the matrix",
        "Raw ratings",
    ]
    summary = book["Summary"]
    header_row = next(row for row in summary.iter_rows(values_only=True) if row[0] == "Number")
    first = next(row for row in summary.iter_rows(values_only=True) if row[0] == 1)
    row = dict(zip(header_row, first, strict=False))
    assert row["Ratings"] == 4 and row["Median"] == 1.5 and row["Spread"] == 2
    assert row["Flag"] == exports.DISCUSS
    assert row["Agreed level"] == 2 and row["Agreed"] == "Yes"
    assert row["Target level"] == 4 and row["Gap to target"] == 2
    raw = list(book["Raw ratings"].iter_rows(values_only=True))
    assert raw[0] == ("Rater", "Perspective", "Dimension number", "Dimension", "Level", "Level name", "Confidence")
    assert len(raw) == 1 + 16
    assert {r[0] for r in raw[1:]} == {1, 2, 3, 4}
    assert {r[1] for r in raw[1:]} == {"Member", "External"}


def test_the_workbook_contains_no_names_or_emails(named_round: SimpleNamespace) -> None:
    text = _all_text(exports.results_xlsx(_results(named_round.round)))

    for person in named_round.people:
        assert person.full_name not in text
        assert person.email not in text
    assert "Plain evidence" in text


def test_text_that_looks_like_a_formula_stays_text(named_round: SimpleNamespace) -> None:
    book = load_workbook(io.BytesIO(exports.results_xlsx(_results(named_round.round))))

    cells = [c for row in book["1 Dimension 1 of the matrix"].iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cells and all(c.data_type == "s" for c in cells)
    rows = list(csv.reader(io.StringIO(exports.results_csv(_results(named_round.round)))))
    assert all(not value.startswith("=") for row in rows for value in row)


def test_libreoffice_opens_the_workbook(named_round: SimpleNamespace, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        message = "LibreOffice is not installed: run 'make office' (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    workbook = tmp_path / "results.xlsx"
    workbook.write_bytes(exports.results_xlsx(_results(named_round.round)))

    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )

    sheets = sorted(p.name for p in tmp_path.glob("results-*.csv"))
    assert sheets == sorted(f"results-{name}.csv" for name in load_workbook(workbook).sheetnames)
    raw = (tmp_path / "results-Raw ratings.csv").read_text()
    assert raw.startswith("Rater,Perspective,Dimension number")
    assert '=HYPERLINK(""x"")' in (tmp_path / "results-1 Dimension 1 of the matrix.csv").read_text()


def test_libreoffice_prints_the_workbook_on_a_few_a4_pages(world: SimpleNamespace, tmp_path: Path) -> None:
    """A round of 8 dimensions and 12 raters printed on 38 pages, with columns cut off; now the summary and each
    dimension take one landscape page, every column in view, and the raw ratings a few more."""
    if shutil.which("soffice") is None:
        message = "LibreOffice is not installed: run 'make office' (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    version = build_version(dimensions=8)
    round_ = build_round(world.restricted, version, title="Baseline 2026")
    rows = [[(n + d) % 5 + 1 for d in range(8)] for n in range(9)]
    add_raters(round_, rows, evidence="We meet monthly and the minutes show who decided what, and why.")
    add_raters(round_, rows[:3], perspective=Perspective.EXTERNAL, evidence="From outside it works well with us.")
    for n in (1, 2, 3):
        Consensus.objects.create(
            round=round_, dimension=dimension(version, n), level=level(version, 2), notes="Agreed after a long talk."
        )
    workbook = tmp_path / "results.xlsx"
    workbook.write_bytes(exports.results_xlsx(_results(round_)))

    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    pages = PdfReader(str(tmp_path / "results.pdf")).pages
    assert len(pages) <= 12
    first = pages[0].extract_text()
    # The summary's first and last columns, and its last dimension, are all on the first page.
    assert "Number" in first and "Gap to" in first and "Dimension 8 of the matrix" in first
    assert "Dimension 1 of the matrix" in pages[1].extract_text() and "Evidence" in pages[1].extract_text()


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = {"summary"}
    names = [exports._sheet_name(1, "Purpose: why [we] exist / what for?", taken) for _ in range(3)]

    assert names[0].startswith("1 Purpose  why  we  exist")
    assert len(set(names)) == 3
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)


def test_the_csv_parses_with_one_row_per_dimension(named_round: SimpleNamespace) -> None:
    rows = list(csv.DictReader(io.StringIO(exports.results_csv(_results(named_round.round)))))

    assert len(rows) == 4
    assert rows[0]["Dimension"] == "Dimension 1 of the matrix"
    assert rows[0]["Median"] == "1.5"
    assert rows[0]["Target date"] == "2030-03-31"
    assert rows[1]["Agreed"] == exports.NOT_YET_AGREED


def test_the_pdf_is_a_pdf(named_round: SimpleNamespace) -> None:
    content = exports.results_pdf(_results(named_round.round), None)

    assert content.startswith(b"%PDF")
    for person in named_round.people:
        assert person.email.encode() not in content


def test_a_survey_workbook_has_no_raw_answers(world: SimpleNamespace) -> None:
    version = build_version(dimensions=3, kind=FrameworkKind.SURVEY)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 4, 4]] * 5, evidence="Good meetings")

    book = load_workbook(io.BytesIO(exports.results_xlsx(_results(round_))))

    assert book.sheetnames == ["Summary", "Comments"]
    assert exports.results_pdf(_results(round_), None).startswith(b"%PDF")


def test_a_small_survey_exports_no_figures(world: SimpleNamespace) -> None:
    version = build_version(dimensions=3, kind=FrameworkKind.SURVEY)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 2, 5]] * 4, evidence="A comment")

    content = exports.results_xlsx(_results(round_))

    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Summary"]
    assert "A comment" not in _all_text(content)
    rows = list(csv.DictReader(io.StringIO(exports.results_csv(_results(round_)))))
    assert [row["Median"] for row in rows] == ["", "", ""]


@pytest.mark.parametrize(
    ("suffix", "content_type", "magic"),
    [
        ("results.xlsx", exports.XLSX_CONTENT_TYPE, b"PK"),
        ("results.csv", "text/csv; charset=utf-8", "\ufeffNumber".encode()),
        ("results.pdf", "application/pdf", b"%PDF"),
    ],
)
def test_downloads_are_attachments_for_members(
    named_round: SimpleNamespace, world: SimpleNamespace, client: Client, suffix: str, content_type: str, magic: bytes
) -> None:
    client.force_login(world.member)

    response = client.get(f"/rounds/{named_round.round.pk}/{suffix}")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(magic)


@pytest.mark.parametrize("suffix", ["results.xlsx", "results.csv", "results.pdf"])
def test_downloads_are_404_for_outsiders(
    named_round: SimpleNamespace, world: SimpleNamespace, client: Client, suffix: str
) -> None:
    client.force_login(world.outsider)

    assert client.get(f"/rounds/{named_round.round.pk}/{suffix}").status_code == 404


def test_the_chart_shows_targets_and_the_agreed_level(named_round: SimpleNamespace) -> None:
    results = _results(named_round.round)

    names = [s.name for s in exports.radar_series(results)]

    assert names == ["Median rating, this round", "Agreed level", "Target"]
    chart: Any = exports.results_chart(results)
    assert chart is not None and chart.count("wf-radar__series ") == 3


def test_counts_in_the_workbook_and_the_printed_summary_agree_with_their_number(world: SimpleNamespace) -> None:
    round_ = build_round(world.restricted, build_version(dimensions=2))
    add_raters(round_, [[1, 2]])
    results = _results(round_)
    context: dict[str, Any] = {"results": results, "chart": None, "legend": [], "number": exports.number}
    assert "1 of 1 invited rater gave ratings" in _all_text(exports.results_xlsx(results))
    assert "1 of 1 invited rater gave ratings" in render_to_string("assessments/results/print.jinja", context)

    survey = build_round(world.restricted, build_version(dimensions=2, kind=FrameworkKind.SURVEY))
    add_raters(survey, [[1, 2]])
    results = _results(survey)
    context = {"results": results, "chart": None, "legend": [], "number": exports.number}
    assert "1 person answered." in _all_text(exports.results_xlsx(results))
    assert "1 of 1 person invited answered." in render_to_string("assessments/results/print.jinja", context)


def test_levels_named_by_their_number_are_labelled_once_in_every_download(world: SimpleNamespace) -> None:
    version = build_version(dimensions=2)
    version.levels.filter(position=3).update(name="Three")
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[3, 2], [3, 2]])
    Consensus.objects.create(round=round_, dimension=dimension(version, 1), level=level(version, 3))
    results = _results(round_)
    book = _all_text(exports.results_xlsx(results))
    assert "Level 3\n" in book + "\n" and "Level 2: Emerging" in book
    assert "3 Three" not in book and "Level 3: Three" not in book
    html = render_to_string(
        "assessments/results/print.jinja", {"results": results, "chart": None, "legend": [], "number": exports.number}
    )
    assert "Level 3" in html and "3 Three" not in html and "Level 3: Three" not in html
