"""Download my data: the ZIP built in the background from every app's exporter, emailed as a link that works once,
for a week, for the person only; site admins' log and acting on someone's behalf."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.comms import data_rights, registry
from wayfinder.comms.data_rights_models import DataRequest, DataRequestStatus
from wayfinder.contributions.models import ResourceFeedback
from wayfinder.networks.models import JoinRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich(world: SimpleNamespace) -> SimpleNamespace:
    """The member has rated (with evidence), owns an action, asked to join, and gave feedback with a comment."""
    version = f.build_version(dimensions=2, levels=4)
    round_ = f.build_round(world.open, version, title="Baseline 2026")
    f.add_raters(round_, [[2, 3]], users=[world.member], evidence="=SUM(A1) we meet monthly")
    plan = f.PlanFactory.create(network=world.open, framework=version.framework)
    priority = f.PriorityFactory.create(plan=plan, support_domain_id="leadership-development")
    f.ActionFactory.create(priority=priority, title="Book the away day", owner=world.member)
    JoinRequest.objects.create(user=world.outsider, network=world.restricted, message="Let me in, please")
    page = f.hub_resource("working-together")
    ResourceFeedback.objects.create(page=page, user=world.member, useful=True, comment="Helped our first meeting")
    world.round = round_
    return world


def ask_and_fetch_link(client: Client, user: Any, django_capture_on_commit_callbacks: Any) -> str:
    sign_in(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/my-data/copy/")
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [user.email] and "ready to download" in message.subject
    found = re.search(r"https?://\S+/accounts/my-data/download/\S+/", str(message.body))
    assert found is not None
    return found.group(0)


def path_of(link: str) -> str:
    return link[link.index("/accounts/") :]


def test_a_person_downloads_a_zip_of_everything_and_the_link_works_once(
    rich: SimpleNamespace, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    link = path_of(ask_and_fetch_link(client, rich.member, django_capture_on_commit_callbacks))
    assert "Download the ZIP file" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {
        "README.txt",
        "account/profile.json",
        "networks/memberships.csv",
        "assessments/ratings.csv",
        "plans/actions-you-own.csv",
        "hub/feedback.csv",
        "hub/contributions.csv",
        "mail/mail-sent-to-you.csv",
    } <= names
    for name in names:
        body = archive.read(name)
        if name.endswith(".json"):
            json.loads(body.decode("utf-8"))
        elif name.endswith(".csv"):
            assert body.startswith("\ufeff".encode()), f"{name} starts with a byte-order mark for Excel"
            list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    profile = json.loads(archive.read("account/profile.json"))
    assert profile["email"] == "member@example.org" and profile["full_name"] == "Max Member"
    ratings = list(csv.reader(io.StringIO(archive.read("assessments/ratings.csv").decode("utf-8-sig"))))
    assert ratings[1][1] == "Baseline 2026" and ratings[1][6] == "'=SUM(A1) we meet monthly", "formulas stay text"
    actions = archive.read("plans/actions-you-own.csv").decode("utf-8-sig")
    assert "Book the away day" in actions
    assert "Helped our first meeting" in archive.read("hub/feedback.csv").decode("utf-8-sig")
    memberships = archive.read("networks/memberships.csv").decode("utf-8-sig")
    assert "Riverside PCN" in memberships and "Hillside Care Network" in memberships

    # The link works once: a second try is refused, and our copy of the file is gone.
    again = client.post(link)
    assert again.status_code == 400 and "does not work" in again.content.decode()
    entry = DataRequest.objects.get()
    assert entry.status == DataRequestStatus.DOWNLOADED and entry.archive is None


def test_the_link_is_for_the_person_only(
    rich: SimpleNamespace, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    link = path_of(ask_and_fetch_link(client, rich.member, django_capture_on_commit_callbacks))
    other = Client()
    assert other.get(link).status_code == 302, "signed out: sign in first"
    sign_in(other, rich.lead)
    assert other.post(link).status_code == 400
    assert client.post(link).status_code == 200, "the link still works for its person"


def test_the_link_stops_working_after_a_week(
    rich: SimpleNamespace, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    link = path_of(ask_and_fetch_link(client, rich.member, django_capture_on_commit_callbacks))
    DataRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(link).status_code == 400
    assert data_rights.data_exports_expire() == 1
    assert DataRequest.objects.get().archive is None


def test_a_tampered_link_is_refused(rich: SimpleNamespace, client: Client) -> None:
    sign_in(client, rich.member)
    response = client.get("/accounts/my-data/download/not-a-real-token/")
    assert response.status_code == 400 and "does not work" in response.content.decode()


def test_building_twice_sends_one_mail(rich: SimpleNamespace, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        entry = data_rights.data_export_request(user=rich.member, requested_by=rich.member)
    with django_capture_on_commit_callbacks(execute=True):
        data_rights.data_export_build(request_id=entry.pk)
        data_rights.data_export_build(request_id=entry.pk)
    assert len(mail.outbox) == 1


def test_asking_again_while_it_is_prepared_makes_one_request(rich: SimpleNamespace) -> None:
    first = data_rights.data_export_request(user=rich.member, requested_by=rich.member)
    second = data_rights.data_export_request(user=rich.member, requested_by=rich.member)
    assert first.pk == second.pk and DataRequest.objects.count() == 1


def test_every_app_registers_an_exporter() -> None:
    keys = {exporter.key for exporter in registry.exporters()}
    assert {"accounts", "networks", "assessments", "plans", "contributions", "support", "comms"} <= keys


def test_two_exporters_writing_one_file_is_a_mistake() -> None:
    same = registry.DataFile(name="a.csv", header=["x"], rows=[[1]])
    with pytest.raises(ValueError, match="Two exporters"):
        data_rights.build_zip([same, same], "readme")


def test_libreoffice_opens_every_csv(rich: SimpleNamespace, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        message = "LibreOffice is not installed: run 'make office' (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    files = [data_file for _, found in data_rights.exported_files(rich.member) for data_file in found]
    archive = zipfile.ZipFile(io.BytesIO(data_rights.build_zip(files, "readme")))
    sources = []
    for n, name in enumerate(n for n in archive.namelist() if n.endswith(".csv")):
        source = tmp_path / f"file{n}.csv"
        source.write_bytes(archive.read(name))
        sources.append((name, source))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            *[str(source) for _, source in sources],
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for name, source in sources:
        book = load_workbook(source.with_suffix(".xlsx"))
        header = [cell.value for cell in next(book.active.iter_rows(max_row=1))]  # type: ignore[union-attr]
        expected = next(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        assert header == expected, name
    ratings = load_workbook(tmp_path / f"file{[n for n, _ in sources].index('assessments/ratings.csv')}.xlsx")
    assert ratings.active["G2"].value == "'=SUM(A1) we meet monthly"  # type: ignore[index]


# Site admins ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("member", 404), ("national", 404), ("lead", 404), ("admin", 200)])
def test_only_site_admins_see_the_log(world: SimpleNamespace, client: Client, who: str, status: int) -> None:
    sign_in(client, getattr(world, who))
    assert client.get("/accounts/my-data/requests/").status_code == status
    assert client.get(f"/accounts/my-data/requests/delete/{world.member.pk}/").status_code == status


def test_a_site_admin_sends_someone_their_data_and_it_is_logged(
    world: SimpleNamespace, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/my-data/requests/", {"email": "MEMBER@example.org", "kind": "export"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["member@example.org"]
    assert "A Wayfinder site admin asked for a copy of your data" in mail.outbox[-1].body
    entry = DataRequest.objects.get()
    assert entry.on_behalf and entry.requested_by == world.admin and entry.person == "member@example.org"
    page = client.get("/accounts/my-data/requests/").content.decode()
    assert "member@example.org" in page and "A site admin (admin@example.org)" in page


def test_the_admin_form_says_when_nobody_has_that_address(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.admin)
    page = client.post("/accounts/my-data/requests/", {"email": "nobody@example.org", "kind": "export"})
    assert "No one has an account with this email address" in page.content.decode()
    assert not DataRequest.objects.exists()


def test_the_log_costs_the_same_queries_for_2_or_40_entries(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.admin)
    for _ in range(2):
        data_rights.data_export_request(user=f.UserFactory.create(), requested_by=world.admin)
    with django_assert_max_num_queries(12):
        client.get("/accounts/my-data/requests/")
    for _ in range(38):
        data_rights.data_export_request(user=f.UserFactory.create(), requested_by=world.admin)
    with django_assert_max_num_queries(12):
        assert client.get("/accounts/my-data/requests/").status_code == 200
