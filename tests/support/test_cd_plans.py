"""Clinical Director plans: who counts as a Clinical Director, self-ratings, needs, chosen support and progress,
private to the Clinical Director and their system's development lead."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.models import NetworkRole
from wayfinder.support import services
from wayfinder.support.content import CD_PLAN_ITEMS, SKILL, UNDERSTANDING
from wayfinder.support.models import ClinicalDirectorPlan, ClinicalDirectorProgress, ClinicalDirectorRating

pytestmark = pytest.mark.django_db


def edit_url(plan: ClinicalDirectorPlan) -> str:
    return f"/cd-plans/{plan.pk}/edit/"


def test_the_plan_covers_eight_skills_and_seven_areas_of_understanding() -> None:
    assert len([i for i in CD_PLAN_ITEMS if i.group == SKILL]) == 8
    assert len([i for i in CD_PLAN_ITEMS if i.group == UNDERSTANDING]) == 7


def test_a_pcn_lead_starts_a_plan_once(client: Client, sworld: SimpleNamespace) -> None:
    ClinicalDirectorPlan.objects.all().delete()
    sign_in(client, sworld.lead)
    page = client.get("/cd-plans/").content.decode()
    assert "Start your plan for Riverside PCN" in page
    assert "Quality Improvement Circle" not in page, "leading a network that is not a PCN does not make a CD"
    response = client.post("/networks/riverside-pcn/cd-plan/start/")
    plan = ClinicalDirectorPlan.objects.get()
    assert response["Location"] == f"/cd-plans/{plan.pk}/"
    client.post("/networks/riverside-pcn/cd-plan/start/")
    assert ClinicalDirectorPlan.objects.count() == 1


@pytest.mark.parametrize("person", ["member", "steering", "system_lead", "outsider"])
def test_only_a_pcn_lead_can_start_a_plan(client: Client, sworld: SimpleNamespace, person: str) -> None:
    sign_in(client, getattr(sworld, person))
    assert client.post("/networks/riverside-pcn/cd-plan/start/").status_code == 404
    assert not ClinicalDirectorPlan.objects.filter(person=getattr(sworld, person)).exists()


def test_a_lead_of_a_non_pcn_cannot_start_a_plan(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.lead)
    assert client.post("/networks/qi-circle/cd-plan/start/").status_code == 404
    with pytest.raises(ValidationError):
        services.cd_plan_start(person=sworld.lead, network=sworld.restricted)


def test_the_clinical_director_saves_ratings_needs_and_chosen_support(client: Client, sworld: SimpleNamespace) -> None:
    domains = list(SupportDomain.objects.order_by("position")[:2])
    sign_in(client, sworld.lead)
    response = client.post(
        edit_url(sworld.plan),
        {
            "rating_leading-change": "2",
            "rating_trust": "4",
            "needs": "Running meetings across six practices",
            "support_domains": [d.pk for d in domains],
            "support_notes": "Coaching through the system's leadership offer",
        },
    )
    assert response.status_code == 302
    sworld.plan.refresh_from_db()
    assert dict(sworld.plan.ratings.values_list("item", "rating")) == {"leading-change": 2, "trust": 4}
    assert sworld.plan.needs == "Running meetings across six practices"
    assert set(sworld.plan.support_domains.all()) == set(domains)
    page = client.get(f"/cd-plans/{sworld.plan.pk}/").content.decode()
    assert "Developing" in page
    assert "Could help others" in page
    assert domains[0].name in page
    # Leaving a rating blank clears it.
    client.post(edit_url(sworld.plan), {"rating_trust": "4"})
    assert dict(sworld.plan.ratings.values_list("item", "rating")) == {"trust": 4}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating_trust": "9"}, "Choose a rating from the scale"),
        ({"support_domains": ["999999"]}, "Choose support domains from the list"),
        ({"support_domains": ["abc"]}, "Choose support domains from the list"),
    ],
)
def test_bad_plan_input_is_refused_and_nothing_is_saved(
    client: Client, sworld: SimpleNamespace, data: dict[str, Any], message: str
) -> None:
    sign_in(client, sworld.lead)
    response = client.post(edit_url(sworld.plan), {"needs": "Should not be saved", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    sworld.plan.refresh_from_db()
    assert sworld.plan.needs == ""
    assert not ClinicalDirectorRating.objects.exists()


def test_the_service_refuses_unknown_items_and_values(sworld: SimpleNamespace) -> None:
    for ratings in ({"made-up": 2}, {"trust": 7}):
        with pytest.raises(ValidationError):
            services.cd_plan_update(plan=sworld.plan, ratings=ratings, needs="", support_domains=[], support_notes="")
    assert not ClinicalDirectorRating.objects.exists()


def test_the_development_lead_reads_and_adds_progress_but_does_not_edit(
    client: Client, sworld: SimpleNamespace
) -> None:
    sign_in(client, sworld.system_lead)
    assert "Lena Lead" in client.get("/cd-plans/").content.decode()
    response = client.post(f"/cd-plans/{sworld.plan.pk}/", {"text": "Met in June; coaching has started"})
    assert response.status_code == 302
    note = ClinicalDirectorProgress.objects.get()
    assert (note.author, note.text) == (sworld.system_lead, "Met in June; coaching has started")
    assert client.post(edit_url(sworld.plan), {"needs": "changed"}).status_code == 404
    sworld.plan.refresh_from_db()
    assert sworld.plan.needs == ""


def test_an_empty_progress_note_is_refused(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.lead)
    response = client.post(f"/cd-plans/{sworld.plan.pk}/", {"text": "  "})
    assert response.status_code == 400
    assert "Write a note on how the plan is going" in response.content.decode()
    assert not ClinicalDirectorProgress.objects.exists()


@pytest.mark.parametrize("person", ["member", "steering", "regional_lead", "national", "admin", "outsider"])
def test_the_plan_is_private(client: Client, sworld: SimpleNamespace, person: str) -> None:
    sign_in(client, getattr(sworld, person))
    assert client.get(f"/cd-plans/{sworld.plan.pk}/").status_code == 404
    assert client.post(f"/cd-plans/{sworld.plan.pk}/", {"text": "Prying"}).status_code == 404
    assert "Lena Lead" not in client.get("/cd-plans/").content.decode()
    assert not ClinicalDirectorProgress.objects.exists()


def test_a_system_lead_of_another_system_cannot_see_the_plan(client: Client, sworld: SimpleNamespace) -> None:
    other = f.UserFactory.create()
    f.AppointmentFactory.create(user=other, role="system_lead", system=sworld.system_b)
    sign_in(client, other)
    assert client.get(f"/cd-plans/{sworld.plan.pk}/").status_code == 404


def test_the_plans_list_costs_a_fixed_number_of_queries(
    client: Client, sworld: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    for _ in range(12):
        network = f.NetworkFactory.create(is_pcn=True, system=sworld.system_a)
        director = f.UserFactory.create()
        f.MembershipFactory.create(user=director, network=network, role=NetworkRole.LEAD)
        plan = services.cd_plan_start(person=director, network=network)
        services.cd_plan_update(
            plan=plan, ratings={"trust": 3, "finance": 2}, needs="", support_domains=[], support_notes=""
        )
    sign_in(client, sworld.system_lead)
    with django_assert_max_num_queries(8):
        page = client.get("/cd-plans/").content.decode()
    assert page.count("(2 of 15 rated)") == 12
    sign_in(client, sworld.lead)
    with django_assert_max_num_queries(10):
        assert client.get(f"/cd-plans/{sworld.plan.pk}/").status_code == 200
