"""A member shares a resource through the hub's form, an editor approves it in /cms/, and another member finds it
by searching the hub and sees it recommended on their network's results. Each of our pages is checked with axe
and at 320px wide."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import PASSWORD, add_raters, build_round, build_version
from tests.signing_in import sign_in, sign_in_browser
from wayfinder.contributions.models import Contribution, ContributionStatus
from wayfinder.hub import services
from wayfinder.hub.models import ResourcePage

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Weekly huddle checklist for care homes"


def check(page: Any) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_a_contributed_resource_is_approved_found_and_recommended(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace, settings: Any
) -> None:
    base = live_server.url
    settings.SITE_URL = base
    services.hub_index_ensure()
    # The Quality Improvement Circle's round: dimension 2 is its weakest.
    version = build_version(dimensions=3, slug="circle-matrix")
    round_ = build_round(world.restricted, version, title="Spring baseline")
    add_raters(round_, [[4, 1, 3], [4, 2, 3]])

    # A member shares a resource, tagged with the dimension it helps with.
    member = new_context().new_page()
    sign_in_browser(member, base, world.member.email, PASSWORD)
    member.goto(base + "/hub/contribute/")
    check(member)
    member.get_by_label("Resource").check()
    go(member, member.get_by_role("button", name="Continue"))
    check(member)
    member.get_by_label("Title").fill(TITLE)
    member.get_by_label("Kind of resource").select_option("tool")
    member.get_by_label("Summary").fill("Ten questions to run through at the start of each weekly huddle.")
    member.get_by_label("Description (optional)").fill("Print it.\n\n<script>alert('x')</script> is shown as text.")
    member.get_by_label("Dimension 2 of the matrix (Maturity matrix circle-matrix)").check()
    go(member, member.get_by_role("button", name="Send to the editors"))
    expect(member.get_by_role("heading", name="Your contributions")).to_be_visible()
    expect(member.get_by_text("Waiting for an editor")).to_be_visible()
    check(member)
    resource = ResourcePage.objects.get(title=TITLE)
    assert not resource.live and "&lt;script&gt;" in resource.body

    # An editor approves it in /cms/.
    client = sign_in(Client(), world.admin)
    editor_context = new_context()
    editor_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    editor = editor_context.new_page()
    editor.goto(f"{base}/cms/pages/{resource.pk}/edit/")
    editor.wait_for_load_state("networkidle")
    editor.get_by_role("button", name="More actions").click()
    go(editor, editor.get_by_role("button", name="Approve and Publish"))
    # Leave the editor and let its last request (releasing the editing session) finish, so nothing writes to
    # the database while the test's tables are emptied.
    editor.goto("about:blank")
    editor.wait_for_timeout(1_000)
    editor_context.close()
    resource.refresh_from_db()
    assert resource.live
    assert Contribution.objects.get().status == ContributionStatus.PUBLISHED
    mail = mailbox.wait_for(world.member.email, subject_contains="is in the knowledge hub")
    assert f"{base}/hub/" in Mailbox.body(mail)

    member.reload()
    expect(member.get_by_text("Published", exact=True)).to_be_visible()

    # Another member of the network finds it by searching the hub ...
    reader = new_context().new_page()
    sign_in_browser(reader, base, world.lead.email, PASSWORD)
    reader.goto(base + "/hub/")
    reader.get_by_label("Search the hub").fill("huddle checklist")
    go(reader, reader.get_by_role("button", name="Show resources"))
    check(reader)
    go(reader, reader.get_by_role("link", name=TITLE))
    expect(reader.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(reader.get_by_text("<script>alert('x')</script> is shown as text.")).to_be_visible()
    check(reader)

    # ... says it was useful, without any JavaScript needed ...
    reader.get_by_label("Yes").check()
    reader.get_by_label("Tell us more (optional)").fill("We used it on Monday.")
    go(reader, reader.get_by_role("button", name="Send feedback"))
    expect(reader.get_by_text("Thank you for your feedback.")).to_be_visible()
    check(reader)

    # ... and sees it recommended on the network's results, for its weakest dimension.
    reader.goto(f"{base}/rounds/{round_.pk}/results/")
    recommended = reader.locator(".wf-recommendations")
    expect(recommended.get_by_role("link", name=TITLE)).to_be_visible()
    expect(recommended).to_contain_text("Because Dimension 2 of the matrix is at level")
