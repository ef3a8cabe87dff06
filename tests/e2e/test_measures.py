"""A network lead defines a measure, links it to a plan priority, imports 24 months of values in which the process
changed, sees the shift and its icons, marks the step change, and finds the chart under the priority on the plan.
With JavaScript every page is checked with axe and at 320px wide; the same flow works without JavaScript."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tests import factories as f
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in_browser
from wayfinder.measures.models import Measure

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [41, 39, 42, 40, 38, 41, 40, 43, 39, 40, 42, 41]
AFTER = [31, 29, 30, 32, 28, 31, 30, 29, 31, 30, 32, 29]


def values_file() -> bytes:
    lines = ["Measure,Period,Value"]
    for i, value in enumerate(BEFORE + AFTER):
        day = dt.date(2025 + i // 12, i % 12 + 1, 1)
        lines.append(f"Days to a routine appointment,{day:%Y-%m},{value}")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_lead_defines_imports_and_reads_a_measure(
    live_server: Any, new_context: Any, world: SimpleNamespace, javascript: bool
) -> None:
    plan = f.PlanFactory.create(network=world.open, title="Riverside plan")
    priority = f.PriorityFactory.create(
        plan=plan, title="Faster access to routine care", support_domain_id="leadership-development"
    )
    base = live_server.url
    page = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(page, base, world.lead.email, check=javascript)

    def check() -> None:
        if javascript:
            assert_accessible(page)
            assert_fits_320(page)

    page.goto(f"{base}/networks/riverside-pcn/")
    go(page, page.get_by_role("link", name="Measures", exact=True).last)
    assert page.url.endswith("/networks/riverside-pcn/measures/")
    check()

    go(page, page.get_by_role("button", name="Write your own measure"))
    check()
    go(page, page.get_by_role("button", name="Save the measure"))
    assert "Enter the measure's name" in page.content()  # nothing filled in: every field says what it needs
    check()
    page.fill("#id_name", "Days to a routine appointment")
    page.fill("#id_description", "Median days from asking to a routine GP appointment, from the booking system.")
    page.fill("#id_unit", "days")
    page.get_by_label("Operations").check()
    page.get_by_label("Lower is better").check()
    page.get_by_label("Monthly").check()
    page.fill("#id_target", "36")
    go(page, page.get_by_role("button", name="Save the measure"))
    measure = Measure.objects.get(network=world.open)
    assert page.url.endswith(measure.get_absolute_url())
    check()

    go(page, page.get_by_role("link", name="Link it to plan priorities"))
    check()
    page.get_by_label("Faster access to routine care (Riverside plan)").check()
    go(page, page.get_by_role("button", name="Save the links"))
    assert list(measure.priorities.all()) == [priority]

    page.goto(f"{base}/networks/riverside-pcn/measures/import/")
    check()
    page.locator("input[type=file]").set_input_files(
        {"name": "values.csv", "mimeType": "text/csv", "buffer": values_file()}
    )
    go(page, page.get_by_role("button", name="Upload the file"))
    assert "The file has no problems" in page.content()
    assert not measure.values.exists()  # a dry run saves nothing
    check()
    page.locator("input[type=file]").set_input_files(
        {"name": "values.csv", "mimeType": "text/csv", "buffer": values_file()}
    )
    page.get_by_label("Check the file without saving").uncheck()
    go(page, page.get_by_role("button", name="Upload the file"))
    assert measure.values.count() == 24
    assert "24 rows: 24 new" in page.content()
    check()

    go(page, page.get_by_role("link", name="Days to a routine appointment"))
    summary = page.locator("#measure-summary").inner_text()
    assert summary.startswith("Special cause improvement: 12 points in a row below the mean since January 2026")
    assert page.get_by_text("Special cause improvement (low)").is_visible()  # the variation icon's words
    assert page.locator("svg.wf-spc-icon--improvement-low").count() == 1
    # The chart is an image named by its summary, and its numbers are in a table a screen reader can read.
    chart = page.get_by_role("img", name="Days to a routine appointment: days by month")
    assert chart.count() == 1
    table = page.get_by_role("table", name="Values, mean, process limits and signals by period")
    assert table.get_by_role("row").count() == 25
    assert "Improvement: shift" in table.get_by_role("row", name="December 2026").inner_text()
    check()

    # The process changed in January 2026: marking it works out new limits from there.
    go(page, page.get_by_role("link", name="Note on January 2026"))
    check()
    page.fill("#id_note", "New triage model started")
    page.get_by_label("The process changed from this period").check()
    go(page, page.get_by_role("button", name="Save"))
    assert page.locator("#measure-summary").inner_text().startswith("Common cause variation")
    assert "New triage model started" in page.content()
    assert page.get_by_text("The target will be met consistently").is_visible()
    check()

    page.goto(f"{base}/plans/{plan.pk}/")
    section = page.locator(f"section:has(#priority-{priority.pk})").last
    assert section.get_by_role("img", name="Days to a routine appointment: days by month").count() == 1
    assert "Common cause variation" in section.inner_text()
    check()
