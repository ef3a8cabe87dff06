"""Who is my contact? A signed-out visitor finds their system's contact from their PCN's page; the system lead
adds a contact, which then shows in the public directory."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in_browser
from wayfinder.networks.models import SystemContact

pytestmark = pytest.mark.django_db(transaction=True)


def test_find_a_contact_and_keep_the_list(live_server: Any, new_context: Any, world: SimpleNamespace) -> None:
    base = live_server.url
    f.PlaceFactory.create(system=world.system_a, name="Millbrook")
    f.SystemContactFactory.create(system=world.system_b, name="Hana Hill", email="hana.hill@hillside.example")

    # A visitor, signed out, goes from a network's page to the contacts of its system: none yet.
    visitor = new_context().new_page()
    visitor.goto(f"{base}/networks/{world.open.slug}/")
    go(visitor, visitor.get_by_role("link", name="Contacts for Riverside ICS"))
    assert_accessible(visitor)
    expect(visitor.get_by_text("This system has not published a contact yet")).to_be_visible()

    # The system lead adds one, making a mistake first.
    lead = new_context().new_page()
    sign_in_browser(lead, base, world.system_lead.email)
    lead.goto(f"{base}/contacts/")
    assert_accessible(lead)
    go(lead, lead.get_by_role("link", name="Change the contacts for Riverside ICS"))
    assert_accessible(lead)
    lead.fill("#id_name", "Dee Developer")
    lead.fill("#id_email", "dee at riverside")
    go(lead, lead.get_by_role("button", name="Add contact"))
    assert_accessible(lead)
    expect(lead.get_by_role("link", name="Enter an email address in the correct format")).to_be_visible()
    lead.fill("#id_job_title", "Network development lead")
    lead.fill("#id_email", "dee.developer@riverside.example")
    lead.fill("#id_phone", "0113 496 0000")
    go(lead, lead.get_by_role("button", name="Add contact"))
    expect(lead.get_by_text("Dee Developer is now listed as a contact for Riverside ICS")).to_be_visible()
    assert_accessible(lead)
    assert_fits_320(lead)
    assert SystemContact.objects.filter(system=world.system_a, email="dee.developer@riverside.example").exists()

    # The visitor searches by their place's name and finds them, without JavaScript's help or with it.
    visitor.goto(f"{base}/contacts/")
    visitor.fill("#id_q", "Millbrook")
    visitor.get_by_role("button", name="Search").click()
    results = visitor.locator("#contact-results")
    expect(results.get_by_role("heading", name="Riverside ICS")).to_be_visible()
    expect(results.get_by_role("link", name="dee.developer@riverside.example")).to_be_visible()
    expect(results.get_by_text("Hana Hill")).to_have_count(0)
    expect(results.get_by_text("Places: Millbrook.")).to_be_visible()
    assert_accessible(visitor)
    assert_fits_320(visitor)
