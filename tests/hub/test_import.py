"""Bulk import of hub resources from CSV: every row checked first, a dry run, and all rows saved or none."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page

from tests import factories as f
from wayfinder.hub.importer import parse, resources_import
from wayfinder.hub.models import ResourcePage

HEADER = "title,summary,link,type,tags\n"
GOOD = (
    HEADER
    + "Huddle agenda,A one-page agenda for huddles.,https://example.org/huddle,template,"
    + "integrating-care;population-health-management\n"
    + '"Data, simply",Reading your practice data.,,Research summary,use-of-data-and-population-health-management\n'
)
BAD_ROW = "<b>Loud</b>,,ftp://example.org/x,spaceship,not-a-key\n"
KINDS = {"guide": "guide", "template": "template", "research summary": "research-summary"}


def check(text: str, *, topics: bool = False, existing: tuple[str, ...] = ()) -> object:
    return parse(
        text,
        kinds=KINDS,
        dimension_keys={"integrating-care"},
        domain_keys={"population-health"},
        topics_allowed=topics,
        existing_titles=existing,
    )


# Parsing (no database) -------------------------------------------------------------------------------------


def test_good_rows_are_read_with_their_tags_sorted_into_dimensions_domains_and_topics() -> None:
    report = parse(
        HEADER + "Guide one,Summary one.,https://example.org/1,Guide,integrating-care; population-health ;ageing\n",
        kinds=KINDS,
        dimension_keys={"integrating-care"},
        domain_keys={"population-health"},
        topics_allowed=True,
    )

    assert report.ok
    [row] = report.rows
    assert (row.line, row.title, row.kind, row.link) == (2, "Guide one", "guide", "https://example.org/1")
    assert (row.dimension_keys, row.support_domain_keys, row.topics) == (
        ["integrating-care"],
        ["population-health"],
        ["ageing"],
    )


def test_each_bad_row_says_what_is_wrong_on_which_line() -> None:
    text = HEADER + "Fine,Fine summary.,,guide,\n" + BAD_ROW + "Fine,Again.,,guide,\n"

    report = check(text)

    assert not report.ok  # type: ignore[attr-defined]
    good, bad, duplicate = report.rows  # type: ignore[attr-defined]
    assert good.ok and bad.line == 3 and duplicate.line == 4
    assert bad.errors == [
        "The title must be plain text: remove anything between < and >",
        "Enter a summary",
        "The link must be a web address that starts with https:// or http://",
        "“spaceship” is not a type we know. Use one of: guide, research-summary, template",
        "“not-a-key” is not a dimension or support domain key",
    ]
    assert duplicate.errors == ["A resource called “Fine” is already in the hub or earlier in this file"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("title,summary\nA,B\n", "Missing: link, type, tags"),
        (HEADER, "The file has no resources in it"),
    ],
)
def test_a_file_without_the_right_columns_or_rows_is_refused(text: str, message: str) -> None:
    report = check(text)

    assert not report.ok and message in report.errors[0]  # type: ignore[attr-defined]


def test_extra_values_blank_lines_and_a_byte_order_mark_are_handled() -> None:
    report = check("\ufeff" + HEADER + "\n" + "One,Sum.,,guide,,surprise\n" + "\n")

    [row] = report.rows  # type: ignore[attr-defined]
    assert row.errors == ["The row has more values than there are columns. Put text with commas inside double quotes."]


def test_a_title_already_in_the_hub_is_refused() -> None:
    report = check(HEADER + "Huddles,Sum.,,guide,\n", existing=("huddles",))

    assert report.rows[0].errors[0].startswith("A resource called “Huddles” is already")  # type: ignore[attr-defined]


# Importing -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_dry_run_checks_everything_and_saves_nothing() -> None:
    before = Page.objects.count()

    report = resources_import(GOOD, dry_run=True)

    assert report.ok and len(report.rows) == 2 and report.saved == 0
    assert Page.objects.count() == before


@pytest.mark.django_db
def test_an_import_publishes_every_row() -> None:
    report = resources_import(GOOD, dry_run=False)

    assert report.saved == 2
    huddle = ResourcePage.objects.get(title="Huddle agenda")
    assert huddle.live and huddle.kind == "template" and huddle.external_link == "https://example.org/huddle"
    assert huddle.dimension_keys == ["integrating-care"]
    assert huddle.support_domain_keys == ["population-health-management"]
    data = ResourcePage.objects.get(title="Data, simply")
    assert data.live and data.kind == "research-summary" and data.slug == "data-simply"


@pytest.mark.django_db
def test_tags_that_are_not_keys_become_topics_people_can_filter_by(client: Client) -> None:
    text = HEADER + "Rota tips,Sharing one rota.,,guide,integrating-care;workforce;Team rotas\n"
    report = resources_import(text, dry_run=False)

    assert report.ok and report.saved == 1
    page = ResourcePage.objects.get(title="Rota tips")
    assert sorted(t.name for t in page.topics.all()) == ["Team rotas", "workforce"]
    assert ">Rota tips</a>" in client.get("/hub/?topic=workforce").content.decode()


@pytest.mark.django_db
def test_one_bad_row_means_nothing_is_saved() -> None:
    before = Page.objects.count()

    report = resources_import(GOOD + BAD_ROW, dry_run=False)

    assert not report.ok and report.saved == 0 and [row.line for row in report.bad_rows] == [4]
    assert Page.objects.count() == before


@pytest.mark.django_db
def test_the_command_checks_imports_and_refuses_a_bad_file(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD + BAD_ROW, encoding="utf-8")
    out = StringIO()

    call_command("import_resources", str(good), "--dry-run", stdout=out)
    assert "All 2 rows are ready to import. Nothing was saved (dry run)." in out.getvalue()
    assert not ResourcePage.objects.exists()

    err = StringIO()
    with pytest.raises(CommandError, match=r"Nothing was saved\. Fix 1 row and try again\."):
        call_command("import_resources", str(bad), stderr=err)
    assert "Line 4: Enter a summary" in err.getvalue()
    assert not ResourcePage.objects.exists()

    call_command("import_resources", str(good), stdout=out)
    assert "Published 2 resources." in out.getvalue()
    assert ResourcePage.objects.live().count() == 2

    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_resources", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_the_command_counts_one_row_in_the_singular(tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_text(HEADER + "Huddle agenda,A one-page agenda for huddles.,https://example.org/huddle,template,\n")
    out = StringIO()
    call_command("import_resources", str(one), "--dry-run", stdout=out)
    assert "The 1 row is ready to import." in out.getvalue()
    call_command("import_resources", str(one), stdout=out)
    assert "Published 1 resource." in out.getvalue()


# The admin page ----------------------------------------------------------------------------------------------


def upload(name: str, content: str | bytes, content_type: str = "text/csv") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.django_db
def test_editors_check_then_import_a_file_in_cms(world: SimpleNamespace, client: Client) -> None:
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(world.admin)
    assert "/cms/hub/import/" in client.get("/cms/").content.decode()

    checked = client.post("/cms/hub/import/", {"action": "check", "file": upload("r.csv", GOOD + BAD_ROW)})

    html = checked.content.decode()
    assert "Nothing was saved: fix the problems below" in html
    assert "&lt;b&gt;Loud&lt;/b&gt;" in html and "<b>Loud</b>" not in html
    assert "Enter a summary" in html and not ResourcePage.objects.exists()

    checked = client.post("/cms/hub/import/", {"action": "check", "file": upload("r.csv", GOOD)})
    assert "All 2 rows are ready to import" in checked.content.decode()
    assert not ResourcePage.objects.exists()

    imported = client.post("/cms/hub/import/", {"action": "import", "file": upload("r.csv", GOOD)}, follow=True)
    assert "Published 2 resources in the knowledge hub." in imported.content.decode()
    assert ResourcePage.objects.live().count() == 2


@pytest.mark.django_db
def test_the_admin_page_counts_one_row_in_the_singular(world: SimpleNamespace, client: Client) -> None:
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(world.admin)
    one = HEADER + "Huddle agenda,A one-page agenda for huddles.,https://example.org/huddle,template,\n"
    checked = client.post("/cms/hub/import/", {"action": "check", "file": upload("r.csv", one)})
    assert "The 1 row is ready to import" in checked.content.decode()
    imported = client.post("/cms/hub/import/", {"action": "import", "file": upload("r.csv", one)}, follow=True)
    assert "Published 1 resource in the knowledge hub." in imported.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("r.xlsx", GOOD, "application/vnd.openxmlformats"), "The file must be a CSV file"),
        (upload("r.csv", "\xff\xfe".encode("latin-1") + b"\x00t"), "The file must be saved as UTF-8 text"),
        (upload("r.csv", HEADER + "x" * (1024 * 1024)), "The file must be 1 MB or smaller"),
    ],
)
def test_the_admin_page_refuses_files_that_are_not_small_utf8_csv(
    world: SimpleNamespace, client: Client, file: SimpleUploadedFile, message: str
) -> None:
    Authenticator.objects.create(user=world.admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(world.admin)

    response = client.post("/cms/hub/import/", {"action": "import", "file": file})

    assert message in response.content.decode() and not ResourcePage.objects.exists()


@pytest.mark.django_db
def test_people_who_cannot_publish_in_the_hub_cannot_import(client: Client) -> None:
    client.force_login(f.UserFactory.create())

    response = client.post("/cms/hub/import/", {"action": "import", "file": upload("r.csv", GOOD)})

    assert response.status_code == 403 and not ResourcePage.objects.exists()


def test_a_line_that_is_not_csv_is_named_and_the_rows_before_it_are_still_checked() -> None:
    report = check(HEADER + "Fine,Fine summary.,,guide,\n" + '"Broken" title,Sum.,,guide,\n')

    assert not report.ok  # type: ignore[attr-defined]
    assert [row.line for row in report.rows] == [2]  # type: ignore[attr-defined]
    assert report.errors == [  # type: ignore[attr-defined]
        "Line 3: This line is not valid CSV. Check its quotation marks: a value that starts with a quotation mark "
        "must end with one, and a quotation mark inside a value must be doubled."
    ]


def test_text_with_a_nul_character_is_refused_as_a_whole() -> None:
    report = check(HEADER + "Fine\x00,Fine summary.,,guide,\n")

    assert report.rows == [] and report.errors[0].startswith("The file is not a CSV file.")  # type: ignore[attr-defined]
