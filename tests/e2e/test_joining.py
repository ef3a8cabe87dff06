"""A new person signs up, confirms their email, asks to join a restricted network and is let in."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import PASSWORD
from tests.signing_in import sign_in_browser
from wayfinder.networks.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_confirm_ask_to_join_and_be_approved(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace
) -> None:
    base = live_server.url
    newcomer = new_context().new_page()

    # Home page, signed out: what Wayfinder is and how to join.
    newcomer.goto(base + "/")
    assert_accessible(newcomer)
    assert_fits_320(newcomer)
    go(newcomer, newcomer.get_by_role("link", name="Create an account").first)

    # Sign up.
    assert_accessible(newcomer)
    newcomer.fill("#id_email", "new.person@example.org")
    newcomer.fill("#id_password1", "a-long-new-password-42")
    newcomer.fill("#id_password2", "a-long-new-password-42")
    go(newcomer, newcomer.get_by_role("button", name="Create account"))
    assert_accessible(newcomer)

    # Confirm the address from the link in the mail that arrived at the SMTP server.
    mail = mailbox.wait_for("new.person@example.org")
    link = next(url for url in mailbox.links(mail) if "/accounts/confirm-email/" in url)
    newcomer.goto(link)
    assert_accessible(newcomer)
    go(newcomer, newcomer.get_by_role("button", name="Confirm"))

    # Find the restricted network in the directory and ask to join.
    newcomer.goto(base + "/networks/")
    assert_accessible(newcomer)
    assert_fits_320(newcomer)
    newcomer.fill("#id_q", "Quality")
    newcomer.get_by_role("button", name="Apply filters").click()
    go(newcomer, newcomer.get_by_role("link", name="Quality Improvement Circle"))
    assert_accessible(newcomer)
    expect(newcomer.get_by_text("Only members of this network can see who belongs to it")).to_be_visible()
    go(newcomer, newcomer.get_by_role("button", name="Ask to join"))
    assert_accessible(newcomer)
    newcomer.fill("#id_message", "I lead quality improvement at a practice nearby.")
    go(newcomer, newcomer.get_by_role("button", name="Send request"))
    expect(newcomer.get_by_text("Your request has been sent")).to_be_visible()
    assert_accessible(newcomer)

    # The lead hears about it by email and approves it in a second browser.
    request_mail = mailbox.wait_for("lead@example.org", subject_contains="asked to join")
    assert "I lead quality improvement" in mailbox.body(request_mail)
    lead = new_context().new_page()
    sign_in_browser(lead, base, world.lead.email, PASSWORD)
    assert_accessible(lead)
    go(lead, lead.get_by_role("link", name=re.compile(r"^Decide\s*: 1 request to join Quality Improvement Circle$")))
    assert_accessible(lead)
    go(lead, lead.get_by_role("button", name="Approve new.person"))
    expect(lead.get_by_text("They are now a member")).to_be_visible()
    assert_accessible(lead)

    # The newcomer is told by email and now sees the network and its members.
    approved = mailbox.wait_for("new.person@example.org", subject_contains="now a member")
    assert "/networks/qi-circle/" in mailbox.body(approved)
    newcomer.goto(base + "/")
    go(newcomer, newcomer.get_by_role("link", name="Quality Improvement Circle"))
    expect(newcomer.get_by_text("Lena Lead").first).to_be_visible()
    assert_accessible(newcomer)
    assert Membership.objects.filter(user__email="new.person@example.org", network=world.restricted).exists()
