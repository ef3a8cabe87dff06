"""Reflections are the learner's alone: no page, workbook, export or API shows them to anyone else. Leads of a
network or a system see counts per module, never answers (and never for confidential networks' people, for a system
lead)."""

from __future__ import annotations

import io
import json
import zipfile
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from docx import Document

from tests import factories as f
from tests.learning.conftest import complete_unit, first_question
from tests.signing_in import sign_in
from wayfinder.comms import data_rights
from wayfinder.core.roles import NetworkRole
from wayfinder.learning import rights, services
from wayfinder.learning.models import Answer, Enrolment, UnitDone

pytestmark = pytest.mark.django_db

SECRET = "My partners do not trust the federation"


@pytest.fixture
def answered(world: SimpleNamespace, learning: SimpleNamespace) -> Any:
    services.enrolment_start(person=world.member, module=learning.pcns)
    unit = learning.pcn_units[0]
    services.answers_save(person=world.member, unit=unit, data={f"activity-{first_question(unit)}": SECRET})
    return unit


def workbook_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.mark.parametrize("who", ["lead", "system_lead", "national", "admin", "outsider"])
def test_nobody_else_sees_the_answers_on_the_unit_page(
    world: SimpleNamespace, learning: SimpleNamespace, answered: Any, client: Client, who: str
) -> None:
    person = getattr(world, who)
    services.enrolment_start(person=person, module=learning.pcns)
    sign_in(client, person)
    page = client.get(answered.url).content.decode()
    assert SECRET not in page
    assert SECRET not in workbook_text(client.get(f"/learning/modules/{learning.pcns.pk}/workbook.docx").content)


def test_the_learner_sees_their_answers_in_their_workbook(
    world: SimpleNamespace, learning: SimpleNamespace, answered: Any, client: Client
) -> None:
    sign_in(client, world.member)
    response = client.get(f"/learning/modules/{learning.pcns.pk}/workbook.docx")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="workbook-building-successful-pcns.docx"'
    text = workbook_text(response.content)
    assert SECRET in text
    assert "Unit 4: Leading beyond your own authority" in text
    # Unanswered questions leave lines to write on; unticked lists show empty boxes.
    assert "_" * 60 in text and "☐ A written statement of what the network is for" in text


def test_other_peoples_data_exports_hold_nothing_of_mine(world: SimpleNamespace, answered: Any) -> None:
    for other in (world.lead, world.system_lead, world.admin):
        for _, files in data_rights.exported_files(other):
            assert SECRET not in json.dumps([file.data for file in files] + [file.rows for file in files], default=str)
    mine = data_rights.build_zip(
        [file for _, files in data_rights.exported_files(world.member) for file in files], "readme"
    )
    with zipfile.ZipFile(io.BytesIO(mine)) as archive:
        reflections = json.loads(archive.read("learning/reflections.json"))
    assert reflections[0]["answer"] == SECRET
    assert reflections[0]["unit"] == "Setting up the partnership"


def test_the_api_has_nothing_of_learning(world: SimpleNamespace, answered: Any, client: Client) -> None:
    sign_in(client, world.admin)
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    assert "learning" not in document.content.decode().lower()
    assert "reflection" not in document.content.decode().lower()


def test_erasing_removes_every_trace(world: SimpleNamespace, learning: SimpleNamespace) -> None:
    services.enrolment_start(person=world.member, module=learning.pcns)
    complete_unit(world.member, learning.pcn_units[0])
    rights.erase(world.member)
    assert not Answer.objects.exists() and not UnitDone.objects.exists() and not Enrolment.objects.exists()


def test_leads_see_counts_per_module_never_answers(
    world: SimpleNamespace, learning: SimpleNamespace, answered: Any, client: Client
) -> None:
    # The member (of all four networks) started; a second person in the confidential network only completed.
    quiet = f.UserFactory.create(email="quiet@example.org")
    f.MembershipFactory.create(user=quiet, network=world.confidential, role=NetworkRole.MEMBER)
    services.enrolment_start(person=quiet, module=learning.pcns)
    for unit in learning.pcn_units:
        complete_unit(quiet, unit, text="Quiet words")
    sign_in(client, world.lead)
    page = client.get("/learning/people/").content.decode()
    assert SECRET not in page and "Quiet words" not in page
    assert "Quiet Network" in page  # the lead leads it
    assert 'nhsuk-breadcrumb__link" href="/learning/"' in page
    sign_in(client, world.system_lead)
    page = client.get("/learning/people/").content.decode()
    assert "Riverside ICS" in page
    row = page.split("Building successful PCNs</th>")[1].split("</tr>")[0]
    # The system lead does not oversee the confidential network: only the member counts.
    assert [cell.rsplit(">", 1)[1] for cell in row.split("</td>")[:3]] == ["1", "1", "0"]


@pytest.mark.parametrize("who", ["member", "outsider", "external"])
def test_people_who_lead_nothing_get_no_counts(world: SimpleNamespace, client: Client, who: str) -> None:
    sign_in(client, getattr(world, who))
    assert client.get("/learning/people/").status_code == 404


def test_the_counts_page_costs_the_same_for_more_learners(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.lead)
    client.get("/learning/people/")
    with django_assert_max_num_queries(16):
        client.get("/learning/people/")
    for number in range(6):
        person = f.UserFactory.create(email=f"learner{number}@example.org")
        f.MembershipFactory.create(user=person, network=world.open, role=NetworkRole.MEMBER)
        services.enrolment_start(person=person, module=learning.networks)
        complete_unit(person, learning.network_units[0])
    with django_assert_max_num_queries(16):
        page = client.get("/learning/people/").content.decode()
    assert "Leading networks" in page
