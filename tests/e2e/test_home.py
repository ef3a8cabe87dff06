"""The home page in a browser: an invited member signs in, finds "Rate now" on their to-do list and reaches the
first question in one click, with and without JavaScript; a system lead's home lists what waits for them."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import PASSWORD
from tests.signing_in import sign_in_browser
from wayfinder.assessments import services
from wayfinder.assessments.models import Perspective, Round
from wayfinder.frameworks.models import FrameworkVersion, SupportDomain
from wayfinder.support.models import SupportRequest

pytestmark = pytest.mark.django_db(transaction=True)


def invited_round(world: SimpleNamespace) -> Round:
    today = timezone.localdate()
    round_ = f.RoundFactory.create(
        network=world.restricted,
        version=FrameworkVersion.objects.get(framework__slug="pcn-maturity-matrix", number=1),
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=5),
        title="Baseline 2027",
    )
    services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    return round_


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_an_invited_member_reaches_question_1_in_one_click_from_home(
    live_server: Any, new_context: Any, world: SimpleNamespace, javascript: bool
) -> None:
    base = live_server.url
    invited_round(world)
    page = new_context(java_script_enabled=javascript).new_page()

    # axe needs JavaScript, so the sign-in page is checked by the run with it.
    sign_in_browser(page, base, world.member.email, PASSWORD, check=javascript)

    expect(page.get_by_role("heading", name="Your to-do list", level=1)).to_be_visible()
    expect(page.get_by_text("Quality Improvement Circle: Baseline 2027", exact=True)).to_be_visible()
    expect(page.get_by_text("In 5 days")).to_be_visible()
    if javascript:
        assert_accessible(page)
        assert_fits_320(page)
    go(page, page.get_by_role("link", name=re.compile(r"^Rate now\s*: Quality Improvement Circle: Baseline 2027$")))
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()
    expect(page.get_by_text("Which level best describes the network now?")).to_be_visible()


def test_a_system_lead_sees_what_waits_for_them(live_server: Any, new_context: Any, world: SimpleNamespace) -> None:
    base = live_server.url
    request = SupportRequest.objects.create(
        network=world.open,
        domain=SupportDomain.objects.get(key="leadership-development"),
        what="Coaching for the new clinical director",
        why="They started last month",
    )
    page = new_context().new_page()

    sign_in_browser(page, base, world.system_lead.email, PASSWORD)

    expect(page.get_by_text("Riverside PCN: Leadership development", exact=True)).to_be_visible()
    expect(
        page.get_by_text("2 of 2 networks in Riverside ICS have not assessed in the last 12 months", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("You are not a member of any network yet")).to_have_count(0)
    assert_accessible(page)
    assert_fits_320(page)
    go(page, page.get_by_role("link", name=re.compile(r"^Decide\s*: Riverside PCN: Leadership development$")))
    assert page.url.endswith(f"/support-requests/{request.pk}/")
