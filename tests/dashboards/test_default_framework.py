"""The framework a dashboard shows first does not change as data grows: the one a system's leads chose for their
system's view, else the PCN Maturity Matrix. The filter form is open exactly when a filter is in use."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from tests import factories as f
from tests.dashboards.conftest import assess, committed
from tests.factories import build_version
from tests.signing_in import sign_in
from wayfinder.dashboards import permissions
from wayfinder.frameworks.models import FrameworkVersion

pytestmark = pytest.mark.django_db

PAGES = ["/systems/{system}/dashboard/", "/regions/{region}/dashboard/", "/national/dashboard/"]


@pytest.fixture
def other(dworld: SimpleNamespace) -> FrameworkVersion:
    """Another framework with more closed rounds in system A than the PCN matrix has."""
    other = build_version(dimensions=2, levels=4)
    for days_ago in (40, 80, 120):
        assess(dworld.restricted, other, days_ago=days_ago, ratings=[[2, 2]])
        assess(dworld.open, other, days_ago=days_ago, ratings=[[3, 3]])
    return other


def shown(client: Client, url: str) -> str:
    """The framework named in the page's introduction."""
    html = client.get(url).content.decode()
    return html.split("<strong>", 1)[1].split("</strong>", 1)[0]


def url_of(path: str, world: SimpleNamespace) -> str:
    return path.format(system=world.system_a.pk, region=world.region.pk)


@pytest.mark.parametrize("path", PAGES)
def test_the_default_is_the_pcn_matrix_however_many_rounds_another_framework_has(
    dworld: SimpleNamespace, other: FrameworkVersion, client: Client, path: str
) -> None:
    sign_in(client, dworld.national)
    assert shown(client, url_of(path, dworld)) == dworld.version.framework.name
    # The other framework is still there to choose.
    assert shown(client, url_of(path, dworld) + f"?framework={other.framework_id}") == other.framework.name


def test_a_system_shows_the_framework_its_leads_chose_and_the_roll_ups_keep_the_pcn_matrix(
    dworld: SimpleNamespace, other: FrameworkVersion, client: Client
) -> None:
    sign_in(client, dworld.system_lead)
    system = url_of(PAGES[0], dworld)
    assert shown(client, system) == dworld.version.framework.name  # and now it is cached
    with committed():  # the setting's commit makes the cached page go
        response = client.post(f"{system}framework/", {"framework": other.framework_id})
    assert response.status_code == 302 and response["Location"] == system
    page = client.get(system).content.decode()
    assert f"The dashboard now shows {other.framework.name} first." in page
    assert shown(client, system) == other.framework.name
    assert shown(client, url_of(PAGES[1], dworld)) == dworld.version.framework.name
    # Choosing nothing goes back to the PCN matrix.
    with committed():
        client.post(f"{system}framework/", {"framework": ""})
    assert shown(client, system) == dworld.version.framework.name


# (role, may set system A's framework): its own system leads and site admins only.
WHO_MAY_SET = [
    ("system_lead", True),
    ("admin", True),
    ("regional_lead", False),
    ("national", False),
    ("lead", False),
    ("member", False),
    ("outsider", False),
]


@pytest.mark.parametrize(("role", "allowed"), WHO_MAY_SET)
def test_who_may_set_the_framework_a_system_dashboard_shows_first(
    dworld: SimpleNamespace, other: FrameworkVersion, client: Client, role: str, allowed: bool
) -> None:
    user = getattr(dworld, role)
    assert permissions.can(user, "dashboard.set_framework", dworld.system_a) is allowed
    sign_in(client, user)
    system = url_of(PAGES[0], dworld)
    page = client.get(system)
    assert ('action="' + system + 'framework/"' in page.content.decode()) is allowed
    with committed():
        response = client.post(f"{system}framework/", {"framework": other.framework_id})
    assert response.status_code == (302 if allowed else 404)
    client.logout()
    sign_in(client, dworld.national)
    assert (shown(client, system) == other.framework.name) is allowed


def test_only_a_published_national_or_own_framework_may_be_chosen(dworld: SimpleNamespace, client: Client) -> None:
    elsewhere = build_version(dimensions=2, levels=4)
    elsewhere.framework.owner_system = dworld.system_b
    elsewhere.framework.save(update_fields=["owner_system"])
    draft = build_version(dimensions=2, levels=4)
    draft.status = "draft"
    draft.save(update_fields=["status"])
    sign_in(client, dworld.system_lead)
    system = url_of(PAGES[0], dworld)
    for framework in (elsewhere.framework, draft.framework):
        with committed():
            response = client.post(f"{system}framework/", {"framework": framework.pk}, follow=True)
        assert "Choose a published framework from the list" in response.content.decode()
    assert shown(client, system) == dworld.version.framework.name


@pytest.mark.parametrize(
    ("query", "is_open"),
    [
        ("", False),
        ("?page=2", False),
        ("?framework=&purpose=&closes_from=&closes_to=&place=", False),  # "Apply filters" with nothing chosen
        ("?purpose=annual", True),
        ("?closes_to=2026-01-01", True),
        ("?closes_from=not-a-date", True),
        ("?framework={framework}", True),
    ],
)
@pytest.mark.parametrize("path", PAGES)
def test_the_filter_form_is_open_when_a_filter_is_in_use(
    dworld: SimpleNamespace, client: Client, path: str, query: str, is_open: bool
) -> None:
    sign_in(client, dworld.national)
    query = query.format(framework=dworld.version.framework_id)
    if "place" in query and "systems" not in path:
        query = query.replace("&place=", "")
    html = client.get(url_of(path, dworld) + query).content.decode()
    # The opening tag of the details element whose summary is the filter form's.
    tag = html.split("Filter the dashboard</span>", 1)[0].rsplit("<details", 1)[1].split(">", 1)[0]
    assert ("open" in tag) is is_open


def test_a_system_without_a_network_on_the_chosen_framework_says_so(dworld: SimpleNamespace, client: Client) -> None:
    empty = f.SystemFactory.create(name="Empty ICS", code="QE1", region=dworld.region)
    f.NetworkFactory.create(name="Lonely PCN", slug="lonely-pcn", system=empty, is_pcn=True)
    sign_in(client, dworld.national)
    html = client.get(f"/systems/{empty.pk}/dashboard/").content.decode()
    assert f"<strong>{dworld.version.framework.name}</strong>" in html
    assert "0 of 1 network has a closed round" in html


def test_the_select_kept_for_a_systems_leads_is_never_shown_to_anyone_else(
    dworld: SimpleNamespace, other: FrameworkVersion, client: Client
) -> None:
    system = url_of(PAGES[0], dworld)
    sign_in(client, dworld.system_lead)
    html = client.get(system).content.decode()  # drawn with the select, and kept for the system
    assert 'action="' + system + 'framework/"' in html and f'<option value="{other.framework_id}"' in html
    for role in ("regional_lead", "national"):
        client.logout()
        sign_in(client, getattr(dworld, role))
        html = client.get(system).content.decode()
        assert "framework/" not in html and "Change the framework it shows first" not in html
        assert 'id="default-framework"' not in html


def test_a_framework_published_is_offered_to_the_systems_leads_at_once(dworld: SimpleNamespace, client: Client) -> None:
    system = url_of(PAGES[0], dworld)
    sign_in(client, dworld.system_lead)
    client.get(system)
    later = build_version(dimensions=2, levels=4)
    assert f'<option value="{later.framework_id}"' in client.get(system).content.decode()


def test_a_system_dashboard_once_drawn_costs_one_query_for_the_system(
    dworld: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    system = url_of(PAGES[0], dworld)
    sign_in(client, dworld.system_lead)
    client.get(system)
    # The session, the person and the system they oversee: the frameworks, places, forms and tables are kept.
    with django_assert_max_num_queries(3):
        assert client.get(system).status_code == 200
