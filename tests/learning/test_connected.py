"""Units recommended for a network's weakest dimensions (results and plan panels) and a Clinical Director plan's
needs, each with the reason; new modules offered to the digest."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.signing_in import sign_in
from wayfinder.core.panels import Place, panels_for
from wayfinder.frameworks.models import SupportDomain
from wayfinder.learning import digest, panels, recommend
from wayfinder.support.models import ClinicalDirectorPlan, ClinicalDirectorRating

pytestmark = pytest.mark.django_db


def test_rank_prefers_units_matching_the_weakest_first() -> None:
    units = [
        recommend.Tagged(1, "A", "/a/", "M", ("x",), (), ()),
        recommend.Tagged(2, "B", "/b/", "M", ("y", "z"), (), ()),
        recommend.Tagged(3, "C", "/c/", "M", (), (), ("skill",)),
    ]
    wanted = [recommend.Wanted("dimension", "y", "why y"), recommend.Wanted("dimension", "x", "why x")]
    found = recommend.rank(units, wanted)
    assert [item.pk for item in found] == [2, 1]
    assert found[0].reasons == ("why y",)


@pytest.mark.parametrize("page", ["results", "plan"])
def test_the_results_and_plan_pages_get_units_for_the_weakest_dimensions(
    world: SimpleNamespace, learning: SimpleNamespace, page: str
) -> None:
    place = Place(
        page=page,  # type: ignore[arg-type]
        user=world.lead,
        network_id=world.open.pk,
        network_slug=world.open.slug,
        network_name=world.open.name,
        levels={"integrating-care": 1.0, "managing-resources": 3.0, "leadership-planning-and-partnerships": 4.0},
        dimension_names={"integrating-care": "Integrating care"},
    )
    panel = next(panel for panel in panels_for(place) if panel.key == "learning:units")
    assert "Building multi-disciplinary teams" in panel.body
    assert "Helps with Integrating care, one of your network&#39;s weakest areas" in panel.body


def test_no_levels_no_panel(world: SimpleNamespace, learning: SimpleNamespace) -> None:
    place = Place(page="results", user=world.lead, network_id=1, network_slug="x", network_name="X")
    assert not [panel for panel in panels_for(place) if panel.key == "learning:units"]


def test_a_cd_plans_needs_recommend_units_on_the_learning_page(
    world: SimpleNamespace, learning: SimpleNamespace, client: Client
) -> None:
    plan = ClinicalDirectorPlan.objects.create(person=world.lead, network=world.open)
    ClinicalDirectorRating.objects.create(plan=plan, item="using-data", rating=1)
    ClinicalDirectorRating.objects.create(plan=plan, item="trust", rating=4)
    plan.support_domains.add(SupportDomain.objects.get(key="leadership-development"))
    sign_in(client, world.lead)
    page = client.get("/learning/").content.decode()
    assert "Learning for your Clinical Director plan" in page
    assert "Measuring what matters" in page
    assert "you rated yourself “Just starting” on Using data and information" in page
    # Another person's plan says nothing to them.
    sign_in(client, world.member)
    assert "Learning for your Clinical Director plan" not in client.get("/learning/").content.decode()


def test_new_modules_are_offered_to_the_digest(learning: SimpleNamespace) -> None:
    entries = digest.new_modules(None)
    assert {entry.title for entry in entries} == {"Building successful PCNs", "Leading networks"}
    assert all(entry.ref.startswith("learning.module:") and entry.url for entry in entries)
    assert digest.new_modules(timezone.now() + timedelta(minutes=1)) == []


def test_the_panel_costs_no_query_once_the_tags_are_read(
    world: SimpleNamespace, learning: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    place = Place(
        page="plan",
        user=world.lead,
        network_id=world.open.pk,
        network_slug=world.open.slug,
        network_name=world.open.name,
        levels={"integrating-care": 1.0},
        domains=["pcn-set-up"],
    )
    panels.units_for_network(place)
    with django_assert_max_num_queries(0):
        panel = panels.units_for_network(place)
    assert panel is not None and "Fits PCN set-up, a support domain your plan chose" in panel.body
    # Publishing a change is seen at once.
    unit = learning.pcn_units[2]
    unit.title = "Teams across organisations"
    unit.save_revision().publish()
    panel = panels.units_for_network(place)
    assert panel is not None and "Teams across organisations" in panel.body


def test_a_recommended_unit_link_leads_to_its_page(learning: SimpleNamespace, client: Client) -> None:
    unit = learning.pcn_units[0]
    response = client.get(f"/learning/units/{unit.pk}/")
    assert response.status_code == 302 and response["Location"] == unit.url
    unit.unpublish()
    assert client.get(f"/learning/units/{unit.pk}/").status_code == 404
