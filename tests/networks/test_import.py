"""Importing the hierarchy from CSV: reading and checking rows, the service, the command and the admin page."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.networks.imports import MAX_FILE_BYTES, ImportReport, Plan, check_file, hierarchy_import
from wayfinder.networks.management.commands.import_hierarchy import Command
from wayfinder.networks.models import (
    AppointmentRole,
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

EXAMPLES = Path(settings.BASE_DIR) / "docs" / "examples" / "hierarchy"
NETWORK_HEADER = "code,name,slug,is_pcn,type,stage,privacy,population,system_code,place_code,description"
URL = "/networks/import/"


def csv_file(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def run(kind: str, *lines: str, dry_run: bool = False) -> ImportReport:
    return hierarchy_import(kind=kind, file=csv_file(*lines), dry_run=dry_run)


def problems(report: ImportReport) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.column, p.message) for p in report.sorted_problems()]


def only_problem(report: ImportReport) -> tuple[int | None, str, str]:
    found = problems(report)
    assert len(found) == 1, found
    return found[0]


def import_example(kind: str) -> ImportReport:
    report = hierarchy_import(kind=kind, file=(EXAMPLES / f"{kind}.csv").read_bytes(), dry_run=False)
    assert report.ok, problems(report)
    return report


@pytest.fixture
def hierarchy(db: Any) -> SimpleNamespace:
    region = f.RegionFactory(code="Y01", name="North")
    system = f.SystemFactory(code="QA1", name="Riverside ICS", region=region)
    other_system = f.SystemFactory(code="QB1", name="Hillside ICS", region=region)
    place = f.PlaceFactory(code="PL1", name="Riverside East", system=system)
    return SimpleNamespace(region=region, system=system, other_system=other_system, place=place)


# Each kind of file -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_example_files_import_in_order_and_build_the_whole_hierarchy() -> None:
    assert len(import_example("regions").created) == 2
    assert len(import_example("systems").created) == 3
    assert len(import_example("places").created) == 4
    assert len(import_example("networks").created) == 5
    assert len(import_example("organisations").created) == 7

    central = Network.objects.select_related("system__region", "place").get(code="U90001")
    assert central.system is not None and central.place is not None
    assert (central.is_pcn, central.system.code, central.system.region.code) == (True, "QZ1", "Y90")
    assert (central.place.code, central.slug, central.population) == ("PZ101", "riverbend-central-pcn", 48000)
    assert central.organisations.count() == 3
    harbour = Network.objects.get(code="U90002")
    assert (harbour.slug, harbour.network_type, harbour.stage, harbour.population) == (
        "riverbend-harbour",
        NetworkType.DELIVERY,
        Stage.EMERGING,
        31500,
    )
    circle = Network.objects.get(slug="riverbend-frailty-learning-circle")
    assert (circle.code, circle.is_pcn, circle.network_type) == (None, False, NetworkType.LEARNING)
    assert Organisation.objects.get(code="ZZ902").network is None


def test_a_regions_file_creates_regions(db: Any) -> None:
    report = run("regions", "code,name", "Y01,North", "y02, South West ")
    assert report.saved
    assert [(c.line, c.label) for c in report.created] == [(2, "North (Y01)"), (3, "South West (Y02)")]
    assert list(Region.objects.order_by("code").values_list("code", "name")) == [
        ("Y01", "North"),
        ("Y02", "South West"),
    ]


def test_a_systems_file_puts_each_system_in_its_region(db: Any) -> None:
    region = f.RegionFactory(code="Y01")
    report = run("systems", "code,name,region_code", "QA1,Riverside ICS,Y01")
    assert report.saved
    assert System.objects.get(code="QA1").region == region


def test_a_places_file_puts_each_place_in_its_system(hierarchy: SimpleNamespace) -> None:
    report = run("places", "name,system_code,code", "Riverside West,QA1,PL2")
    assert report.saved
    assert Place.objects.get(code="PL2").system == hierarchy.system


def test_a_networks_file_accepts_choice_values_or_labels_in_any_case(hierarchy: SimpleNamespace) -> None:
    report = run(
        "networks",
        NETWORK_HEADER,
        "U00001,Riverside PCN,,Yes,DELIVERY,Pre-emergent,open,12000,QA1,PL1,Practices by the river",
        ",Quality Circle,qi,no,learning network or community of practice,dormant,CONFIDENTIAL,,,,",
    )
    assert report.saved
    pcn = Network.objects.get(code="U00001")
    assert (pcn.slug, pcn.stage, pcn.privacy, pcn.system, pcn.place) == (
        "riverside-pcn",
        Stage.PRE_EMERGENT,
        Privacy.OPEN,
        hierarchy.system,
        hierarchy.place,
    )
    circle = Network.objects.get(slug="qi")
    assert (circle.network_type, circle.privacy, circle.system, circle.description) == (
        NetworkType.LEARNING,
        Privacy.CONFIDENTIAL,
        None,
        "",
    )


def test_optional_network_columns_may_be_left_out_and_new_networks_get_the_defaults(
    hierarchy: SimpleNamespace,
) -> None:
    report = run("networks", "name,is_pcn", "Walking Group,no")
    assert report.saved
    network = Network.objects.get(slug="walking-group")
    assert (network.network_type, network.stage, network.privacy) == (
        NetworkType.DELIVERY,
        Stage.EMERGING,
        Privacy.PRIVATE,
    )


def test_a_new_network_gets_a_slug_no_other_network_has(hierarchy: SimpleNamespace) -> None:
    f.NetworkFactory(name="Riverside PCN", slug="riverside-pcn")
    report = run(
        "networks",
        "code,name,is_pcn,system_code",
        "U00001,Riverside PCN,yes,QA1",
        "U00002,Riverside PCN,yes,QA1",
    )
    assert report.saved
    assert Network.objects.get(code="U00001").slug == "riverside-pcn-2"
    assert Network.objects.get(code="U00002").slug == "riverside-pcn-3"


def test_an_organisations_file_links_members_to_their_network(hierarchy: SimpleNamespace) -> None:
    pcn = f.NetworkFactory(code="U00001", is_pcn=True, system=hierarchy.system)
    report = run(
        "organisations",
        "code,name,kind,network_code",
        "A81001,Bridge Street Surgery,gp_practice,U00001",
        "RX1,Valley Council,Local authority,",
    )
    assert report.saved
    assert Organisation.objects.get(code="A81001").network == pcn
    council = Organisation.objects.get(code="RX1")
    assert (council.kind, council.network) == (OrganisationKind.LOCAL_AUTHORITY, None)


def test_a_file_with_a_byte_order_mark_and_windows_line_ends_is_read(db: Any) -> None:
    report = hierarchy_import(kind="regions", file=b"\xef\xbb\xbfcode,name\r\nY01,North\r\n", dry_run=False)
    assert report.saved
    assert Region.objects.get().code == "Y01"


def test_a_text_stream_can_be_imported(db: Any) -> None:
    report = hierarchy_import(kind="regions", file=io.StringIO("code,name\nY01,North\n"), dry_run=False)
    assert report.saved
    assert Region.objects.filter(code="Y01").exists()


# Dry runs, bad rows, re-imports and updates -------------------------------------------------------------------


def test_a_dry_run_reports_what_would_change_and_saves_nothing(db: Any) -> None:
    f.RegionFactory(code="Y01", name="North")
    f.RegionFactory(code="Y02", name="South")
    report = run("regions", "code,name", "Y01,North", "Y02,South West", "Y03,East", dry_run=True)
    assert report.ok and not report.saved
    assert [c.line for c in report.created] == [4]
    assert [(c.line, c.columns) for c in report.updated] == [(3, ("name",))]
    assert [c.line for c in report.unchanged] == [2]
    assert list(Region.objects.order_by("code").values_list("name", flat=True)) == ["North", "South"]


def test_one_bad_row_means_nothing_is_saved_and_the_line_and_reason_are_reported(db: Any) -> None:
    f.RegionFactory(code="Y01", name="North")
    report = run("regions", "code,name", "Y01,North East", "Y02,South", "Y03,", "Y04,West")
    assert not report.ok and not report.saved
    assert only_problem(report) == (4, "name", "The name is missing.")
    assert (report.created, report.updated, report.unchanged) == ([], [], [])
    assert list(Region.objects.values_list("code", "name")) == [("Y01", "North")]


def test_importing_the_same_file_again_changes_nothing(hierarchy: SimpleNamespace) -> None:
    import_example("regions")
    import_example("systems")
    import_example("places")
    first = import_example("networks")
    before = dict(Network.objects.values_list("pk", "updated_at"))
    again = import_example("networks")
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, len(first.created))
    assert dict(Network.objects.values_list("pk", "updated_at")) == before
    for kind in ("regions", "systems", "places"):
        report = import_example(kind)
        assert report.created == report.updated == []


def test_a_changed_row_is_updated_and_only_that_row(hierarchy: SimpleNamespace) -> None:
    run("systems", "code,name,region_code", "QC1,Coast ICS,Y01", "QD1,Dale ICS,Y01")
    untouched = System.objects.get(code="QD1").updated_at
    other_region = f.RegionFactory(code="Y02")
    report = run("systems", "code,name,region_code", "QC1,Coastal ICS,Y02", "QD1,Dale ICS,Y01")
    assert [(c.line, c.columns) for c in report.updated] == [(2, ("name", "region_code"))]
    coast = System.objects.get(code="QC1")
    assert (coast.name, coast.region) == ("Coastal ICS", other_region)
    assert System.objects.get(code="QD1").updated_at == untouched


def test_a_network_without_a_code_is_matched_by_its_slug(hierarchy: SimpleNamespace) -> None:
    f.NetworkFactory(name="Quality Circle", slug="quality-circle", privacy=Privacy.OPEN)
    report = run("networks", "name,is_pcn,privacy", "Quality Circle,no,restricted")
    assert [c.columns for c in report.updated] == [("privacy",)]
    assert Network.objects.get(slug="quality-circle").privacy == Privacy.RESTRICTED
    assert Network.objects.count() == 1


def test_a_blank_optional_cell_keeps_what_the_network_has(hierarchy: SimpleNamespace) -> None:
    f.NetworkFactory(
        name="Riverside PCN",
        code="U00001",
        is_pcn=True,
        system=hierarchy.system,
        place=hierarchy.place,
        privacy=Privacy.CONFIDENTIAL,
        population=5000,
        description="Kept",
    )
    report = run("networks", NETWORK_HEADER, "U00001,Riverside PCN,,yes,,,,,QA1,,")
    assert len(report.unchanged) == 1, problems(report)
    pcn = Network.objects.get(code="U00001")
    assert (pcn.privacy, pcn.population, pcn.place, pcn.description) == (
        Privacy.CONFIDENTIAL,
        5000,
        hierarchy.place,
        "Kept",
    )


def test_a_row_with_a_new_code_takes_over_the_network_with_its_slug_and_no_code(hierarchy: SimpleNamespace) -> None:
    f.NetworkFactory(name="Riverside PCN", slug="riverside-pcn", code=None, system=hierarchy.system)
    report = run("networks", "code,name,slug,is_pcn,system_code", "U00009,Riverside PCN,riverside-pcn,yes,QA1")
    assert [c.columns for c in report.updated] == [("is_pcn", "code")]
    network = Network.objects.get(slug="riverside-pcn")
    assert (network.code, network.is_pcn) == ("U00009", True)


def test_an_unknown_kind_of_file_is_refused(db: Any) -> None:
    with pytest.raises(ValidationError, match="is not something we can import"):
        hierarchy_import(kind="hospitals", file=b"code,name\n", dry_run=True)


def test_a_clash_with_someone_saving_at_the_same_time_saves_nothing(db: Any) -> None:
    with mock.patch.object(Plan, "save", side_effect=IntegrityError("UNIQUE constraint failed")):
        report = run("regions", "code,name", "Y01,North")
    assert only_problem(report)[2].startswith("Someone else changed the same rows at the same time.")
    assert report.created == []
    assert not Region.objects.exists()


# Problems with rows ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "header", "row", "column", "reason"),
    [
        ("regions", "code,name", ",North", "code", "The code is missing."),
        ("regions", "code,name", "Y-1,North", "code", '"Y-1" is not a code of the right shape.'),
        ("regions", "code,name", "Y01," + "x" * 201, "name", "The name is longer than 200 characters."),
        ("regions", "code,name", "Y01,North,extra", "", "This row has 3 values but the header has 2 columns."),
        ("regions", "code,name", "Y01", "", "This row has 1 value but the header has 2 columns."),
        ("systems", "code,name,region_code", "QZ1,Riverside,Y99", "region_code", 'No region has the code "Y99".'),
        ("places", "code,name,system_code", "PL9,East,QZ9", "system_code", 'No system has the code "QZ9".'),
        ("networks", NETWORK_HEADER, "U00001,R PCN,,yes,,,,12.5,QA1,,", "population", "must be a whole number"),
        ("networks", NETWORK_HEADER, "U00001,R PCN,,yes,,,,-3,QA1,,", "population", "must be a whole number"),
        ("networks", NETWORK_HEADER, "U00001,R PCN,,yes,,,,,,,", "system_code", "must belong to a system"),
        ("networks", NETWORK_HEADER, ",R PCN,,yes,,,,,QA1,,", "code", "must have its ODS code"),
        ("networks", NETWORK_HEADER, "X12345,R PCN,,yes,,,,,QA1,,", "code", "U and five digits"),
        ("networks", NETWORK_HEADER, ",Circle,,maybe,,,,,,,", "is_pcn", 'is_pcn must be yes or no, not "maybe".'),
        ("networks", NETWORK_HEADER, ",Circle,,no,social club,,,,,,", "type", '"social club" is not a type'),
        ("networks", NETWORK_HEADER, ",Circle,,no,,,secret,,,,", "privacy", "Use one of: open, restricted"),
        ("networks", NETWORK_HEADER, ",Circle,Bad Slug!,no,,,,,,,", "slug", "cannot be used as a slug"),
        ("networks", NETWORK_HEADER, ",Circle,,no,,,,,QZ9,,", "system_code", 'No system has the code "QZ9".'),
        ("networks", NETWORK_HEADER, ",Circle,,no,,,,,,PL1,", "system_code", "Fill in the system_code as well"),
        ("networks", NETWORK_HEADER, ",Circle,,no,,,,,QB1,PL1,", "place_code", 'is not in the system "QB1"'),
        ("networks", NETWORK_HEADER, ",Circle,,no,,,,,QA1,PL9,", "place_code", 'No place has the code "PL9".'),
        ("organisations", "code,name,kind,network_code", "A8100,Surgery,gp_practice,", "code", "a letter and five"),
        ("organisations", "code,name,kind,network_code", "A81001,Surgery,clinic,", "kind", '"clinic" is not a kind'),
        ("organisations", "code,name,kind,network_code", "A81001,Surgery,gp_practice,U99999", "network_code", "U99999"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_column_and_reason(
    hierarchy: SimpleNamespace, kind: str, header: str, row: str, column: str, reason: str
) -> None:
    before = {model: model.objects.count() for model in (Region, System, Place, Network, Organisation)}
    report = run(kind, header, row)
    line, found_column, message = only_problem(report)
    assert (line, found_column) == (2, column)
    assert reason in message
    assert {model: model.objects.count() for model in before} == before


def test_a_code_used_twice_in_one_file_is_reported_on_the_second_line(db: Any) -> None:
    report = run("regions", "code,name", "Y01,North", "Y02,South", "y01,East")
    assert only_problem(report) == (4, "code", 'The code "Y01" is already used on line 2.')
    assert not Region.objects.exists()


def test_two_networks_without_codes_and_the_same_name_are_reported(hierarchy: SimpleNamespace) -> None:
    report = run("networks", "name,is_pcn", "Walking Group,no", "Walking group,no")
    assert only_problem(report) == (3, "slug", 'The slug "walking-group" is already used on line 2.')


def test_a_row_without_a_code_cannot_take_the_slug_of_a_network_with_one(hierarchy: SimpleNamespace) -> None:
    f.NetworkFactory(name="Riverside PCN", slug="riverside-pcn", code="U00001", is_pcn=True, system=hierarchy.system)
    report = run("networks", "name,is_pcn", "Riverside PCN,no")
    line, column, message = only_problem(report)
    assert (line, column) == (2, "name")
    assert "put U00001 in the code column" in message


def test_line_numbers_count_the_lines_a_quoted_value_spreads_over(hierarchy: SimpleNamespace) -> None:
    report = run("networks", "name,is_pcn,description", 'Circle,no,"first line', 'second line"', "Walkers,maybe,")
    assert only_problem(report)[:2] == (4, "is_pcn")


def test_every_bad_row_is_reported_in_one_go(db: Any) -> None:
    report = run("systems", "code,name,region_code", "QA1,,Y01", "QB1,Hills,Y99", "Q C,Coast,Y01")
    assert [(line, column) for line, column, _ in problems(report)] == [
        (2, "name"),
        (3, "region_code"),
        (4, "code"),
    ]


# Problems with the header and the file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "column", "reason"),
    [
        ("code", "name", 'The header has no "name" column. A regions file needs: code, name.'),
        ("code,name,colour", "colour", 'The column "colour" is not one we know. A regions file has: code, name.'),
        ("code,name,Code", "code", 'The header has the column "code" more than once.'),
    ],
)
def test_a_bad_header_is_reported_on_line_1(db: Any, header: str, column: str, reason: str) -> None:
    report = run("regions", header, "Y01,North,x")
    assert only_problem(report) == (1, column, reason)
    assert not Region.objects.exists()


def test_header_names_ignore_case_and_spaces(hierarchy: SimpleNamespace) -> None:
    report = run("systems", "Code, Name ,Region Code", "QC1,Coast,Y01")
    assert report.saved


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "The file is empty."),
        (b"code,name\n", "The file has a header but no rows under it."),
        (b"code;name\nY01;North\n", "Separate the columns with commas, not semicolons or tabs."),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "The file is not a CSV file."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not a CSV file."),
        ("code,name\nY01,Nörth\n".encode("utf-16"), "The file is not saved as UTF-8 text."),
        ("code,name\nY01,Nörth\n".encode("latin-1"), "The file is not saved as UTF-8 text."),
        (b'code,name\nY01,"North\n', "This line is not valid CSV."),
        (b"code,name\n" + b"Y01,North\n" * (MAX_FILE_BYTES // 10 + 1), "The file is bigger than 5 MB."),
    ],
)
def test_a_file_that_cannot_be_read_is_reported_clearly(db: Any, content: bytes, reason: str) -> None:
    report = hierarchy_import(kind="regions", file=content, dry_run=False)
    assert not report.ok
    assert reason in report.problems[0].message
    assert not Region.objects.exists()


def test_the_line_with_a_character_that_is_not_utf8_is_named(db: Any) -> None:
    report = hierarchy_import(kind="regions", file=b"code,name\nY01,North\nY02,S\xe9\n", dry_run=False)
    assert only_problem(report)[0] == 3


@given(
    names=st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).map(str.strip).filter(bool),
        min_size=1,
        max_size=8,
    )
)
def test_any_names_a_spreadsheet_writes_are_read_back_as_written(names: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["code", "name"])
    writer.writerows([f"Y{n:02d}", name] for n, name in enumerate(names))
    records, found = check_file(buffer.getvalue().encode(), kind="regions")
    assert found == []
    assert [record.name for record in records] == names  # type: ignore[union-attr]


# Query counts ------------------------------------------------------------------------------------------------


def organisations_file(rows: int) -> bytes:
    lines = ["code,name,kind,network_code"]
    lines += [f"Z{n:05d},Practice {n},gp_practice,U00001" for n in range(rows)]
    return csv_file(*lines)


def networks_file(rows: int) -> bytes:
    lines = [NETWORK_HEADER]
    lines += [f"U{n:05d},Network {n},,yes,delivery,emerging,open,{n},QA1,PL1,About {n}" for n in range(1, rows + 1)]
    return csv_file(*lines)


def count_queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


@pytest.mark.parametrize("make_file", [organisations_file, networks_file])
def test_checking_10_or_500_rows_costs_the_same_number_of_queries(
    hierarchy: SimpleNamespace, make_file: Callable[[int], bytes]
) -> None:
    f.NetworkFactory(code="U00001", is_pcn=True, system=hierarchy.system)
    kind = "organisations" if make_file is organisations_file else "networks"
    small = count_queries(lambda: hierarchy_import(kind=kind, file=make_file(10), dry_run=True))
    large = count_queries(lambda: hierarchy_import(kind=kind, file=make_file(500), dry_run=True))
    assert small == large


@pytest.mark.parametrize("rows", [10, 500])
@pytest.mark.parametrize("make_file", [organisations_file, networks_file])
def test_an_import_costs_a_bounded_number_of_queries(
    hierarchy: SimpleNamespace,
    django_assert_max_num_queries: Any,
    make_file: Callable[[int], bytes],
    rows: int,
) -> None:
    f.NetworkFactory(code="U00001", is_pcn=True, system=hierarchy.system)
    kind = "organisations" if make_file is organisations_file else "networks"
    # Saving goes in batches, never one query a row. SQLite takes at most 999 values a statement, so 500
    # new networks take 8 inserts there; other databases take them in one. Then the caches of drawn pages are
    # told which networks' pages and whose home pages changed (networks.caching): a few queries more.
    with django_assert_max_num_queries(24):
        report = hierarchy_import(kind=kind, file=make_file(rows), dry_run=False)
    assert report.saved
    with django_assert_max_num_queries(20):
        again = hierarchy_import(kind=kind, file=make_file(rows), dry_run=False)
    assert len(again.unchanged) == rows


def test_ten_thousand_rows_import_without_a_query_a_row(hierarchy: SimpleNamespace) -> None:
    f.NetworkFactory(code="U00001", is_pcn=True, system=hierarchy.system)
    data = organisations_file(10_000)
    queries = count_queries(lambda: hierarchy_import(kind="organisations", file=data, dry_run=False))
    assert Organisation.objects.count() == 10_000
    assert queries < 100
    changed = data.replace(b"Practice 9999,", b"Practice 9999 (renamed),")
    report = hierarchy_import(kind="organisations", file=changed, dry_run=False)
    assert (len(report.updated), len(report.unchanged)) == (1, 9_999)


# The command -------------------------------------------------------------------------------------------------


def test_the_command_imports_a_file_and_prints_the_counts(db: Any, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_hierarchy", "regions", str(EXAMPLES / "regions.csv"), stdout=out, stderr=err)
    assert "2 created, 0 updated, 0 unchanged" in out.getvalue()
    assert Region.objects.count() == 2


def test_the_command_dry_run_saves_nothing(db: Any) -> None:
    out = io.StringIO()
    call_command("import_hierarchy", "regions", str(EXAMPLES / "regions.csv"), "--dry-run", stdout=out)
    assert "would create 2, update 0 and leave 0 unchanged. Nothing was saved" in out.getvalue()
    assert not Region.objects.exists()


@pytest.fixture
def keep_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_from_argv closes every database connection when the command ends, as a real process would; the test
    still needs its connection (PostgreSQL then reports it closed), so keep it open."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


def test_the_command_exits_with_status_1_and_lists_the_problems(
    db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], keep_test_connection: None
) -> None:
    path = tmp_path / "systems.csv"
    path.write_text("code,name,region_code\nQA1,Riverside,Y99\n")
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "import_hierarchy", "systems", str(path)])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert 'Line 2, region_code: No region has the code "Y99".' in err
    assert "has 1 problem, so nothing was saved" in err
    assert not System.objects.exists()


def test_the_command_explains_a_missing_file(
    db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], keep_test_connection: None
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "import_hierarchy", "regions", str(tmp_path / "nope.csv")])
    assert exit_info.value.code == 1
    assert "Could not read" in capsys.readouterr().err


# The page ----------------------------------------------------------------------------------------------------


def upload(client: Client, kind: str, content: bytes, *, dry_run: bool, name: str = "file.csv") -> Any:
    data: dict[str, Any] = {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(URL, data)


@pytest.fixture
def site_admin(world: SimpleNamespace) -> Any:
    user = f.UserFactory(email="site-admin@example.org")
    f.AppointmentFactory(user=user, role=AppointmentRole.SITE_ADMIN)
    return user


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("admin", 200),
        ("site_admin", 200),
        ("national", 404),
        ("regional_lead", 404),
        ("system_lead", 404),
        ("lead", 404),
        ("member", 404),
        ("outsider", 404),
    ],
)
def test_only_site_admins_can_open_the_page(
    client: Client, world: SimpleNamespace, site_admin: Any, person: str, status: int
) -> None:
    user = site_admin if person == "site_admin" else getattr(world, person)
    sign_in(client, user)
    assert client.get(URL).status_code == status
    assert upload(client, "regions", csv_file("code,name", "Y77,East"), dry_run=False).status_code == status
    assert Region.objects.filter(code="Y77").exists() == (status == 200)


def test_someone_signed_out_is_sent_to_sign_in(client: Client, db: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{settings.LOGIN_URL}?next=")


def test_the_page_shows_the_form_with_the_check_ticked(client: Client, world: SimpleNamespace) -> None:
    response = sign_in(client, world.admin).get(URL)
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="radio"' in html and 'value="organisations"' in html
    assert 'type="file"' in html
    assert 'name="dry_run" type="checkbox" value="on" checked' in html
    assert "<script>" not in html and "style=" not in html
    assert 'href="/networks/import/" aria-current="page"' in html


def test_a_site_admin_checks_then_saves_a_file(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.admin)
    content = (EXAMPLES / "regions.csv").read_bytes()
    checked = upload(client, "regions", content, dry_run=True)
    assert checked.status_code == 200
    html = checked.content.decode()
    assert "The file has no problems" in html
    assert "Nothing has been saved yet" in html
    assert "Rows that would be created (2)" in html
    assert "Line 2: Northmoor (Y90)" in html
    assert not Region.objects.filter(code__in=["Y90", "Y91"]).exists()

    saved = upload(client, "regions", content, dry_run=False)
    html = saved.content.decode()
    assert "The regions file has been imported" in html
    assert Region.objects.filter(code__in=["Y90", "Y91"]).count() == 2
    # The next upload is checked first unless the admin unticks the box again.
    assert 'name="dry_run" type="checkbox" value="on" checked' in html


def test_the_page_lists_each_problem_with_its_line_column_and_reason(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.admin)
    response = upload(client, "systems", csv_file("code,name,region_code", "QZ1,Riverside,Y99"), dry_run=False)
    html = response.content.decode()
    assert "There is a problem with the file" in html
    assert "nhsuk-error-summary" in html
    assert 'href="#problem-1"' in html and 'id="problem-1"' in html
    assert "Line 2: No region has the code &#34;Y99&#34;." in html
    assert '<td class="nhsuk-table__cell">region_code</td>' in html
    assert html.count("<title>Error: ") == 1
    assert not System.objects.filter(code="QZ1").exists()


def test_the_page_counts_problems_in_agreement_with_their_number(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.admin)
    html = upload(client, "systems", csv_file("code,name,region_code", "QZ1,Riverside,Y99"), dry_run=True).content
    assert "1 problem in the file" in html.decode()
    rows = [f"QZ{n},Riverside {n},Y99" for n in range(11)]
    html = upload(client, "systems", csv_file("code,name,region_code", *rows), dry_run=True).content
    assert "11 problems in the file" in html.decode()
    assert "And 1 more problem in the table below" in html.decode()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("hierarchy.xlsx", b"PK\x03\x04\x00\x00", "The file must be a CSV file."),
        ("regions.csv", b"\x00\x01\x02binary", "The file is not a CSV file."),
    ],
)
def test_an_upload_that_is_not_csv_gets_a_clear_message(
    client: Client, world: SimpleNamespace, name: str, content: bytes, reason: str
) -> None:
    sign_in(client, world.admin)
    response = upload(client, "regions", content, dry_run=False, name=name)
    assert response.status_code == 200
    assert reason in response.content.decode()


def test_an_upload_over_5_mb_is_refused(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.admin)
    content = b"code,name\n" + b"Y01,North\n" * (MAX_FILE_BYTES // 10 + 1)
    response = upload(client, "regions", content, dry_run=False)
    assert "The file must be 5 MB or smaller." in response.content.decode()
    assert not Region.objects.filter(code="Y01", name="North").exclude(pk=world.region.pk).exists()


def test_the_form_asks_for_what_is_missing(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.admin)
    html = client.post(URL, {"dry_run": "on"}).content.decode()
    assert "Choose what the file holds" in html
    assert "Choose a CSV file to upload" in html


def test_checking_a_file_on_the_page_costs_the_same_for_10_or_500_rows(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.admin)
    f.PlaceFactory(code="PL1", system=world.system_a)
    assert client.get(URL).status_code == 200  # what the shared cache keeps about the person is read once
    small = count_queries(lambda: upload(client, "networks", networks_file(10), dry_run=True))
    large = count_queries(lambda: upload(client, "networks", networks_file(500), dry_run=True))
    assert small == large


@pytest.mark.parametrize("rows", [10, 500])
def test_the_page_costs_a_bounded_number_of_queries(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: Any, rows: int
) -> None:
    sign_in(client, world.admin)
    f.PlaceFactory(code="PL1", system=world.system_a)
    content = networks_file(rows)
    with django_assert_max_num_queries(30):
        response = upload(client, "networks", content, dry_run=False)
    assert "The networks file has been imported" in response.content.decode()
    # U00001 is the world's open PCN, so the file updates it and creates the others.
    assert Network.objects.filter(code__startswith="U").count() == rows
