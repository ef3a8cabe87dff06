"""Who may open each dashboard, where they may drill down, and that small groups are never broken out."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from tests import factories as f
from tests.assessments.test_results import sign_in
from tests.dashboards.conftest import add_networks
from wayfinder.dashboards import permissions

pytestmark = pytest.mark.django_db

ROLES = ["system_lead", "regional_lead", "national", "admin", "lead", "member", "outsider"]

# (role, system A, system B): system A is in the regional lead's region; system B is not.
SYSTEM_PAGE = [
    ("system_lead", 200, 404),
    ("regional_lead", 200, 404),
    ("national", 200, 200),
    ("admin", 200, 200),
    ("lead", 404, 404),
    ("member", 404, 404),
    ("outsider", 404, 404),
]


@pytest.mark.parametrize(("role", "system_a", "system_b"), SYSTEM_PAGE)
def test_only_those_who_oversee_a_system_open_its_dashboard(
    dworld: SimpleNamespace, client: Client, role: str, system_a: int, system_b: int
) -> None:
    sign_in(client, getattr(dworld, role))
    assert client.get(f"/systems/{dworld.system_a.pk}/dashboard/").status_code == system_a
    assert client.get(f"/systems/{dworld.system_b.pk}/dashboard/").status_code == system_b


@pytest.mark.parametrize("role", ROLES)
def test_anyone_signed_in_opens_the_regional_and_national_dashboards(
    dworld: SimpleNamespace, client: Client, role: str
) -> None:
    sign_in(client, getattr(dworld, role))
    assert client.get(f"/regions/{dworld.region.pk}/dashboard/").status_code == 200
    assert client.get("/national/dashboard/").status_code == 200


def test_signed_out_people_are_sent_to_sign_in(dworld: SimpleNamespace, client: Client) -> None:
    for url in (
        f"/systems/{dworld.system_a.pk}/dashboard/",
        f"/regions/{dworld.region.pk}/dashboard/",
        "/national/dashboard/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_unknown_ids_answer_404(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.national)
    assert client.get("/systems/999999/dashboard/").status_code == 404
    assert client.get("/regions/999999/dashboard/").status_code == 404


# Drill-down: (role, link to system A on the regional page, system A's row broken out)
REGIONAL_DRILL_DOWN = [
    ("system_lead", True, True),
    ("regional_lead", True, True),
    ("national", True, True),
    ("lead", False, False),
    ("member", False, False),
    ("outsider", False, False),
]


@pytest.mark.parametrize(("role", "link", "broken_out"), REGIONAL_DRILL_DOWN)
def test_the_regional_dashboard_links_to_systems_the_viewer_oversees(
    dworld: SimpleNamespace, client: Client, role: str, link: bool, broken_out: bool
) -> None:
    sign_in(client, getattr(dworld, role))
    html = client.get(f"/regions/{dworld.region.pk}/dashboard/").content.decode()
    assert (f'href="/systems/{dworld.system_a.pk}/dashboard/"' in html) is link
    # The region has two networks that may appear (the confidential one never does): too few to show anyone who
    # does not oversee them.
    assert ("we do not show any figures" in html) is not broken_out
    assert ("Networks assessed" in html) is broken_out


@pytest.mark.parametrize(("role", "small_row_shown"), [("lead", False), ("outsider", False), ("system_lead", True)])
def test_a_system_with_fewer_than_5_networks_is_never_broken_out_for_others(
    dworld: SimpleNamespace, client: Client, role: str, small_row_shown: bool
) -> None:
    bigger = f.SystemFactory.create(name="Lakeside ICS", code="QC1", region=dworld.region)
    add_networks(bigger, dworld.version, 5)
    sign_in(client, getattr(dworld, role))
    html = client.get(f"/regions/{dworld.region.pk}/dashboard/").content.decode()
    assert "Lakeside ICS" in html
    assert "5 of 5" in html  # the bigger system's row: networks assessed
    assert ("Fewer than 5 networks: not shown" in html) is not small_row_shown
    assert f'href="/systems/{bigger.pk}/dashboard/"' not in html


def test_the_national_team_sees_every_region_broken_out_with_links(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.national)
    html = client.get("/national/dashboard/").content.decode()
    assert f'href="/regions/{dworld.region.pk}/dashboard/"' in html
    assert "Fewer than 5 networks" not in html
    assert "North of England" in html


def test_a_network_lead_sees_aggregates_only_nationally(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.lead)
    html = client.get("/national/dashboard/").content.decode()
    assert "we do not show any figures" in html
    assert "Riverside PCN" not in html


def test_a_system_lead_drills_down_from_the_system_to_each_network(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.system_lead)
    html = client.get(f"/systems/{dworld.system_a.pk}/dashboard/").content.decode()
    assert 'href="/networks/riverside-pcn/"' in html
    assert 'href="/networks/qi-circle/"' in html
    assert "Quiet Network" not in html  # confidential networks never appear


def test_the_policy_registers_the_dashboard_rules(dworld: SimpleNamespace) -> None:
    assert permissions.can(dworld.system_lead, "dashboard.system", dworld.system_a)
    assert not permissions.can(dworld.lead, "dashboard.system", dworld.system_a)
    assert permissions.can(dworld.lead, "dashboard.region", dworld.region)
    assert permissions.can(dworld.regional_lead, "dashboard.region_breakdown", dworld.region)
    assert not permissions.can(dworld.system_lead, "dashboard.region_breakdown", dworld.region)


def test_the_header_links_overseers_to_their_dashboard(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.system_lead)
    assert f'href="/systems/{dworld.system_a.pk}/dashboard/"' in client.get("/").content.decode()
    client.logout()
    sign_in(client, dworld.lead)
    assert "dashboard/" not in client.get("/").content.decode()
