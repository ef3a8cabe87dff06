"""The diagnostic in a browser: a lead opens a round, three people rate (one from outside, by the emailed link),
the results flag a disagreement and show the chart, and the workbook downloads and reads back."""

from __future__ import annotations

import io
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import PASSWORD
from tests.signing_in import sign_in_browser
from wayfinder.assessments import services
from wayfinder.assessments.models import Consensus, Perspective, Purpose, Rater, Rating
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus

pytestmark = pytest.mark.django_db(transaction=True)


def rate_every_question(page: Any, level_label: str, evidence: str = "") -> None:
    """Answer each question with the same level, checking the first question page and the check page."""
    go(page, page.get_by_role("button", name="Start"))
    first = True
    while True:
        expect(page.get_by_text("Which level best describes the network now?")).to_be_visible()
        if first:
            assert_accessible(page)
            assert_fits_320(page)
            first = False
        page.get_by_label(level_label).check()
        if evidence:
            page.get_by_label("Evidence (optional)").fill(evidence)
        go(page, page.get_by_role("button", name="Save and continue"))
        page.wait_for_load_state()
        if page.url.endswith("/check/"):
            break
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Submit ratings"))
    expect(page.get_by_text("Ratings submitted").first).to_be_visible()
    assert_accessible(page)


def test_a_round_from_opening_to_results_and_export(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace, settings: Any
) -> None:
    base = live_server.url
    settings.SITE_URL = base  # links in the mail point at the server under test

    # The lead opens a round from the network page.
    lead = new_context(accept_downloads=True).new_page()
    sign_in_browser(lead, base, world.lead.email, PASSWORD)
    lead.goto(base + "/networks/qi-circle/")
    go(lead, lead.get_by_role("link", name="Open a round"))
    assert_accessible(lead)
    lead.get_by_label("Framework").select_option(label="PCN Maturity Matrix (version 1)")
    lead.get_by_label("Baseline").check()
    lead.get_by_label("Title (optional)").fill("Baseline 2027")
    go(lead, lead.get_by_role("button", name="Open the round"))
    expect(lead.get_by_role("heading", name="Baseline 2027")).to_be_visible()
    assert_accessible(lead)
    assert_fits_320(lead)

    # Two members and one person from outside are invited.
    lead.get_by_label("Lena Lead (Network lead)").check()
    lead.get_by_label("Max Member (Member)").check()
    go(lead, lead.get_by_role("button", name="Invite members"))
    expect(lead.get_by_text("2 people have been invited by email")).to_be_visible()
    lead.get_by_label("Email address").fill("partner@example.org")
    lead.get_by_label("Name (optional)").fill("Pat Partner")
    go(lead, lead.get_by_role("button", name="Invite an external rater"))
    expect(lead.get_by_text("partner@example.org has been invited by email")).to_be_visible()
    assert_accessible(lead)

    # The lead rates everything at the first level.
    go(lead, lead.get_by_role("button", name="Rate now"))
    expect(lead.get_by_text("Who will see your answers")).to_be_visible()
    assert_accessible(lead)
    rate_every_question(lead, "Level 1: Foundation", evidence="We have only just agreed how to work together.")

    # The member, from the invitation email, rates everything two levels higher.
    member_mail = mailbox.wait_for("member@example.org", subject_contains="Please rate")
    member_link = next(url for url in mailbox.links(member_mail) if "/rate/" in url)
    member = new_context().new_page()
    sign_in_browser(member, base, world.member.email, PASSWORD)
    member.goto(member_link)
    rate_every_question(member, "Level 3: Step 2")

    # The external rater has no account: the link in their email is enough.
    external_mail = mailbox.wait_for("partner@example.org", subject_contains="Please rate")
    external_link = next(url for url in mailbox.links(external_mail) if "/rate/" in url)
    partner = new_context().new_page()
    partner.goto(external_link)
    expect(partner.get_by_text("You are rating from outside the network")).to_be_visible()
    assert_accessible(partner)
    rate_every_question(partner, "Level 2: Step 1")
    assert Rater.objects.filter(submitted_at__isnull=False).count() == 3
    assert Rating.objects.count() == 15

    # Results: a disagreement flag on every dimension and the chart with its table.
    lead.goto(base + "/networks/qi-circle/rounds/")
    assert_accessible(lead)
    go(lead, lead.get_by_role("link", name="Baseline 2027"))
    go(lead, lead.get_by_role("link", name="See the results of this round"))
    expect(lead.get_by_text("5 of 5 dimensions are marked for discussion")).to_be_visible()
    expect(lead.get_by_text("Discuss: views differ by 2 levels or more").first).to_be_visible()
    expect(lead.locator("figure svg").first).to_be_visible()
    assert_accessible(lead)
    assert_fits_320(lead)

    # A live session: the big screen shows a code, two phones join and answer, the facilitator records the
    # agreed level (the lowest answer unless changed) and a priority, and ends with the priorities listed.
    go(lead, lead.get_by_role("link", name="Baseline 2027"))
    go(lead, lead.get_by_role("button", name="Start a live session"))
    code = lead.locator(".wf-live-join__code").inner_text().strip()
    assert len(code) == 6
    assert_accessible(lead)
    phones = [member, new_context(viewport={"width": 360, "height": 740}).new_page()]
    sign_in_browser(phones[1], base, world.external.email, PASSWORD)
    for phone, level_label in zip(phones, ["Level 2: Step 1", "Level 4: Step 3"], strict=True):
        phone.set_viewport_size({"width": 360, "height": 740})
        phone.goto(base + "/live/")
        assert_accessible(phone)
        phone.get_by_label("Session code").fill(code.lower())
        go(phone, phone.get_by_role("button", name="Join"))
        expect(phone.get_by_text("Which level is the network at?")).to_be_visible()
        assert_accessible(phone)
        phone.get_by_label(level_label).check()
        go(phone, phone.get_by_role("button", name="Send answer"))
        expect(phone.get_by_text("Your answer: level")).to_be_visible()
    # The big screen updates by itself as answers arrive.
    expect(lead.get_by_text("of 2 people have answered")).to_be_visible()
    expect(lead.locator("#distribution strong").first).to_have_text("2", timeout=10_000)
    expect(lead.get_by_text("Answers ranged from level 2 to level 4")).to_be_visible()
    expect(lead.get_by_text("Suggested agreed level: level 2, the lowest answer")).to_be_visible()
    go(lead, lead.get_by_role("link", name="Refresh the answers"))
    expect(lead.get_by_label("Level 2: Step 1")).to_be_checked()
    lead.get_by_label("Notes (optional)").fill("Partners see more progress than practices do.")
    go(lead, lead.get_by_role("button", name="Record the agreed level"))
    expect(lead.get_by_text("Agreed: level 2")).to_be_visible()
    lead.get_by_label("Improvement priority").fill("Agree a shared plan with community partners")
    go(lead, lead.get_by_role("button", name="Add priority"))
    expect(lead.get_by_text("Priority added")).to_be_visible()
    assert_accessible(lead)
    # Moving on reloads the phones with the next question.
    go(lead, lead.get_by_role("button", name="Next:"))
    expect(phones[0].get_by_text("Your answer: level")).to_have_count(0, timeout=10_000)
    go(lead, lead.get_by_role("button", name="End the session"))
    expect(lead.get_by_role("heading", name="What the session agreed")).to_be_visible()
    expect(lead.get_by_text("Agree a shared plan with community partners")).to_be_visible()
    assert_accessible(lead)
    assert Consensus.objects.get().level.position == 2
    go(lead, lead.get_by_role("link", name="See the full results of the round"))
    assert_accessible(lead)

    # The workbook downloads and reads back.
    with lead.expect_download() as download_info:
        lead.get_by_role("link", name="Download the workbook (xlsx)").click()
    book = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    assert len(book.sheetnames) >= 6
    summary = book[book.sheetnames[0]]
    cells = [str(c.value) for row in summary.iter_rows() for c in row if c.value is not None]
    assert any("Leadership, planning and partnerships" in value for value in cells)
    text = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    assert "partner@example.org" not in text and "Lena Lead" not in text


# The words of each text in the level cards, measured where they sit: a word whose pieces lie on more than one
# line has been broken. Words are what lies between spaces and hyphens, where a line may properly break.
BROKEN_WORDS = """(selector) => {
    const broken = [];
    for (const card of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const words = /[^\\s\\-\\u2010-\\u2014]+/g;
            for (let found = words.exec(node.data); found; found = words.exec(node.data)) {
                const range = document.createRange();
                range.setStart(node, found.index);
                range.setEnd(node, found.index + found[0].length);
                const lines = new Set(
                    Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top))
                );
                if (lines.size > 1) broken.push(found[0]);
            }
        }
    }
    return broken;
}"""


def set_width(page: Any, width: int) -> None:
    """Resize the page and wait until layout has taken the new width (the renderer applies it asynchronously)."""
    page.set_viewport_size({"width": width, "height": 900})
    for _ in range(60):
        if page.evaluate("() => document.documentElement.clientWidth") <= width:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(50)


def test_level_descriptions_wrap_whole_words_at_every_width(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    """Five level cards side by side used to be narrow enough to split "conversations" across two lines."""
    base = live_server.url
    version = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED)
    today = timezone.localdate()
    round_ = services.round_open(
        network=world.restricted,
        version=version,
        purpose=Purpose.BASELINE,
        opens_on=today,
        closes_on=today + timedelta(days=14),
        user=world.lead,
    )
    services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    page = new_context().new_page()
    sign_in_browser(page, base, world.member.email, PASSWORD)
    for dimension in version.dimensions.order_by("position"):
        page.goto(f"{base}/rounds/{round_.pk}/rate/{dimension.pk}/")
        expect(page.locator(".wf-level-card")).to_have_count(5)
        for width in (320, 768, 1280, 1920):
            set_width(page, width)
            broken = page.evaluate(BROKEN_WORDS, ".wf-level-card")
            assert broken == [], f"{dimension.name} at {width}px breaks {broken}"
    assert_accessible(page)
