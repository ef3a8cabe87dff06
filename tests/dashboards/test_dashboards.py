"""What the dashboards show, how they treat bad filters, what they cost in queries and what their exports hold."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories as f
from tests.dashboards.conftest import add_networks, assess
from tests.documents import pdf_text
from tests.factories import build_version
from tests.signing_in import sign_in
from wayfinder.dashboards import queries
from wayfinder.networks.models import Network

pytestmark = pytest.mark.django_db


def system_url(world: SimpleNamespace) -> str:
    return f"/systems/{world.system_a.pk}/dashboard/"


# What the system dashboard shows ---------------------------------------------------------------------------


def test_it_takes_the_agreed_level_else_the_median_of_the_latest_round(dworld: SimpleNamespace) -> None:
    data = queries.dashboard(
        Network.objects.filter(system=dworld.system_a),
        queries.Filters(),
        choices=queries.framework_choices(Network.objects.filter(system=dworld.system_a), timezone.localdate()),
    )
    rows = {row.name: row for row in data.networks}
    assert "Quiet Network" not in rows  # confidential
    grown = rows["Riverside PCN"]
    assert [c.value for c in grown.cells] == [3.0, 3.0, 4.0]
    assert [c.agreed for c in grown.cells] == [True, False, False]
    assert grown.has_current_plan
    assert grown.last_assessed == timezone.localdate() - timedelta(days=60) + timedelta(days=28)
    # Movement: from 1, 1, 1 to 3, 3, 4.
    assert (grown.dimensions_up, grown.dimensions_down, grown.average_change) == (3, 0, 2.33)
    assert grown.readiness_done == 2
    once = rows["Quality Improvement Circle"]
    assert once.previous_round_id is None and not once.has_current_plan
    assert [d.counts for d in data.distribution()] == [(0, 0, 1, 1, 0), (0, 0, 1, 1, 0), (0, 0, 0, 2, 0)]
    needs = {n.key: (n.priorities, n.requests) for n in data.needs}
    assert needs["pcn-set-up"] == (0, 1)
    assert needs["leadership-development"] == (1, 0)


def test_the_system_page_shows_the_heatmap_as_a_table_with_numbers_and_patterns(
    dworld: SimpleNamespace, client: Client
) -> None:
    sign_in(client, dworld.system_lead)
    html = client.get(system_url(dworld)).content.decode()
    assert "wf-heat--3 wf-heat--agreed" in html
    assert "wf-heat--4 wf-heat--median" in html
    assert "<caption" in html and "Networks in Riverside ICS" in html
    assert "Has a plan" in html and "No plan" in html
    assert "2/9" in html  # readiness of the PCN
    assert "<svg" in html  # the distribution charts
    assert "Movement since the previous round" in html


# Filters ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("closes_from=31-02-2026", "Enter a real date"),
        ("closes_to=not-a-date", "Enter a real date"),
        ("closes_from=2027-01-01&closes_to=2026-01-01", "must be the same as or after"),
        ("framework=abc", "Choose a framework from the list"),
        ("framework=999999", "Choose a framework from the list"),
        ("place=999999", "Choose a place from the list"),
        ("purpose=whatever", "Select a valid choice"),
    ],
)
def test_bad_filters_are_ignored_with_a_message(
    dworld: SimpleNamespace, client: Client, query: str, message: str
) -> None:
    sign_in(client, dworld.system_lead)
    response = client.get(f"{system_url(dworld)}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Some filters were not used" in html
    assert "Riverside PCN" in html


@pytest.mark.parametrize("path", ["/regions/{region}/dashboard/", "/national/dashboard/"])
def test_bad_filters_never_break_the_rolled_up_views(dworld: SimpleNamespace, client: Client, path: str) -> None:
    sign_in(client, dworld.national)
    response = client.get(path.format(region=dworld.region.pk) + "?closes_from=2026-13-40&framework=x&format=doc")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a real date" in html
    assert "We cannot make a download of that type" in html


def test_filters_narrow_the_rounds(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.system_lead)
    cutoff = (timezone.localdate() - timedelta(days=200)).isoformat()
    html = client.get(f"{system_url(dworld)}?closes_to={cutoff}").content.decode()
    # Only the baseline at 1s is left for the grown PCN; the restricted network's round is too recent.
    assert "1 of 2 networks have a closed round" in html
    html = client.get(f"{system_url(dworld)}?purpose=annual").content.decode()
    assert "0 of 2 networks have a closed round" in html


def test_the_place_filter_keeps_networks_of_that_place(dworld: SimpleNamespace, client: Client) -> None:
    place = f.PlaceFactory.create(system=dworld.system_a, name="Upper Valley")
    Network.objects.filter(pk=dworld.open.pk).update(place=place)
    sign_in(client, dworld.system_lead)
    html = client.get(f"{system_url(dworld)}?place={place.pk}").content.decode()
    assert "Riverside PCN" in html
    assert "Quality Improvement Circle" not in html


def test_another_framework_can_be_chosen(dworld: SimpleNamespace, client: Client) -> None:
    other = build_version(dimensions=2, levels=4)
    assess(dworld.restricted, other, days_ago=40, ratings=[[2, 2]])
    sign_in(client, dworld.system_lead)
    html = client.get(f"{system_url(dworld)}?framework={other.framework_id}").content.decode()
    assert f"<strong>{other.framework.name}</strong>" in html
    assert "1 of 2 networks have a closed round" in html


# Query counts: the same at 3 and at 15 networks, worked out or from the cache -------------------------------


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("system_lead", "/systems/{system}/dashboard/"),
        ("system_lead", "/systems/{system}/dashboard/?format=csv"),
        ("system_lead", "/systems/{system}/dashboard/?format=xlsx"),
        ("regional_lead", "/regions/{region}/dashboard/"),
        ("regional_lead", "/regions/{region}/dashboard/?format=xlsx"),
        ("system_lead", "/regions/{region}/dashboard/"),
        ("lead", "/regions/{region}/dashboard/"),
        ("regional_lead", "/national/dashboard/"),
        ("national", "/national/dashboard/"),
        ("national", "/national/dashboard/?format=csv"),
        ("lead", "/national/dashboard/"),
    ],
)
def test_each_dashboard_costs_the_same_queries_at_3_and_15_networks(
    dworld: SimpleNamespace,
    client: Client,
    django_assert_num_queries: Callable[..., Any],
    role: str,
    url: str,
) -> None:
    url = url.format(system=dworld.system_a.pk, region=dworld.region.pk)
    add_networks(dworld.system_a, dworld.version, 1)  # 3 networks with rounds
    sign_in(client, getattr(dworld, role))
    client.get(url)  # warm up: the session and the user's appointments
    cached_small = _count(client, url)
    cache.clear()
    worked_out_small = _count(client, url)
    add_networks(dworld.system_a, dworld.version, 12)  # 15 networks with rounds
    add_networks(dworld.system_b, dworld.version, 6)
    cache.clear()
    with django_assert_num_queries(worked_out_small):
        assert client.get(url).status_code == 200
    # The second request is served from the cache: fewer queries, and still the same at 15 networks.
    assert cached_small < worked_out_small
    with django_assert_num_queries(cached_small):
        assert client.get(url).status_code == 200


# Exports ---------------------------------------------------------------------------------------------------


def test_the_system_csv_has_a_row_per_network(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.system_lead)
    response = client.get(f"{system_url(dworld)}?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Network", "Place", "Primary care network", "Last assessed", "Plan covering today"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Riverside PCN", "Quality Improvement Circle"}
    grown = by_name["Riverside PCN"]
    assert grown[4] == "Yes"
    assert grown[5:8] == ["3", "3", "4"]
    assert grown[8:12] == ["3", "0", "2.33", "2"]


def test_the_system_workbook_has_the_table_distribution_and_needs(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.system_lead)
    response = client.get(f"{system_url(dworld)}?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Dashboard", "Distribution", "Support needs"]
    table = list(book["Dashboard"].iter_rows(min_row=4, values_only=True))
    assert table[0][0] == "Network"
    assert {row[0] for row in table[1:]} == {"Riverside PCN", "Quality Improvement Circle"}
    spread = list(book["Distribution"].iter_rows(values_only=True))
    assert spread[1][1:] == (0, 0, 1, 1, 0)
    needs = {row[0]: row[1:] for row in book["Support needs"].iter_rows(min_row=2, values_only=True)}
    assert sum(row[2] for row in needs.values()) == 2


def test_a_suppressed_view_exports_no_figures(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.lead)
    response = client.get(f"/regions/{dworld.region.pk}/dashboard/?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Dashboard"]
    rows = list(book["Dashboard"].iter_rows(min_row=5, values_only=True))
    assert rows[0][:2] == ("Riverside ICS", "Fewer than 5 networks: not shown")
    csv_rows = list(csv.reader(io.StringIO(client.get("/national/dashboard/?format=csv").content.decode())))
    assert all(len(row) == 2 for row in csv_rows[1:])


def test_the_national_csv_has_a_row_per_region(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.national)
    rows = list(csv.reader(io.StringIO(client.get("/national/dashboard/?format=csv").content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Region", "Networks", "Networks assessed"]
    north = next(row for row in rows if row[0] == "North of England")
    assert north[1:3] == ["2", "2"]
    assert north[3:6] == ["3.5", "3.5", "4"]


def test_the_system_pdf_is_a_pdf_with_the_chart(
    dworld: SimpleNamespace, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pypdf is not installed, so read what WeasyPrint is handed: the PDF is made from exactly this HTML.
    import weasyprint

    handed: list[str] = []
    real_html = weasyprint.HTML

    def recording_html(*args: Any, **kwargs: Any) -> Any:
        handed.append(kwargs["string"])
        return real_html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", recording_html)
    sign_in(client, dworld.system_lead)
    response = client.get(f"{system_url(dworld)}?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    (html,) = handed
    # The heatmap: a table of networks with each level's class, agreed levels marked.
    assert "<table" in html and "Riverside PCN" in html and "Quality Improvement Circle" in html
    assert '<td class="wf-heat wf-heat--3"><strong>3</strong></td>' in html
    # The distribution charts, drawn as SVG, one per dimension.
    assert html.count("<svg") == 3
    assert "networks at each level" in html


def test_the_system_pdf_holds_every_section_of_the_page_with_each_chart_titled(
    dworld: SimpleNamespace, client: Client, tmp_path: Path
) -> None:
    sign_in(client, dworld.system_lead)
    text = pdf_text(client.get(f"{system_url(dworld)}?format=pdf").content, tmp_path)
    sections = [
        "Networks",
        "Levels on each dimension",
        "Movement since the previous round",
        "Support needs by domain",
        "PCN readiness",
    ]
    starts = [text.index(f"\n{heading}\n") for heading in sections]
    assert starts == sorted(starts), "the sections are in the page's order"
    charts = text[starts[1] : starts[2]]
    # Each chart under its dimension's name, in order, with its levels.
    titles = [charts.index(f"{n}. Dimension {n} of the matrix") for n in (1, 2, 3)]
    assert titles == sorted(titles)
    for start, end in zip(titles, [*titles[1:], len(charts)], strict=True):
        assert "1 Foundation" in charts[start:end] and "5 Thriving" in charts[start:end]
    movement = text[starts[2] : starts[3]].split()
    # Riverside PCN moved from 1, 1, 1 to 3, 3, 4: three dimensions up, none down, +2.3 on average (to one place).
    assert movement[movement.index("PCN") + 1 : movement.index("PCN") + 4] == ["3", "0", "+2.3"]
    assert "Quality Improvement Circle" not in text[starts[2] : starts[3]]  # one round only
    readiness = text[starts[4] :]
    assert "Riverside PCN" in readiness and "2/9" in readiness
