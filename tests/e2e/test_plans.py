"""A development plan in a browser: the lead starts a plan from a round's results, adds an action and a
service-improvement priority, records a review; the action's owner finds it under "Your actions" and marks it
done. Every page is checked with axe and at 320px wide."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import PASSWORD
from tests.plans.support import DOMAINS, rated_round
from tests.signing_in import sign_in_browser
from wayfinder.plans.models import Action, ActionStatus, Plan

pytestmark = pytest.mark.django_db(transaction=True)


def check(page: Any) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_a_lead_plans_and_an_owner_finishes_an_action(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    round_ = rated_round(world.open)
    base = live_server.url
    lead = new_context().new_page()
    sign_in_browser(lead, base, world.lead.email, PASSWORD)

    lead.goto(f"{base}/rounds/{round_.pk}/results/")
    go(lead, lead.get_by_role("link", name="Start a development plan"))
    expect(lead.get_by_role("heading", name="Start a development plan")).to_be_visible()
    check(lead)
    for n, key in enumerate(["dimension-2", "dimension-3", "dimension-1"]):
        lead.select_option(f"#id_domain_{key}", DOMAINS[n])
    go(lead, lead.get_by_role("button", name="Start the plan"))

    expect(lead.get_by_role("heading", name="No service-improvement priority yet")).to_be_visible()
    check(lead)
    # Asking again from the same results does not start a second plan: the lead is offered the one there is.
    lead.goto(f"{base}/rounds/{round_.pk}/results/")
    go(lead, lead.get_by_role("link", name="Start a development plan"))
    expect(lead.get_by_role("heading", name="This round already has a development plan")).to_be_visible()
    check(lead)
    go(lead, lead.get_by_role("button", name="Go to Development plan from the baseline of"))
    expect(lead.get_by_role("heading", name="No service-improvement priority yet")).to_be_visible()
    go(lead, lead.get_by_role("link", name="Add an action to Improve Dimension 2 of the matrix"))
    check(lead)
    lead.get_by_label("Action").fill("Agree a shared agenda for practice meetings")
    lead.get_by_label("Owner").select_option(label="Max Member")
    lead.get_by_label("Due date").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    go(lead, lead.get_by_role("button", name="Save the action"))
    expect(lead.get_by_text("Agree a shared agenda for practice meetings")).to_be_visible()

    go(lead, lead.get_by_role("link", name="Add a service-improvement priority"))
    check(lead)
    lead.get_by_label("Priority", exact=True).fill("Quicker help with housing worries")
    lead.get_by_label("Support domain").select_option(DOMAINS[5])
    lead.get_by_label("Goal it serves").fill("People with housing worries see a link worker within a week")
    lead.get_by_label("How you will measure progress").fill("Days from referral to first contact, monthly")
    go(lead, lead.get_by_role("button", name="Save the priority"))
    expect(lead.get_by_role("heading", name="No service-improvement priority yet")).to_have_count(0)
    check(lead)

    go(lead, lead.get_by_role("link", name="Record a review"))
    check(lead)
    for radio in lead.get_by_label("On track").all():
        radio.check()
    go(lead, lead.get_by_role("button", name="Record the review"))
    expect(lead.get_by_role("table", name="Progress on each priority")).to_be_visible()
    check(lead)
    plan = Plan.objects.get()
    lead.goto(f"{base}/plans/{plan.pk}/history/")
    check(lead)

    owner = new_context().new_page()
    sign_in_browser(owner, base, world.member.email, PASSWORD)
    owner.goto(f"{base}/my-actions/")
    check(owner)
    go(owner, owner.get_by_role("link", name="Agree a shared agenda for practice meetings"))
    check(owner)
    owner.get_by_label("Done").check()
    go(owner, owner.get_by_role("button", name="Save the action"))
    expect(owner.get_by_role("heading", name="Your actions")).to_be_visible()
    assert Action.objects.get().status == ActionStatus.DONE
