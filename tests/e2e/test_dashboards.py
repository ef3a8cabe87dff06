"""A system lead's dashboard in a browser: the heatmap, a filter, a drill-down to one network and a download.
Every page is checked with axe and at 320px wide."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.dashboards.conftest import assess, default_stand_in, grow
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import PASSWORD
from tests.signing_in import sign_in_browser

pytestmark = pytest.mark.django_db(transaction=True)


def check(page: Any) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_a_system_lead_reads_the_heatmap_drills_down_and_downloads(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    version = default_stand_in(dimensions=4, levels=5)
    grow(world.open, version)
    assess(world.restricted, version, days_ago=30, ratings=[[4, 4, 4, 2]])
    base = live_server.url
    page = new_context(accept_downloads=True).new_page()
    sign_in_browser(page, base, world.system_lead.email, PASSWORD)

    go(page, page.get_by_role("link", name="Dashboard", exact=True))
    expect(page.get_by_role("heading", name="System dashboard")).to_be_visible()
    heatmap = page.get_by_role(
        "table", name="Networks in Riverside ICS: last assessment, plan and level on each dimension"
    )
    expect(heatmap).to_be_visible()
    expect(heatmap.get_by_role("row", name="Riverside PCN")).to_contain_text("Has a plan")
    expect(page.get_by_role("table", name="Support needs by domain")).to_be_visible()
    check(page)

    page.get_by_text("Filter the dashboard").click()
    page.get_by_label("Rounds closed from").fill("2001-01-01")
    page.get_by_label("Rounds closed by").fill("2000-01-01")
    go(page, page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_text("The end date must be the same as or after the start date").first).to_be_visible()
    check(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Networks table (CSV)").click()
    download = info.value
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert {row[0] for row in rows[1:]} == {"Riverside PCN", "Quality Improvement Circle"}

    go(page, page.get_by_role("link", name="Riverside PCN").first)
    expect(page.get_by_role("heading", name="Riverside PCN")).to_be_visible()
    check(page)


def test_a_regional_lead_drills_down_to_a_system_and_pages_through_its_networks(
    live_server: Any, new_context: Any, world: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.cache import cache

    from wayfinder.dashboards import views

    cache.clear()  # ids are reused between browser tests: start with no dashboard cached
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    version = default_stand_in(dimensions=4, levels=5)
    grow(world.open, version)
    assess(world.restricted, version, days_ago=30, ratings=[[4, 4, 4, 2]])
    base = live_server.url
    page = new_context().new_page()
    sign_in_browser(page, base, world.regional_lead.email, PASSWORD)

    go(page, page.get_by_role("link", name="Dashboard", exact=True))
    expect(page.get_by_role("heading", name="North of England dashboard")).to_be_visible()
    systems = page.get_by_role("table", name="Systems: networks assessed and the average level on each dimension")
    expect(systems.get_by_role("row", name="Riverside ICS")).to_contain_text("2 of 2")
    check(page)

    go(page, systems.get_by_role("link", name="Riverside ICS"))
    expect(page.get_by_role("heading", name="System dashboard")).to_be_visible()
    expect(page.get_by_text("Showing networks 1 to 1 of 2")).to_be_visible()
    check(page)

    go(page, page.get_by_role("link", name="Next").first)
    expect(page.get_by_text("Showing networks 2 to 2 of 2")).to_be_visible()
    heatmap = page.get_by_role(
        "table", name="Networks in Riverside ICS: last assessment, plan and level on each dimension"
    )
    expect(heatmap.get_by_role("row", name="Riverside PCN")).to_be_visible()
    check(page)
