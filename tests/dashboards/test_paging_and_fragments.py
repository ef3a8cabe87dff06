"""The system dashboard's pages of networks, and the rendered parts of each dashboard that are cached: per system,
filters and page, or per viewer class on the rolled-up views, never one viewer's page shown to another."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.dashboards.conftest import add_networks, assess
from tests.signing_in import sign_in
from wayfinder.core.roles import AppointmentRole
from wayfinder.dashboards import views

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    return 2


def system_url(world: SimpleNamespace, query: str = "") -> str:
    return f"/systems/{world.system_a.pk}/dashboard/" + (f"?{query}" if query else "")


def heatmap_networks(html: str) -> list[str]:
    """The networks in the heatmap's rows, in order."""
    table = html.split('class="nhsuk-table wf-heatmap"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'wf-heat-network"><a href="[^"]+">([^<]+)</a>', table)


# Pages of networks on a system dashboard -------------------------------------------------------------------


def test_a_system_with_more_networks_than_a_page_is_paged_by_name(
    dworld: SimpleNamespace, client: Client, small_pages: int
) -> None:
    added = add_networks(dworld.system_a, dworld.version, 3)  # 5 networks: pages of 2, 2 and 1
    names = sorted(["Riverside PCN", "Quality Improvement Circle", *(n.name for n in added)])
    sign_in(client, dworld.system_lead)

    first = client.get(system_url(dworld)).content.decode()
    assert heatmap_networks(first) == names[:2]
    assert "Showing networks 1 to 2 of 5, by name (page 1 of 3)" in first
    assert "page=2#networks" in first and "Page 2 of 3" in first
    assert "The downloads list every network, not only this page." in first
    # The whole system's figures are not paged: 5 of 5 networks assessed, and the intro counts every network.
    assert "5 of 5 networks have a closed round" in first

    last = client.get(system_url(dworld, "page=3")).content.decode()
    assert heatmap_networks(last) == names[4:]
    assert "page=2#networks" in last and "page=4" not in last


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("0", 1), ("-4", 1), ("99", 2)])
def test_a_page_that_does_not_exist_shows_the_nearest_one(
    dworld: SimpleNamespace, client: Client, small_pages: int, asked: str, shown: int
) -> None:
    add_networks(dworld.system_a, dworld.version, 1)  # 3 networks: 2 pages
    sign_in(client, dworld.system_lead)
    response = client.get(system_url(dworld, f"page={asked}"))
    assert response.status_code == 200
    assert f"(page {shown} of 2)" in response.content.decode()


def test_page_links_keep_the_filters_that_were_used(dworld: SimpleNamespace, client: Client, small_pages: int) -> None:
    add_networks(dworld.system_a, dworld.version, 1)
    sign_in(client, dworld.system_lead)
    html = client.get(system_url(dworld, "closes_from=2001-01-01&closes_to=not-a-date")).content.decode()
    assert "?closes_from=2001-01-01&amp;page=2#networks" in html
    assert "not-a-date&amp;page" not in html  # a filter that was not used is not carried on


def test_the_movement_and_readiness_tables_show_the_page_of_networks(
    dworld: SimpleNamespace, client: Client, small_pages: int
) -> None:
    (added,) = add_networks(dworld.system_a, dworld.version, 1)  # by name: the added network, QI, Riverside
    sign_in(client, dworld.system_lead)
    for page, shown, not_shown in [("1", added.name, "Riverside PCN"), ("2", "Riverside PCN", added.name)]:
        html = client.get(system_url(dworld, f"page={page}")).content.decode()
        assert shown in heatmap_networks(html)
        movement = html.split('id="movement"', 1)[1].split("</table>", 1)[0]
        readiness = html.split('id="readiness"', 1)[1].split("</table>", 1)[0]
        assert shown in movement and shown in readiness
        assert not_shown not in movement and not_shown not in readiness


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloads_hold_every_network_whatever_the_page(
    dworld: SimpleNamespace, client: Client, small_pages: int, fmt: str
) -> None:
    add_networks(dworld.system_a, dworld.version, 3)
    sign_in(client, dworld.system_lead)
    response = client.get(system_url(dworld, f"page=2&format={fmt}"))
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
        assert len(rows) == 5
    else:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content))
        assert len(list(book["Dashboard"].iter_rows(min_row=5, values_only=True))) == 5


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["1", "2"])
def test_a_page_of_a_system_costs_the_same_queries_at_3_and_15_networks(
    dworld: SimpleNamespace,
    client: Client,
    django_assert_num_queries: Callable[..., Any],
    small_pages: int,
    page: str,
) -> None:
    url = system_url(dworld, f"page={page}")
    add_networks(dworld.system_a, dworld.version, 1)
    sign_in(client, dworld.system_lead)
    client.get(url)
    cached_small = _count(client, url)
    cache.clear()
    worked_out_small = _count(client, url)
    add_networks(dworld.system_a, dworld.version, 12)
    cache.clear()
    with django_assert_num_queries(worked_out_small):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(cached_small):
        assert client.get(url).status_code == 200
    assert cached_small < worked_out_small


# Cached rendered parts: per viewer class, and gone when the data changes -----------------------------------


def test_a_page_cached_for_the_national_team_is_never_shown_to_others(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.national)
    national = client.get("/national/dashboard/").content.decode()
    assert "Networks assessed" in national and "North of England" in national
    client.logout()
    sign_in(client, dworld.lead)
    html = client.get("/national/dashboard/").content.decode()
    assert "we do not show any figures" in html
    assert "Networks assessed" not in html


def test_a_regional_page_cached_for_its_lead_is_never_shown_to_others(dworld: SimpleNamespace, client: Client) -> None:
    bigger = f.SystemFactory.create(name="Lakeside ICS", code="QC1", region=dworld.region)
    add_networks(bigger, dworld.version, 5)
    url = f"/regions/{dworld.region.pk}/dashboard/"
    sign_in(client, dworld.regional_lead)
    html = client.get(url).content.decode()
    assert f'href="/systems/{bigger.pk}/dashboard/"' in html
    assert "Fewer than 5 networks: not shown" not in html
    client.logout()
    # A system lead of the small system: their own system broken out and a link to it, the other system's
    # figures (5 networks) but no link to it.
    sign_in(client, dworld.system_lead)
    html = client.get(url).content.decode()
    assert f'href="/systems/{dworld.system_a.pk}/dashboard/"' in html
    assert f'href="/systems/{bigger.pk}/dashboard/"' not in html
    client.logout()
    sign_in(client, dworld.outsider)
    html = client.get(url).content.decode()
    assert "Fewer than 5 networks: not shown" in html
    assert 'href="/systems/' not in html.split('id="groups"', 1)[1]


def test_two_system_leads_of_one_region_each_see_their_own_system_on_its_page(
    dworld: SimpleNamespace, client: Client
) -> None:
    """The regional page with no filters is kept per viewer's roles: another system's lead, after the first, gets
    their own page (their system broken out and linked), not the one kept for the first."""
    other = f.SystemFactory.create(name="Lakeside ICS", code="QC1", region=dworld.region)
    add_networks(other, dworld.version, 5)
    other_lead = f.UserFactory.create(email="lakeside@example.org")
    f.AppointmentFactory.create(user=other_lead, role=AppointmentRole.SYSTEM_LEAD, system=other)
    url = f"/regions/{dworld.region.pk}/dashboard/"
    sign_in(client, dworld.system_lead)
    first = client.get(url).content.decode()
    assert f'href="/systems/{dworld.system_a.pk}/dashboard/"' in first
    assert f'href="/systems/{other.pk}/dashboard/"' not in first
    client.logout()
    sign_in(client, other_lead)
    second = client.get(url).content.decode()
    assert f'href="/systems/{other.pk}/dashboard/"' in second
    assert f'href="/systems/{dworld.system_a.pk}/dashboard/"' not in second


@pytest.mark.parametrize("path", ["/national/dashboard/", "/national/support-and-progress/"])
def test_a_rolled_up_page_with_no_filters_is_one_cache_read_once_drawn(
    dworld: SimpleNamespace, client: Client, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once drawn, England's pages with no filters read their parts in one round trip to the cache, and the
    signed-in person in one more (besides the session and the unread count), with no query but the session's."""
    sign_in(client, dworld.national)
    assert client.get(path).status_code == 200
    reads: list[list[str]] = []
    get_many = cache.get_many

    def counted(keys: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    # The session is read from the database where there is no shared cache (settings.SESSION_ENGINE).
    assert [q["sql"] for q in queries if "django_session" not in q["sql"]] == []
    dashboard_reads = [keys for keys in reads if any(key.startswith("dashboards:national:") for key in keys)]
    assert len(dashboard_reads) == 1
    person_reads = [keys for keys in reads if any(key.startswith(("signed-in:", "reach:", "totp:")) for key in keys)]
    assert person_reads == [[f"person:{dworld.national.pk}", f"signed-in:{dworld.national.pk}"]]


def test_viewers_of_the_same_class_share_one_cached_page(dworld: SimpleNamespace) -> None:
    ids = {1, 2, 3}
    everyone = views.viewer_class(ids=ids, sees_all=False, oversees=set(), openable=ids)
    assert everyone == views.viewer_class(ids=ids, sees_all=False, oversees=set(), openable={1, 2, 3, 99})
    assert everyone != views.viewer_class(ids=ids, sees_all=False, oversees={2}, openable=ids)
    assert everyone != views.viewer_class(ids=ids, sees_all=True, oversees=ids, openable=ids)


NEW_LEVEL = [
    # The restricted network's own cell on the system page; the average of 4 and 5 on the rolled-up pages.
    ("/systems/{system}/dashboard/", 'wf-heat--5 wf-heat--median">5<'),
    ("/regions/{region}/dashboard/", '>4.5<span class="nhsuk-u-visually-hidden"> average'),
    ("/national/dashboard/", '>4.5<span class="nhsuk-u-visually-hidden"> average'),
]


@pytest.mark.parametrize(("path", "new"), NEW_LEVEL)
def test_a_new_round_shows_on_the_next_request(dworld: SimpleNamespace, client: Client, path: str, new: str) -> None:
    url = path.format(system=dworld.system_a.pk, region=dworld.region.pk)
    sign_in(client, dworld.national)
    before = client.get(url).content.decode()
    assert new not in before
    # A new round at the top level for the restricted network, closed yesterday: its summary changes and the
    # scope's generation moves on, so the cached rendered page is not used again.
    assess(dworld.restricted, dworld.version, days_ago=29, ratings=[[5, 5, 5], [5, 5, 5]])
    after = client.get(url).content.decode()
    assert new in after


@pytest.mark.parametrize("path", ["/systems/{system}/dashboard/", "/national/dashboard/"])
def test_the_cached_blank_filter_form_never_hides_what_someone_chose(
    dworld: SimpleNamespace, client: Client, path: str
) -> None:
    url = path.format(system=dworld.system_a.pk)
    sign_in(client, dworld.national)
    blank = client.get(url + "?page=2").content.decode()
    # A page number is not a filter: the form stays closed.
    assert '<details class="nhsuk-details" open>' not in blank
    chosen = client.get(url + "?closes_from=2001-01-01").content.decode()
    assert '<details class="nhsuk-details" open>' in chosen
    assert 'value="2001-01-01"' in chosen
    again = client.get(url).content.decode()
    assert 'value="2001-01-01"' not in again
