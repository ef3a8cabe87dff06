"""A PCN's lead ticks the readiness checklist, asks its system for support and keeps a Clinical Director plan; the
system lead declines without a reason (and is stopped), accepts, and records commissioned support within the
funding rules. Every page is checked with axe and at 320px wide."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in_browser
from wayfinder.support.models import CommissionedSupport, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db(transaction=True)


def check(page: Any) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_readiness_support_request_and_cd_plan(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace
) -> None:
    base = live_server.url
    lead = new_context().new_page()
    sign_in_browser(lead, base, "lead@example.org")

    lead.goto(f"{base}/networks/riverside-pcn/")
    go(lead, lead.get_by_role("link", name="Readiness checklist"))
    check(lead)
    go(lead, lead.get_by_role("link", name="Mark as done Works as one team"))
    check(lead)
    go(lead, lead.get_by_role("button", name="Save and mark as done"))
    check(lead)  # the error page: no evidence given
    lead.fill("#id_evidence", "One rota across all practices since May")
    go(lead, lead.get_by_role("button", name="Save and mark as done"))
    assert "1 of 9 done" in lead.content()
    check(lead)

    lead.goto(f"{base}/networks/riverside-pcn/")
    go(lead, lead.get_by_role("link", name="Ask your system for support"))
    check(lead)
    lead.get_by_label("Leadership development").check()
    lead.fill("#id_what", "Coaching for our Clinical Director")
    lead.fill("#id_why", "Leadership scored lowest in our last round")
    go(lead, lead.get_by_role("button", name="Send the request"))
    check(lead)
    support_request = SupportRequest.objects.get()
    mailbox.wait_for("system@example.org", subject_contains="asked for support")

    lead.goto(f"{base}/cd-plans/")
    check(lead)
    go(lead, lead.get_by_role("button", name="Start your plan for Riverside PCN"))
    check(lead)
    go(lead, lead.get_by_role("button", name="Update ratings, needs and support"))
    check(lead)
    lead.get_by_label("Could help others").first.check()
    lead.fill("#id_needs", "Chairing meetings across practices")
    go(lead, lead.get_by_role("button", name="Save your plan"))
    assert "Chairing meetings across practices" in lead.content()
    check(lead)

    system = new_context().new_page()
    sign_in_browser(system, base, "system@example.org")
    system.goto(f"{base}/systems/{world.system_a.pk}/readiness/")
    check(system)
    system.goto(f"{base}/systems/{world.system_a.pk}/support-requests/")
    check(system)
    go(system, system.get_by_role("link", name="Leadership development"))
    check(system)
    go(system, system.get_by_role("button", name="Decline the request"))
    assert "Give a reason for declining" in system.content()
    check(system)
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.PENDING
    go(system, system.get_by_role("button", name="Accept the request"))
    mailbox.wait_for("lead@example.org", subject_contains="accepted")
    go(system, system.get_by_role("link", name="Record support commissioned for this request"))
    check(system)
    system.fill("#id_provider", "Regional leadership academy")
    system.fill("#id_cost", "3000")
    system.get_by_label("National PCN development funding").check()
    system.get_by_label("Something the GP contract already pays for").check()
    system.fill("#id_starts_on", "2025-05-01")
    system.fill("#id_ends_on", "2025-12-01")
    go(system, system.get_by_role("button", name="Save"))
    assert "This spend does not fit the funding rules" in system.content()
    check(system)
    assert not CommissionedSupport.objects.exists()
    system.get_by_label("Support commissioned from a provider or partner").check()
    go(system, system.get_by_role("button", name="Save"))
    assert CommissionedSupport.objects.count() == 1
    check(system)
    system.goto(f"{base}/cd-plans/")
    go(system, system.get_by_role("link", name="Lena Lead, Riverside PCN"))
    check(system)
