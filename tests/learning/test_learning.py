"""Learners enrol, answer reflection activities (saved as they go, changed later), mark units complete, and
complete a module with its certificate; progress shows per module and programme."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.learning.conftest import complete_unit, first_question, full_answers
from tests.signing_in import sign_in
from wayfinder.certificates.models import Certificate
from wayfinder.learning import services
from wayfinder.learning.models import Answer, Enrolment, UnitDone

pytestmark = pytest.mark.django_db


def test_answers_need_an_enrolment(world: SimpleNamespace, learning: SimpleNamespace) -> None:
    unit = learning.pcn_units[0]
    with pytest.raises(ValidationError, match="Enrol on Building successful PCNs first"):
        services.answers_save(person=world.member, unit=unit, data=full_answers(unit))


def test_answers_save_and_can_be_changed(world: SimpleNamespace, learning: SimpleNamespace) -> None:
    unit = learning.pcn_units[0]
    services.enrolment_start(person=world.member, module=learning.pcns)
    question = first_question(unit)
    services.answers_save(person=world.member, unit=unit, data={f"activity-{question}": "First thoughts"})
    services.answers_save(person=world.member, unit=unit, data={f"activity-{question}": "Second thoughts"})
    answer = Answer.objects.get(person=world.member, unit=unit, activity_id=question)
    assert answer.text == "Second thoughts"
    assert Enrolment.objects.get(person=world.member).started_at is not None


def test_a_rating_outside_1_to_5_is_refused(world: SimpleNamespace, learning: SimpleNamespace) -> None:
    unit = learning.pcn_units[0]
    services.enrolment_start(person=world.member, module=learning.pcns)
    rating = next(block.id for block in unit.activities if block.block_type == "rating")
    with pytest.raises(ValidationError, match="choose a rating from 1 to 5"):
        services.answers_save(person=world.member, unit=unit, data={f"activity-{rating}": "9"})
    checklist = next(block.id for block in unit.activities if block.block_type == "checklist")
    with pytest.raises(ValidationError, match="tick only items on the list"):
        services.answers_save(
            person=world.member, unit=unit, data={f"activity-{checklist}": "99", f"activity-{checklist}-shown": "1"}
        )
    assert not Answer.objects.exists()


def test_a_unit_is_done_only_when_every_activity_is_answered(world: SimpleNamespace, learning: SimpleNamespace) -> None:
    unit = learning.pcn_units[0]
    services.enrolment_start(person=world.member, module=learning.pcns)
    services.answers_save(person=world.member, unit=unit, data={f"activity-{first_question(unit)}": "Only one"})
    with pytest.raises(ValidationError, match="Not answered yet: activities 2, 3"):
        services.unit_complete(person=world.member, unit=unit)
    assert not UnitDone.objects.exists()
    services.answers_save(person=world.member, unit=unit, data=full_answers(unit))
    result = services.unit_complete(person=world.member, unit=unit)
    assert result.unit_done.unit_id == unit.pk and not result.module_completed


def test_the_last_unit_completes_the_module_with_one_certificate(
    world: SimpleNamespace, learning: SimpleNamespace
) -> None:
    services.enrolment_start(person=world.member, module=learning.pcns)
    results = [complete_unit(world.member, unit) for unit in learning.pcn_units]
    assert [result.module_completed for result in results] == [False, False, False, True]
    certificate = results[-1].certificate
    assert certificate.subject == "Learning module: Building successful PCNs"
    assert certificate.key == f"learning:module:{learning.pcns.pk}"
    # Completing a unit again issues nothing new.
    again = services.unit_complete(person=world.member, unit=learning.pcn_units[0])
    assert again.certificate.pk == certificate.pk and Certificate.objects.count() == 1
    assert Enrolment.objects.get(person=world.member, module=learning.pcns).completed_at is not None


def test_a_learner_works_through_pages_without_javascript(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client
) -> None:
    sign_in(client, world.member)
    unit = learning.pcn_units[0]
    response = client.post(f"/learning/modules/{learning.pcns.pk}/enrol/", {"start": "1"})
    assert response.status_code == 302 and response["Location"] == unit.url
    question = first_question(unit)
    response = client.post(f"/learning/units/{unit.pk}/answers/", {f"activity-{question}": "Trust is low"})
    assert response.status_code == 302
    page = client.get(unit.url).content.decode()
    assert "Trust is low" in page and "Your answers are saved" in page
    # Marking complete with activities unanswered shows the problem, keeping what was typed.
    response = client.post(
        f"/learning/units/{unit.pk}/answers/", {f"activity-{question}": "Trust is growing", "complete": "1"}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode() and "Trust is growing" in response.content.decode()
    response = client.post(f"/learning/units/{unit.pk}/answers/", {**full_answers(unit), "complete": "1"})
    assert response.status_code == 302 and response["Location"] == learning.pcn_units[1].url
    module_page = client.get(learning.pcns.url).content.decode()
    assert "1 of 4 units done" in module_page
    programme_page = client.get(learning.pcns.get_parent().url).content.decode()
    assert "0 of 2 modules completed, 1 of 8 units done" in programme_page


def test_htmx_saves_as_the_learner_goes(world: SimpleNamespace, learning: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.member)
    unit = learning.pcn_units[0]
    services.enrolment_start(person=world.member, module=learning.pcns)
    response = client.post(
        f"/learning/units/{unit.pk}/answers/",
        {f"activity-{first_question(unit)}": "Saved as I typed"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "Your answers are saved" in response.content.decode()
    assert Answer.objects.get().text == "Saved as I typed"


def test_the_certificate_downloads_once_the_module_is_complete(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client
) -> None:
    sign_in(client, world.member)
    services.enrolment_start(person=world.member, module=learning.pcns)
    assert client.get(f"/learning/modules/{learning.pcns.pk}/certificate/").status_code == 404
    for unit in learning.pcn_units:
        complete_unit(world.member, unit)
    response = client.get(f"/learning/modules/{learning.pcns.pk}/certificate/")
    certificate = Certificate.objects.get(person=world.member)
    assert response.status_code == 302 and response["Location"] == certificate.pdf_url
    pdf = client.get(certificate.pdf_url)
    assert pdf.status_code == 200 and b"".join(pdf).startswith(b"%PDF")  # type: ignore[arg-type]
    assert "Download your certificate" in client.get(learning.pcns.url).content.decode()


def test_unpublished_units_cannot_be_answered(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client
) -> None:
    sign_in(client, world.member)
    unit = learning.pcn_units[0]
    unit.unpublish()
    assert client.post(f"/learning/units/{unit.pk}/answers/", {}).status_code == 404
    assert client.post(f"/learning/units/{unit.pk}/complete/").status_code == 404


def test_signed_out_people_read_units_but_cannot_answer(learning: SimpleNamespace, client: Client) -> None:
    unit = learning.pcn_units[0]
    page = client.get(unit.url).content.decode()
    assert "Sign in</a> to answer them" in page
    response = client.post(f"/learning/units/{unit.pk}/answers/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/learning/modules/{learning.pcns.pk}/workbook.docx").status_code == 302


def test_pages_answer_with_a_fixed_number_of_queries(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.member)
    services.enrolment_start(person=world.member, module=learning.pcns)
    unit = learning.pcn_units[1]
    programme = learning.pcns.get_parent()
    client.get(unit.url)
    client.get(programme.url)
    with django_assert_max_num_queries(22):
        assert client.get(unit.url).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(programme.url).status_code == 200
    # More progress and more answers cost nothing more.
    for other in learning.pcn_units:
        complete_unit(world.member, other)
    services.enrolment_start(person=world.member, module=learning.networks)
    complete_unit(world.member, learning.network_units[0])
    with django_assert_max_num_queries(22):
        assert client.get(unit.url).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(programme.url).status_code == 200
