"""An organiser makes a webinar with two places; three members register and the third waits; one cancels, the
third is offered the place and takes it and downloads the calendar invitation. One member does it all without
JavaScript. Every page is checked with axe and at 320px wide."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories as f
from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in_browser
from wayfinder.core.roles import NetworkRole
from wayfinder.events.models import Event, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db(transaction=True)


def check(page: Any) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def test_a_webinar_fills_up_and_a_freed_place_goes_to_the_next_person(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace
) -> None:
    base = live_server.url
    second = f.UserFactory.create(email="second@example.org", full_name="Sol Second")
    third = f.UserFactory.create(email="third@example.org", full_name="Tia Third")
    for person in (second, third):
        f.MembershipFactory.create(user=person, network=world.open, role=NetworkRole.MEMBER)
    start = (
        (timezone.now() + timedelta(days=10))
        .astimezone(ZoneInfo("Europe/London"))
        .replace(hour=14, minute=0, second=0, microsecond=0)
    )

    organiser = new_context().new_page()
    sign_in_browser(organiser, base, world.lead.email)
    organiser.goto(f"{base}/events/")
    check(organiser)
    go(organiser, organiser.get_by_role("link", name="Organise an event"))
    check(organiser)
    organiser.get_by_label("Riverside PCN").check()
    organiser.fill("#id_title", "Focal Point webinar: working as one team")
    organiser.get_by_label("Online", exact=True).check()
    organiser.fill("#id_joining_url", "https://meet.example.org/focal-point")
    organiser.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    organiser.fill("#id_ends_at", (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    organiser.fill("#id_capacity", "2")
    organiser.get_by_label("Members of the network", exact=True).check()
    go(organiser, organiser.get_by_role("button", name="Save as a draft"))
    check(organiser)
    go(organiser, organiser.get_by_role("button", name="Publish the event"))
    expect(organiser.get_by_text("2 of 2 left")).to_be_visible()
    event = Event.objects.get()
    assert event.status == "published" and event.capacity == 2
    event_url = f"{base}/events/{event.pk}/"

    first_page = new_context().new_page()
    sign_in_browser(first_page, base, world.member.email)
    first_page.goto(event_url)
    check(first_page)
    go(first_page, first_page.get_by_role("button", name="Register for this event"))
    expect(first_page.get_by_text("You have a place", exact=True)).to_be_visible()
    check(first_page)
    invite = mailbox.wait_for(world.member.email, subject_contains="Your place")
    assert [part.get_filename() for part in invite.iter_attachments()] == [f"event-{event.pk}.ics"]

    # The second member has JavaScript turned off: every step is a plain form.
    second_page = new_context(java_script_enabled=False).new_page()
    sign_in_browser(second_page, base, second.email, check=False)
    second_page.goto(event_url)
    go(second_page, second_page.get_by_role("button", name="Register for this event"))
    expect(second_page.get_by_text("You have a place", exact=True)).to_be_visible()

    third_page = new_context().new_page()
    sign_in_browser(third_page, base, third.email)
    third_page.goto(event_url)
    expect(third_page.get_by_text("This event is full.")).to_be_visible()
    go(third_page, third_page.get_by_role("button", name="Join the waiting list"))
    expect(third_page.get_by_text("On the waiting list", exact=True)).to_be_visible()
    check(third_page)

    organiser.goto(f"{event_url}people/")
    expect(organiser.get_by_text("Tia Third (third@example.org)")).to_be_visible()
    check(organiser)

    go(second_page, second_page.get_by_role("button", name="Cancel your place"))
    expect(second_page.get_by_text("Register for this event")).to_have_count(0)
    assert Registration.objects.get(person=second).status == RegistrationStatus.CANCELLED
    mailbox.wait_for(third.email, subject_contains="A place for you")

    third_page.reload()
    expect(third_page.get_by_text("A place is offered to you", exact=True)).to_be_visible()
    check(third_page)
    go(third_page, third_page.get_by_role("button", name="Take the place"))
    expect(third_page.get_by_text("You have a place", exact=True)).to_be_visible()
    assert Registration.objects.get(person=third).status == RegistrationStatus.REGISTERED

    with third_page.expect_download() as download_info:
        third_page.get_by_role("link", name="Download the calendar invitation (.ics)").click()
    path = download_info.value.path()
    with open(path, "rb") as downloaded:
        document = icalendar.Calendar.from_ical(downloaded.read())
    [item] = list(document.walk("VEVENT"))
    assert str(item["SUMMARY"]) == "Focal Point webinar: working as one team"
    assert item.decoded("DTSTART") == start
    assert document["METHOD"] == "REQUEST"

    organiser.goto(f"{event_url}people/")
    expect(organiser.get_by_text("Tia Third (third@example.org), registered")).to_be_visible()
