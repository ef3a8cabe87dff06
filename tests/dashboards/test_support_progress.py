"""Support and progress: delivered support joined to the rounds before and after it, for a network, a system, a
region and England; who sees which network's support, costs and movement; suppression below 5 networks; query
counts at two data sizes; and the cache following a change to support."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
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

from tests.dashboards.conftest import add_networks, committed
from tests.documents import pdf_text
from tests.signing_in import sign_in
from wayfinder.frameworks.models import Dimension, FrameworkVersion, SupportDomain
from wayfinder.networks.models import Network
from wayfinder.plans import services as plan_services
from wayfinder.plans.models import Plan, Priority
from wayfinder.support import services
from wayfinder.support.models import SupportRequest

pytestmark = pytest.mark.django_db

NOT_SHOWN = "Not shown: fewer than 5 networks"


def deliver(
    world: SimpleNamespace,
    network: Network,
    *,
    starts: int = 350,
    ends: int = 100,
    dimensions: tuple[int, ...] = (1,),
    domain: str = "leadership-development",
    provider: str = "Coaches Ltd",
    cost: str = "1000.00",
) -> SupportRequest:
    """Support asked for, accepted, commissioned (from `starts` to `ends` days ago) and delivered, as the services
    do it."""
    today = timezone.localdate()
    version: FrameworkVersion = world.version
    with committed():
        request = services.support_request_create(
            network=network,
            requested_by=world.lead,
            domain=SupportDomain.objects.get(key=domain),
            what="Coaching for the leaders",
            why="Leadership is our lowest level",
            dimensions=Dimension.objects.filter(version=version, position__in=dimensions),
        )
        services.support_request_decide(support_request=request, decided_by=world.system_lead, decision="accept")
        services.commissioned_support_record(
            support_request=request,
            recorded_by=world.system_lead,
            provider=provider,
            cost=Decimal(cost),
            funding_source="system",
            spend_category="commissioned-provider",
            starts_on=today - timedelta(days=starts),
            ends_on=today - timedelta(days=ends),
        )
        services.support_request_decide(support_request=request, decided_by=world.system_lead, decision="deliver")
    return request


def csv_rows(client: Client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def row_for(rows: list[list[str]], grouped_by: str, name: str) -> list[str]:
    return next(row for row in rows if row[:2] == [grouped_by, name])


def system_url(world: SimpleNamespace) -> str:
    return f"/systems/{world.system_a.pk}/support-and-progress/"


# One network ------------------------------------------------------------------------------------------------


def test_a_networks_page_shows_its_levels_before_and_after_the_support_and_the_change(
    dworld: SimpleNamespace, client: Client
) -> None:
    deliver(dworld, dworld.open, dimensions=(1, 2))
    sign_in(client, dworld.member)
    html = client.get("/networks/riverside-pcn/support-and-progress/").content.decode()
    assert "Coaches Ltd" in html
    assert "£1,000.00" in html
    # The baseline rated every dimension 1; the progress round agreed 3 on the first, with a median of 3 on the second.
    assert "+2 on average" in html
    assert "Dimension 1 of the matrix" in html


def test_without_a_round_after_the_support_the_page_says_when_the_next_is_due(
    dworld: SimpleNamespace, client: Client
) -> None:
    deliver(dworld, dworld.open, starts=50, ends=10)
    sign_in(client, dworld.lead)
    html = client.get("/networks/riverside-pcn/support-and-progress/").content.decode()
    assert "No round has closed since the support ended." in html
    assert "a year after the last one" in html
    assert "Not known yet" in html


def test_the_network_page_shows_progress_from_plan_reviews_on_priorities_in_the_same_domain(
    dworld: SimpleNamespace, client: Client
) -> None:
    deliver(dworld, dworld.open, starts=30, ends=5)
    plan = Plan.objects.get(network=dworld.open)
    priority = Priority.objects.get(plan=plan)  # in leadership development, like the support
    with committed():
        plan_services.review_record(
            plan=plan,
            user=dworld.lead,
            reviewed_on=timezone.localdate(),
            round_=None,
            progress={priority.pk: ("on_track", "Coaching has started")},
        )
    sign_in(client, dworld.lead)
    html = client.get("/networks/riverside-pcn/support-and-progress/").content.decode()
    assert "Lead together" in html
    assert "On track" in html
    assert "Coaching has started" in html


def test_the_network_download_has_a_row_per_dimension(dworld: SimpleNamespace, client: Client) -> None:
    deliver(dworld, dworld.open, dimensions=(1, 2))
    sign_in(client, dworld.lead)
    rows = csv_rows(client, "/networks/riverside-pcn/support-and-progress/?format=csv")
    assert rows[1][:3] == ["Support", "Support domain", "Provider"]
    assert [row[10:] for row in rows[2:]] == [
        ["Dimension 1 of the matrix", "1.0", "3.0", "2.0"],
        ["Dimension 2 of the matrix", "1.0", "3.0", "2.0"],
    ]
    response = client.get("/networks/riverside-pcn/support-and-progress/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert "not proof" in str(sheet["A2"].value)
    assert [cell.value for cell in sheet[5]][10:] == ["Dimension 1 of the matrix", 1, 3, 2]


# (role, may open the open PCN's support and progress)
NETWORK_PAGE = [
    ("lead", True),
    ("member", True),
    ("system_lead", True),
    ("regional_lead", True),
    ("national", True),
    ("admin", True),
    ("external", False),
    ("outsider", False),
]


@pytest.mark.parametrize(("role", "may_open"), NETWORK_PAGE)
def test_who_sees_a_networks_support_costs_and_movement(
    dworld: SimpleNamespace, client: Client, role: str, may_open: bool
) -> None:
    deliver(dworld, dworld.open)
    sign_in(client, getattr(dworld, role))
    for url in (
        "/networks/riverside-pcn/support-and-progress/",
        "/networks/riverside-pcn/support-and-progress/?format=csv",
    ):
        response = client.get(url)
        assert response.status_code == (200 if may_open else 404)
        assert ("Coaches Ltd" in response.content.decode("utf-8-sig")) is may_open


def test_a_confidential_network_is_hidden_from_its_system(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.system_lead)
    assert client.get("/networks/quiet-network/support-and-progress/").status_code == 404


# A system ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may_open"),
    [
        ("system_lead", True),
        ("regional_lead", True),
        ("national", True),
        ("admin", True),
        ("lead", False),
        ("member", False),
        ("outsider", False),
    ],
)
def test_only_those_who_oversee_a_system_open_its_view(
    dworld: SimpleNamespace, client: Client, role: str, may_open: bool
) -> None:
    sign_in(client, getattr(dworld, role))
    for suffix in ("", "?format=csv", "?format=xlsx"):
        assert client.get(system_url(dworld) + suffix).status_code == (200 if may_open else 404)


def test_the_system_view_shows_movement_after_support_beside_networks_not_supported(
    dworld: SimpleNamespace, client: Client
) -> None:
    add_networks(dworld.system_a, dworld.version, 5)
    deliver(dworld, dworld.open, cost="2500.50")
    sign_in(client, dworld.system_lead)
    html = client.get(system_url(dworld)).content.decode()
    assert "A comparison, not proof that the support caused the change." in html
    assert "<svg" in html
    assert "Riverside PCN" in html
    rows = csv_rows(client, system_url(dworld) + "?format=csv")
    row = row_for(rows, "Support domain", "Leadership development")
    # Networks, pieces, spent; networks with rounds either side, median, lowest, highest movement.
    assert row[2:9] == ["1", "1", "2500.5", "1", "2.0", "2.0", "2.0"]
    # The 5 other grown networks were not supported and moved +2 on dimension 1 over the same period; the
    # restricted network has one round only.
    assert row[9:13] == ["5", "2.0", "2.0", "2.0"]
    assert row_for(rows, "Provider", "Coaches Ltd")[2] == "1"
    assert row_for(rows, "Funding source", "The system's own funds")[4] == "2500.5"
    assert row_for(rows, "Support domain", "PCN set-up")[2] == "0"


def test_support_that_is_not_yet_delivered_does_not_count(dworld: SimpleNamespace, client: Client) -> None:
    request = deliver(dworld, dworld.open)
    SupportRequest.objects.filter(pk=request.pk).update(status="accepted")
    cache.clear()
    sign_in(client, dworld.system_lead)
    rows = csv_rows(client, system_url(dworld) + "?format=csv")
    assert row_for(rows, "Support domain", "Leadership development")[2] == "0"


def test_the_view_follows_new_support_at_once(dworld: SimpleNamespace, client: Client) -> None:
    sign_in(client, dworld.system_lead)
    before = csv_rows(client, system_url(dworld) + "?format=csv")
    assert row_for(before, "Support domain", "Leadership development")[2] == "0"
    deliver(dworld, dworld.open)
    after = csv_rows(client, system_url(dworld) + "?format=csv")
    assert row_for(after, "Support domain", "Leadership development")[2] == "1"


# Regions and England: suppression below 5 networks --------------------------------------------------------


# (role, sees England's figures, sees the north region's row): a regional lead oversees their region's row only.
NATIONAL_VIEW = [
    ("national", True, True),
    ("admin", True, True),
    ("regional_lead", False, True),
    ("system_lead", False, False),
    ("lead", False, False),
    ("outsider", False, False),
]


@pytest.mark.parametrize(("role", "sees", "sees_region"), NATIONAL_VIEW)
def test_figures_from_fewer_than_5_networks_show_only_to_overseers(
    dworld: SimpleNamespace, client: Client, role: str, sees: bool, sees_region: bool
) -> None:
    deliver(dworld, dworld.open)
    sign_in(client, getattr(dworld, role))
    rows = csv_rows(client, "/national/support-and-progress/?format=csv")
    row = row_for(rows, "Support domain", "Leadership development")
    assert row[2:5] == (["1", "1", "1000.0"] if sees else [NOT_SHOWN] * 3)
    region = row_for(rows, "Region", "North of England")
    assert region[2] == ("1" if sees_region else NOT_SHOWN)
    html = client.get("/national/support-and-progress/").content.decode()
    assert "Riverside PCN" not in html  # no network is named on a rolled-up view
    assert ("1,000" in html) is sees_region


def test_a_system_lead_sees_their_own_systems_row_on_the_regional_view(dworld: SimpleNamespace, client: Client) -> None:
    deliver(dworld, dworld.open)
    sign_in(client, dworld.system_lead)
    rows = csv_rows(client, f"/regions/{dworld.region.pk}/support-and-progress/?format=csv")
    assert row_for(rows, "System", "Riverside ICS")[2] == "1"
    assert row_for(rows, "Support domain", "Leadership development")[2] == NOT_SHOWN
    html = client.get(f"/regions/{dworld.region.pk}/support-and-progress/").content.decode()
    assert f'href="/systems/{dworld.system_a.pk}/support-and-progress/"' in html


def test_with_5_supported_networks_everyone_sees_the_figures(dworld: SimpleNamespace, client: Client) -> None:
    for network in add_networks(dworld.system_a, dworld.version, 5):
        deliver(dworld, network)
    sign_in(client, dworld.outsider)
    rows = csv_rows(client, "/national/support-and-progress/?format=csv")
    assert row_for(rows, "Support domain", "Leadership development")[2:9] == [
        "5",
        "5",
        "5000.0",
        "5",
        "2.0",
        "2.0",
        "2.0",
    ]


# Query counts: the same at two data sizes ------------------------------------------------------------------


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("system_lead", "/systems/{system}/support-and-progress/"),
        ("system_lead", "/systems/{system}/support-and-progress/?format=csv"),
        ("regional_lead", "/regions/{region}/support-and-progress/"),
        ("lead", "/regions/{region}/support-and-progress/"),
        ("national", "/national/support-and-progress/"),
        ("outsider", "/national/support-and-progress/?format=xlsx"),
        ("lead", "/networks/riverside-pcn/support-and-progress/"),
    ],
)
def test_each_view_costs_the_same_queries_at_two_sizes(
    dworld: SimpleNamespace, client: Client, django_assert_num_queries: Callable[..., Any], role: str, url: str
) -> None:
    url = url.format(system=dworld.system_a.pk, region=dworld.region.pk)
    deliver(dworld, dworld.open)
    for network in add_networks(dworld.system_a, dworld.version, 1):
        deliver(dworld, network)
    sign_in(client, getattr(dworld, role))
    client.get(url)  # warm up: the session and the user's appointments
    cached_small = _count(client, url)
    cache.clear()
    worked_out_small = _count(client, url)
    for network in add_networks(dworld.system_a, dworld.version, 6) + add_networks(dworld.system_b, dworld.version, 3):
        deliver(dworld, network, provider=f"Provider {network.pk % 3}")
    deliver(dworld, dworld.open, domain="pcn-set-up", starts=20, ends=10)
    cache.clear()
    with django_assert_num_queries(worked_out_small):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(cached_small):
        assert client.get(url).status_code == 200


def test_the_systems_pdf_summary_has_a_support_and_progress_section(
    dworld: SimpleNamespace, client: Client, tmp_path: Path
) -> None:
    add_networks(dworld.system_a, dworld.version, 1)
    deliver(dworld, dworld.open, provider="Coaches Ltd")
    sign_in(client, dworld.system_lead)
    response = client.get(f"/systems/{dworld.system_a.pk}/dashboard/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Support and progress" in text
    assert "A comparison, not proof that the support caused the change." in text
    assert "Coaches Ltd" in text
    assert "Riverside PCN Leadership development 1,000.00 +2" in text
