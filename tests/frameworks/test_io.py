"""Frameworks in and out as JSON and xlsx: round trips, every problem reported where it is, nothing saved."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from tests.frameworks.test_tailoring import build_framework, content, sign_in
from wayfinder.core.tabular import MAX_FILE_BYTES
from wayfinder.frameworks import io as framework_io
from wayfinder.frameworks import queries
from wayfinder.frameworks.io import (
    FORMAT,
    ImportProblems,
    framework_import_json,
    framework_import_xlsx,
    version_to_json,
    version_to_xlsx,
)
from wayfinder.frameworks.models import Descriptor, Framework, FrameworkVersion, Level, VersionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(world: SimpleNamespace) -> FrameworkVersion:
    """A published matrix with two perspectives and text that spreadsheets like to mangle."""
    version = build_framework(name="Care Maturity Matrix", slug="care-maturity-matrix")
    tricky = Descriptor.objects.filter(dimension__version=version).order_by("pk")
    first, second, third = tricky[0], tricky[1], tricky[2]
    first.text = "=SUM(A1:A2) is what we do not want worked out"
    second.text = "Two lines:\nthe second one – with a dash, “quotes” and an apostrophe's"
    third.text = "0001"  # numbers written as text keep their zeros
    Descriptor.objects.bulk_update([first, second, third], ["text"])
    Level.objects.filter(version=version, position=3).update(summary="")
    return version


def workbook_bytes(version: FrameworkVersion, change: Callable[[openpyxl.Workbook], None] | None = None) -> bytes:
    """The exported workbook, changed the way a person might change it in Excel."""
    workbook = openpyxl.load_workbook(io.BytesIO(version_to_xlsx(version)))
    if change is not None:
        change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems_of(error: pytest.ExceptionInfo[ImportProblems]) -> list[tuple[str, int | None, str, str]]:
    return [(p.sheet, p.row, p.column, p.message) for p in error.value.problems]


# Round trips ---------------------------------------------------------------------------------------------------


def test_json_round_trip_keeps_everything(world: SimpleNamespace, version: FrameworkVersion) -> None:
    data = version_to_json(version)
    assert data["format"] == FORMAT and data["format_version"] == 1
    encoded = json.dumps(data).encode()
    imported = framework_import_json(data=encoded, user=world.system_lead, system=world.system_a)
    assert imported.status == VersionStatus.DRAFT
    assert imported.framework.owner_system == world.system_a
    assert imported.framework.name == "Care Maturity Matrix"
    assert imported.framework.slug == "care-maturity-matrix-2"
    assert content(imported) == content(version)
    assert version_to_json(imported)["framework"]["name"] == data["framework"]["name"]


def test_xlsx_round_trip_keeps_everything(world: SimpleNamespace, version: FrameworkVersion) -> None:
    imported = framework_import_xlsx(
        file=io.BytesIO(version_to_xlsx(version)), user=world.national, system=None, name="Our copy"
    )
    assert imported.framework.name == "Our copy"
    assert imported.framework.owner_system is None
    assert content(imported) == content(version)
    # And once more: a file exported from the import is the same again.
    again = framework_import_xlsx(file=version_to_xlsx(imported), user=world.national, system=None)
    assert content(again) == content(version)


def test_a_framework_with_no_perspectives_round_trips(world: SimpleNamespace) -> None:
    plain = build_framework(name="Plain", perspectives=())
    from_xlsx = framework_import_xlsx(file=version_to_xlsx(plain), user=world.national, system=None)
    from_json = framework_import_json(data=version_to_json(plain), user=world.national, system=None)
    assert content(from_xlsx) == content(plain) == content(from_json)
    assert version_to_json(plain)["framework"]["perspectives"] == []


def test_the_exported_xlsx_opens_with_openpyxl_as_documented(version: FrameworkVersion) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(version_to_xlsx(version)))
    assert workbook.sheetnames == ["Read me", "Framework", "Levels", "Dimensions", "Descriptors"]
    framework_rows = list(workbook["Framework"].iter_rows(values_only=True))
    assert framework_rows[0] == ("Field", "Value")
    assert dict(framework_rows[1:])["perspectives"] == "network, system"
    assert dict(framework_rows[1:])["kind"] == "matrix"
    assert next(workbook["Levels"].iter_rows(values_only=True)) == ("Position", "Name", "Summary")
    assert next(workbook["Dimensions"].iter_rows(values_only=True)) == ("Position", "Key", "Name", "Group", "Summary")
    descriptors = list(workbook["Descriptors"].iter_rows(values_only=True))
    assert descriptors[0][:4] == ("Dimension key", "Level position", "Perspective", "Text")
    assert len(descriptors) == 1 + 2 * 3 * 2
    # Text that looks like a formula is stored as text.
    formula_like = [cell for cell in workbook["Descriptors"]["D"] if str(cell.value).startswith("=")]
    assert formula_like and all(cell.data_type == "s" for cell in formula_like)


def test_the_export_pages_give_files_to_download(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    sign_in(client, world.member)
    response = client.get(reverse("frameworks:export-xlsx", kwargs={"slug": "care-maturity-matrix", "number": 1}))
    assert response.status_code == 200
    assert response["Content-Type"] == framework_io.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="care-maturity-matrix-version-1.xlsx"'
    openpyxl.load_workbook(io.BytesIO(response.content))
    response = client.get(reverse("frameworks:export-json", kwargs={"slug": "care-maturity-matrix", "number": 1}))
    assert response.status_code == 200
    assert json.loads(response.content) == json.loads(json.dumps(version_to_json(version)))
    assert client.get(reverse("frameworks:export-json", kwargs={"slug": "nope", "number": 1})).status_code == 404


def test_the_export_pages_need_a_sign_in(client: Client, version: FrameworkVersion) -> None:
    response = client.get(reverse("frameworks:export-json", kwargs={"slug": "care-maturity-matrix", "number": 1}))
    assert response.status_code == 302


# Problems in a spreadsheet ------------------------------------------------------------------------------------


def _import_xlsx(data: bytes, world: SimpleNamespace) -> pytest.ExceptionInfo[ImportProblems]:
    before = (Framework.objects.count(), FrameworkVersion.objects.count(), Descriptor.objects.count())
    with pytest.raises(ImportProblems) as error:
        framework_import_xlsx(file=data, user=world.national, system=None)
    after = (Framework.objects.count(), FrameworkVersion.objects.count(), Descriptor.objects.count())
    assert after == before, "nothing is saved when there is a problem"
    return error


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a spreadsheet",
        b"code,name\nY01,North\n",
        b"PK\x03\x04broken zip",
        b"",
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(world: SimpleNamespace, data: bytes) -> None:
    error = _import_xlsx(data, world)
    assert problems_of(error) == [("", None, "", framework_io.NOT_XLSX)]
    assert str(error.value.problems[0]).startswith("The file: The file is not an Excel workbook")


def test_a_zip_that_is_not_a_workbook_is_refused(world: SimpleNamespace) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert problems_of(_import_xlsx(buffer.getvalue(), world)) == [("", None, "", framework_io.NOT_XLSX)]


def test_a_file_over_5_mb_is_refused_without_reading_it_all(world: SimpleNamespace) -> None:
    stream = io.BytesIO(b"PK" + b"x" * MAX_FILE_BYTES)
    error = _import_xlsx(stream, world)  # type: ignore[arg-type]
    assert problems_of(error) == [("", None, "", framework_io.TOO_BIG)]
    assert stream.tell() == MAX_FILE_BYTES + 1


def test_a_missing_sheet_and_a_missing_heading_are_named(world: SimpleNamespace, version: FrameworkVersion) -> None:
    def change(workbook: openpyxl.Workbook) -> None:
        del workbook["Levels"]
        workbook["Dimensions"]["B1"] = "Code"

    error = _import_xlsx(workbook_bytes(version, change), world)
    assert problems_of(error) == [
        (
            "Levels",
            None,
            "",
            'The file has no "Levels" sheet. A framework workbook has the sheets Framework, Levels, Dimensions and '
            "Descriptors.",
        ),
        (
            "Dimensions",
            1,
            "",
            'There is no "Key" heading in row 1. The headings should be: Position, Key, Name, Group, Summary.',
        ),
    ]


def test_every_bad_row_is_listed_with_its_sheet_row_and_column(
    world: SimpleNamespace, version: FrameworkVersion
) -> None:
    def change(workbook: openpyxl.Workbook) -> None:
        levels = workbook["Levels"]
        levels["A3"] = "two"  # level position not a whole number
        levels["B4"] = None  # an empty name
        dimensions = workbook["Dimensions"]
        dimensions["C2"] = "   "  # an empty name
        descriptors = workbook["Descriptors"]
        descriptors["A2"] = "governance"  # a descriptor for an unknown dimension key
        descriptors["C3"] = "region"  # an unknown perspective
        workbook["Framework"]["B4"] = ""  # the framework's name

    error = _import_xlsx(workbook_bytes(version, change), world)
    assert problems_of(error) == [
        ("Framework", 4, "B (Value)", "Enter the framework's name. It is empty."),
        ("Levels", 3, "A (Position)", 'The level\'s position must be a whole number, like 1 or 2. "two" is not one.'),
        ("Levels", 4, "B (Name)", "Enter the level's name. It is empty."),
        ("Dimensions", 2, "C (Name)", "Enter the dimension's name. It is empty."),
        (
            "Descriptors",
            2,
            "A (Dimension key)",
            'No dimension has the key "governance". Use a key from the Dimensions sheet.',
        ),
        ("Descriptors", 3, "C (Perspective)", '"region" is not one of the perspectives. Choose from: network, system.'),
    ]
    assert str(error.value.problems[1]) == (
        'Levels sheet, row 3, column A (Position): The level\'s position must be a whole number, like 1 or 2. "two" '
        "is not one."
    )
    # The error's messages are the same problems, for code that only knows ValidationError.
    assert error.value.messages == [str(problem) for problem in error.value.problems]


def test_duplicates_are_listed_without_echoes(world: SimpleNamespace, version: FrameworkVersion) -> None:
    """A duplicate level position or dimension key is reported once, not again for every descriptor that
    refers to the level or dimension it replaced."""

    def change(workbook: openpyxl.Workbook) -> None:
        workbook["Levels"]["A3"] = 1
        workbook["Dimensions"]["B3"] = "leadership"
        sheet = workbook["Descriptors"]
        sheet.append([sheet["A2"].value, sheet["B2"].value, sheet["C2"].value, "Said twice"])

    error = _import_xlsx(workbook_bytes(version, change), world)
    assert problems_of(error) == [
        ("Levels", 3, "A (Position)", "Position 1 is also used on row 2. Give each level its own."),
        ("Dimensions", 3, "B (Key)", "The key leadership is also used on row 2. Give each dimension its own."),
        (
            "Descriptors",
            14,
            "D (Text)",
            "The descriptor for leadership at level 1 from the network perspective is also on row 2. Keep only one.",
        ),
    ]


def test_a_descriptor_for_a_level_that_is_not_there(world: SimpleNamespace, version: FrameworkVersion) -> None:
    def change(workbook: openpyxl.Workbook) -> None:
        workbook["Descriptors"].append(["leadership", 9, "network", "A level that is not there"])

    error = _import_xlsx(workbook_bytes(version, change), world)
    assert problems_of(error) == [
        ("Descriptors", 14, "B (Level position)", "No level has the position 9. Use one from the Levels sheet.")
    ]


def test_people_can_reorder_columns_add_notes_and_leave_gaps(world: SimpleNamespace) -> None:
    """A workbook made by hand, not exported: columns in another order, a notes column, blank rows, levels
    numbered 10, 20, 30, rows with no text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "framework"
    sheet.append(["Field", "Value"])
    sheet.append(["Name", "Hand made"])
    sheet.append(["Kind", "Maturity matrix"])
    levels = workbook.create_sheet("Levels")
    levels.append(["Name", "Position", "Notes"])
    levels.append(["Low", 10, "our note"])
    levels.append([])
    levels.append(["Middle", 20.0, None])
    levels.append(["High", "30", None])
    dimensions = workbook.create_sheet("Dimensions")
    dimensions.append(["position", "key", "name"])
    dimensions.append([1, "Trust", "Trust"])
    descriptors = workbook.create_sheet("Descriptors")
    descriptors.append(["text", "dimension_key", "level_position"])
    for position, text in ((10, "Little trust"), (20, "Some trust"), (30, ""), (30, "Deep trust")):
        descriptors.append([text, "trust", position])
    buffer = io.BytesIO()
    workbook.save(buffer)
    version = framework_import_xlsx(file=buffer.getvalue(), user=world.national, system=None)
    assert version.framework.kind == "matrix"
    assert list(version.levels.values_list("position", "name")) == [(1, "Low"), (2, "Middle"), (3, "High")]
    assert list(Descriptor.objects.filter(dimension__version=version).values_list("level__position", "text")) == [
        (1, "Little trust"),
        (2, "Some trust"),
        (3, "Deep trust"),
    ]


# Problems in JSON -------------------------------------------------------------------------------------------------


def _import_json(data: Any, world: SimpleNamespace) -> pytest.ExceptionInfo[ImportProblems]:
    before = Framework.objects.count()
    with pytest.raises(ImportProblems) as error:
        framework_import_json(data=data, user=world.national, system=None)
    assert Framework.objects.count() == before
    assert error.value.in_json
    return error


def test_json_that_is_not_json_is_refused(world: SimpleNamespace) -> None:
    error = _import_json(b'{"format": ', world)
    assert problems_of(error) == [("", None, "", "The file is not valid JSON: Expecting value on line 1, column 12.")]


def test_json_of_another_kind_is_refused(world: SimpleNamespace) -> None:
    error = _import_json(b'{"name": "hello"}', world)
    assert error.value.problems[0].message.startswith('This is not a Wayfinder framework file: its "format"')
    assert problems_of(_import_json(b"[1, 2]", world))[0][3].endswith("it must be one JSON object.")


def test_a_number_thousands_of_digits_long_is_a_problem_in_the_file(
    world: SimpleNamespace, version: FrameworkVersion
) -> None:
    # Python refuses to read a whole number of more than 4,300 digits: that is the file's problem, not a crash.
    data = json.dumps(version_to_json(version)).replace('"format_version": 1', '"format_version": ' + "7" * 5000)
    assert problems_of(_import_json(data.encode(), world)) == [("", None, "", framework_io.TOO_LONG_NUMBER)]
    assert "4,300 digits" in framework_io.TOO_LONG_NUMBER


def test_a_nul_character_in_a_text_is_a_problem_in_the_file(world: SimpleNamespace, version: FrameworkVersion) -> None:
    # PostgreSQL cannot store a NUL character in text: the import names where it is instead of failing to save.
    data = version_to_json(version)
    data["framework"]["summary"] = "Our\u0000 matrix"
    data["levels"][1]["name"] = "\u0000"
    assert problems_of(_import_json(json.dumps(data).encode(), world)) == [
        ("framework", None, "summary", framework_io.NUL_IN_TEXT.format(what="summary")),
        ("levels", 2, "name", framework_io.NUL_IN_TEXT.format(what="level's name")),
    ]


def test_every_problem_in_json_is_listed_by_part_item_and_field(
    world: SimpleNamespace, version: FrameworkVersion
) -> None:
    data = version_to_json(version)
    data["format_version"] = 7
    data["framework"]["name"] = ""
    data["levels"][1]["position"] = 1.5
    data["dimensions"][1]["name"] = ["not", "text"]
    data["descriptors"] = [*data["descriptors"][:1], {"dimension_key": "nope", "level_position": 1, "text": "x"}]
    error = _import_json(data, world)
    assert [str(problem) for problem in error.value.problems] == [
        '"format_version": This file was made by a newer Wayfinder (format version 7). This one reads version 1.',
        '"framework", "name": Enter the framework\'s name. It is empty.',
        '"levels", item 2, "position": The level\'s position must be a whole number, like 1 or 2. "1.5" is not one.',
        '"dimensions", item 2, "name": The dimension\'s name must be text.',
        '"descriptors", item 2, "dimension_key": No dimension has the key "nope". Use a key from the Dimensions sheet.',
        '"descriptors", item 2, "perspective": Enter a perspective. Choose from: network, system.',
    ]


def test_json_must_have_every_part(world: SimpleNamespace) -> None:
    error = _import_json({"format": FORMAT, "format_version": 1, "framework": {"name": "Bare"}}, world)
    assert [str(problem) for problem in error.value.problems] == [
        '"levels": The file has no "levels" list.',
        '"dimensions": The file has no "dimensions" list.',
        '"descriptors": The file has no "descriptors" list.',
        '"levels": There are no levels. Add at least 2, one row for each.',
        '"dimensions": There are no dimensions. Add at least 1, one row for each.',
    ]


# The import page ------------------------------------------------------------------------------------------------


def _upload(client: Client, filename: str, data: bytes, owner: str, **extra: str) -> Any:
    return client.post(
        reverse("frameworks:import"), {"file": SimpleUploadedFile(filename, data), "owner": owner, **extra}
    )


def test_the_import_page_makes_a_draft_from_a_spreadsheet(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    sign_in(client, world.system_lead)
    response = _upload(client, "matrix.xlsx", version_to_xlsx(version), str(world.system_a.pk), name="Riverside")
    assert response.status_code == 302
    framework = Framework.objects.get(name="Riverside")
    assert response["Location"] == reverse("frameworks:tailor-draft", kwargs={"slug": framework.slug})
    assert framework.owner_system == world.system_a
    assert content(framework.versions.get()) == content(version)


def test_the_import_page_takes_json_too(client: Client, world: SimpleNamespace, version: FrameworkVersion) -> None:
    sign_in(client, world.national)
    data = json.dumps(version_to_json(version)).encode()
    assert _upload(client, "matrix.json", data, "national").status_code == 302
    assert Framework.objects.filter(name="Care Maturity Matrix", owner_system=None, built_in=False).exists()


def test_the_import_page_lists_the_problems_and_saves_nothing(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    sign_in(client, world.system_lead)

    def change(workbook: openpyxl.Workbook) -> None:
        workbook["Levels"]["A3"] = "two"
        workbook["Descriptors"]["A2"] = "governance"

    response = _upload(client, "matrix.xlsx", workbook_bytes(version, change), str(world.system_a.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the file" in page
    assert "Nothing has been saved" in page
    assert "Levels sheet, row 3, column A (Position)" in page
    assert "Descriptors sheet, row 2, column A (Dimension key)" in page
    assert Framework.objects.filter(built_in=False).count() == 1


def test_the_import_page_reports_a_number_thousands_of_digits_long(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    sign_in(client, world.national)
    data = json.dumps(version_to_json(version)).replace('"position": 1', '"position": ' + "9" * 5000, 1)
    response = _upload(client, "matrix.json", data.encode(), "national")
    assert response.status_code == 200
    assert "The file has a number more than 4,300 digits long" in response.content.decode()
    assert Framework.objects.filter(built_in=False).count() == 1


def test_the_introduction_for_outside_raters_travels_in_both_formats(
    world: SimpleNamespace, version: FrameworkVersion
) -> None:
    data = version_to_json(version)
    assert data["framework"]["external_introduction"] == "Choose what you have seen from outside."
    book = openpyxl.load_workbook(io.BytesIO(version_to_xlsx(version)))
    fields = {row[0]: row[1] for row in book["Framework"].iter_rows(min_row=2, values_only=True)}
    assert fields["external introduction"] == "Choose what you have seen from outside."

    def change(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["Framework"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == "external introduction":
                row[1].value = "Changed in Excel."

    from_xlsx = framework_import_xlsx(file=workbook_bytes(version, change), user=world.national, system=None)
    data["framework"]["external_introduction"] = "Changed in JSON."
    from_json = framework_import_json(data=json.dumps(data).encode(), user=world.national, system=None)
    assert from_xlsx.external_introduction == "Changed in Excel."
    assert from_json.external_introduction == "Changed in JSON."


def test_repeated_descriptors_are_imported_with_a_warning_listing_each_repeat(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    """One real matrix repeated 16 of its 40 cells word for word and went through silently."""
    sign_in(client, world.system_lead)
    copied = Descriptor.objects.filter(dimension__version=version).order_by("pk")[3].text

    def change(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["Descriptors"]
        for row in (6, 7):  # two more cells, each a copy of the fourth descriptor (row 5)
            sheet[f"D{row}"] = f"  {copied}  "

    response = _upload(client, "matrix.xlsx", workbook_bytes(version, change), str(world.system_a.pk), name="Copy")
    assert response.status_code == 302  # imported: a warning, not a refusal
    page = client.get(response["Location"]).content.decode()
    assert "2 descriptors repeat another cell word for word" in page
    assert "Some descriptors repeat each other" in page and "(2 of 12 cells)" in page
    draft = Framework.objects.get(name="Copy").versions.get()
    found = [str(repeat) for repeat in queries.descriptor_repeats(draft)]
    assert len(found) == 2 and all(" word for word." in text for text in found)
    assert all(text.split(" repeats ")[1] == found[0].split(" repeats ")[1] for text in found)

    publish = client.get(reverse("frameworks:tailor-publish", kwargs={"slug": draft.framework.slug}))
    assert "Some descriptors repeat each other" in publish.content.decode()
    response = client.post(
        reverse("frameworks:tailor-publish", kwargs={"slug": draft.framework.slug}), {"change_notes": "As it was."}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED


def test_a_file_without_repeats_imports_without_a_warning(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    sign_in(client, world.system_lead)
    response = _upload(client, "matrix.xlsx", version_to_xlsx(version), str(world.system_a.pk), name="Clean")
    page = client.get(response["Location"]).content.decode()
    assert "repeat" not in page


def test_the_import_page_counts_one_problem_in_the_singular(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    sign_in(client, world.system_lead)

    def change(workbook: openpyxl.Workbook) -> None:
        workbook["Levels"]["A3"] = "two"

    page = _upload(client, "matrix.xlsx", workbook_bytes(version, change), str(world.system_a.pk)).content.decode()
    assert "1 problem in the file" in page
    assert "1 problems" not in page


def test_the_import_page_counts_the_problems_left_out_of_the_summary(
    client: Client, world: SimpleNamespace, version: FrameworkVersion
) -> None:
    """The summary at the top lists 10 problems; the 11th is "1 more problem", never "1 more problems"."""
    sign_in(client, world.system_lead)

    def change(workbook: openpyxl.Workbook) -> None:
        for row in range(2, 13):
            workbook["Descriptors"][f"A{row}"] = f"not-a-dimension-{row}"

    page = _upload(client, "matrix.xlsx", workbook_bytes(version, change), str(world.system_a.pk)).content.decode()
    assert "11 problems in the file" in page
    assert "And 1 more problem in the table below" in page


def test_the_import_page_refuses_other_files(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.system_lead)
    response = _upload(client, "matrix.csv", b"a,b\n", str(world.system_a.pk))
    assert response.status_code == 200
    assert "The file must be a JSON file (.json) or an Excel workbook (.xlsx)" in response.content.decode()
    response = _upload(client, "matrix.xlsx", b"not really", str(world.system_a.pk))
    assert framework_io.NOT_XLSX.split(".")[0] in response.content.decode()
    assert not Framework.objects.filter(built_in=False).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 404), ("lead", 404), ("regional_lead", 404), ("system_lead", 200), ("national", 200), ("admin", 200)],
)
def test_who_may_import(client: Client, world: SimpleNamespace, who: str, status: int) -> None:
    sign_in(client, getattr(world, who))
    assert client.get(reverse("frameworks:import")).status_code == status


def test_the_json_example_in_the_docs_imports(world: SimpleNamespace) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "framework-spreadsheet.md").read_text()
    example = docs.split("```json\n", 1)[1].split("```", 1)[0]
    version = framework_import_json(data=example.encode(), user=world.national, system=None)
    assert version.framework.name == "Riverside network check"
    assert list(version.dimensions.values_list("key", flat=True)) == ["purpose", "use-of-data"]
    assert version.perspectives == ["network", "system"]


def test_a_clash_while_saving_is_reported_and_nothing_is_saved(
    world: SimpleNamespace, version: FrameworkVersion
) -> None:
    data = version_to_json(version)
    with mock.patch.object(framework_io.Level.objects, "bulk_create", side_effect=IntegrityError("UNIQUE")):
        error = _import_json(data, world)

    assert [str(problem) for problem in error.value.problems] == [
        "The file: Someone else changed the same rows at the same time. Nothing was saved. Upload the file again."
    ]
