"""Did the support work? A system lead accepts a network's request, records the support commissioned and marks it
delivered; the network closes its progress check; the system's "support and progress" view shows the movement
beside networks that were not supported, drills down to the network and downloads the tables. Checked with axe
and at 320px wide, and walked again with JavaScript off."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import add_raters, build_round
from tests.signing_in import sign_in_browser
from wayfinder.assessments.models import Round
from wayfinder.dashboards import summaries
from wayfinder.frameworks.models import Dimension, FrameworkVersion, SupportDomain
from wayfinder.networks.models import Network
from wayfinder.support import services
from wayfinder.support.models import RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db(transaction=True)


def rounds_for(network: Network, version: FrameworkVersion, *, baseline: list[int], progress: list[int]) -> Round:
    """A baseline that closed over a year ago and a progress check that is open now, both rated."""
    today = timezone.localdate()
    baseline_round = build_round(network, version, opens_on=today - timedelta(days=400), title="Baseline")
    Round.objects.filter(pk=baseline_round.pk).update(closes_on=today - timedelta(days=380))
    add_raters(baseline_round, [baseline, baseline])
    progress_round = build_round(network, version, opens_on=today - timedelta(days=20), title="Progress check")
    Round.objects.filter(pk=progress_round.pk).update(closes_on=today + timedelta(days=10))
    add_raters(progress_round, [progress, progress])
    return progress_round


def setting(world: SimpleNamespace) -> SimpleNamespace:
    version = FrameworkVersion.objects.get(framework__slug="pcn-maturity-matrix", number=1)
    progress = rounds_for(world.open, version, baseline=[1, 1, 1, 1, 1], progress=[3, 2, 2, 2, 2])
    # Two PCNs of the same system that were not supported: their progress checks closed last week.
    for n in range(2):
        other = f.NetworkFactory.create(
            name=f"Unsupported PCN {n}", slug=f"unsupported-{n}", system=world.system_a, is_pcn=True, code=f"U1000{n}"
        )
        closed = rounds_for(other, version, baseline=[1, 1, 1, 1, 1], progress=[2, 2, 2, 2, 2])
        Round.objects.filter(pk=closed.pk).update(closes_on=timezone.localdate() - timedelta(days=5))
    summaries.rebuild()
    request = services.support_request_create(
        network=world.open,
        requested_by=world.lead,
        domain=SupportDomain.objects.get(key="leadership-development"),
        what="Coaching for our Clinical Director",
        why="Leadership scored lowest in our baseline",
        dimensions=Dimension.objects.filter(version=version, position=1),
    )
    return SimpleNamespace(progress=progress, request=request)


def checked(page: Any, javascript: bool) -> None:
    if javascript:
        assert_accessible(page)
        assert_fits_320(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_system_sees_movement_after_the_support_it_delivered(
    live_server: Any, new_context: Any, world: SimpleNamespace, javascript: bool
) -> None:
    base = live_server.url
    made = setting(world)
    today = timezone.localdate()

    system = new_context(java_script_enabled=javascript, accept_downloads=True).new_page()
    sign_in_browser(system, base, world.system_lead.email, check=javascript)
    system.goto(f"{base}/support-requests/{made.request.pk}/")
    go(system, system.get_by_role("button", name="Accept the request"))
    go(system, system.get_by_role("link", name="Record support commissioned for this request"))
    system.fill("#id_provider", "Regional leadership academy")
    system.fill("#id_cost", "3000")
    system.get_by_label("National PCN development funding").check()
    system.get_by_label("Support commissioned from a provider or partner").check()
    system.fill("#id_starts_on", (today - timedelta(days=300)).isoformat())
    system.fill("#id_ends_on", (today - timedelta(days=100)).isoformat())
    go(system, system.get_by_role("button", name="Save"))
    go(system, system.get_by_role("button", name="Mark as delivered"))
    assert SupportRequest.objects.get().status == RequestStatus.DELIVERED

    # Before the progress check closes, the network's page says when the round after the support closes.
    system.goto(f"{base}/networks/riverside-pcn/support-and-progress/")
    expect(system.get_by_text("No round has closed since the support ended.", exact=False)).to_be_visible()
    checked(system, javascript)

    lead = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(lead, base, world.lead.email, check=javascript)
    lead.goto(f"{base}/rounds/{made.progress.pk}/")
    go(lead, lead.get_by_role("link", name="Close the round now"))
    go(lead, lead.get_by_role("button", name="Close the round"))
    assert Round.objects.get(pk=made.progress.pk).closed_early_at is not None

    system.goto(f"{base}/systems/{world.system_a.pk}/dashboard/")
    go(system, system.get_by_role("link", name="Support and progress: did the support work?"))
    expect(system.get_by_role("heading", name="Support and progress", level=1)).to_be_visible()
    expect(system.get_by_text("A comparison, not proof that the support caused the change.").first).to_be_visible()
    domain_row = system.get_by_role("row", name=re.compile(r"^Leadership development"))
    expect(domain_row.first).to_contain_text("3,000")
    # Riverside PCN moved from 1 to 3 on leadership; the two PCNs that were not supported moved from 1 to 2.
    expect(domain_row.first).to_contain_text("+2 (+2 to +2, 1 network)")
    expect(domain_row.first).to_contain_text("+1 (+1 to +1, 2 networks)")
    checked(system, javascript)

    with system.expect_download() as download_info:
        system.get_by_role("link", name="Tables (CSV)").click()
    path = download_info.value.path()
    assert path is not None
    with open(path, encoding="utf-8-sig") as downloaded:
        rows = list(csv.reader(io.StringIO(downloaded.read())))
    row = next(r for r in rows if r[:2] == ["Support domain", "Leadership development"])
    assert row[2:9] == ["1", "1", "3000.0", "1", "2.0", "2.0", "2.0"]
    assert row[9:11] == ["2", "1.0"]

    go(system, system.get_by_role("link", name="Riverside PCN"))
    expect(system.get_by_text("+2 on average")).to_be_visible()
    expect(system.get_by_text("Regional leadership academy", exact=False).first).to_be_visible()
    checked(system, javascript)

    # England's view names no network, and hides what was worked out from fewer than 5 networks from a system lead.
    system.goto(f"{base}/national/support-and-progress/")
    expect(system.get_by_role("heading", name="Support and progress", level=1)).to_be_visible()
    expect(system.get_by_role("link", name="Riverside PCN")).to_have_count(0)
    expect(system.get_by_text("Not shown").first).to_be_visible()
    checked(system, javascript)
