"""Every invitation, update, cancellation and the feed parse with icalendar and carry a stable UID, a SEQUENCE
raised on every change, Europe/London with its VTIMEZONE and, on invitations, a reminder alarm."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import icalendar
import pytest
from django.test import Client

from tests.conftest import Mailbox
from tests.events.conftest import make_event
from tests.signing_in import sign_in
from wayfinder.comms.models import Delivery
from wayfinder.events import calendar, mail, services
from wayfinder.events.models import Event, Registration


def parsed(content: Any) -> tuple[icalendar.Calendar, Any]:
    document = icalendar.Calendar.from_ical(content)
    events = list(document.walk("VEVENT"))
    assert len(events) == 1
    return document, events[0]


def check_common(document: icalendar.Calendar, item: icalendar.Event, event: Event) -> None:
    assert item["UID"] == calendar.uid(event)
    assert item.decoded("DTSTART") == event.starts_at
    assert item.decoded("DTSTART").tzinfo.key == "Europe/London"
    assert item.decoded("DTEND") == event.ends_at
    assert str(item["SUMMARY"]) == event.title
    zones = list(document.walk("VTIMEZONE"))
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
    assert "DTSTAMP" in item and "ORGANIZER" in item


def file_of(delivery: Delivery) -> bytes:
    [attachment] = mail.attachments(delivery)
    assert attachment.filename.endswith(".ics") and attachment.mimetype.startswith("text/calendar")
    return attachment.content


@pytest.mark.django_db
def test_invitation_update_and_cancellations_carry_uid_sequence_timezone_and_alarm(world: SimpleNamespace) -> None:
    event = make_event(world.national)
    registration = services.registration_register(event=event, person=world.member)
    invite = Delivery.objects.get(key__startswith="events.ics:", key__endswith="REQUEST", recipient=world.member.email)
    document, item = parsed(file_of(invite))
    assert document["METHOD"] == "REQUEST"
    check_common(document, item, event)
    assert item.decoded("SEQUENCE") == 0
    [alarm] = list(item.walk("VALARM"))
    assert alarm["ACTION"] == "DISPLAY" and alarm.decoded("TRIGGER") == timedelta(minutes=-60)
    assert str(item["ATTENDEE"]) == f"mailto:{world.member.email}"

    later = event.starts_at + timedelta(hours=2)
    event = services.event_update(event=event, by=world.national, starts_at=later, ends_at=later + timedelta(hours=1))
    update = Delivery.objects.filter(key__startswith="events.ics:", recipient=world.member.email).order_by("-pk")[0]
    assert update.subject.startswith("Wayfinder: Changed:")
    document, item = parsed(file_of(update))
    assert document["METHOD"] == "REQUEST" and item.decoded("SEQUENCE") == 1
    check_common(document, item, event)

    # A change that no calendar shows (the places) sends nothing and keeps the sequence.
    services.event_update(event=event, by=world.national, capacity=9)
    assert Delivery.objects.filter(key__startswith="events.ics:", recipient=world.member.email).count() == 2

    services.registration_cancel(event=event, person=world.member)
    cancel = Delivery.objects.filter(key__startswith="events.ics:", recipient=world.member.email).order_by("-pk")[0]
    document, item = parsed(file_of(cancel))
    assert document["METHOD"] == "CANCEL" and item.decoded("SEQUENCE") == 2 and item["STATUS"] == "CANCELLED"
    assert not list(item.walk("VALARM"))
    assert registration.pk == Registration.objects.get(event=event, person=world.member).pk


@pytest.mark.django_db
def test_cancelling_the_event_sends_everyone_with_a_place_a_cancel(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    services.registration_register(event=event, person=world.member)
    services.registration_register(event=event, person=world.lead)
    services.event_cancel(event=event, by=world.national, reason="The speaker is unwell")
    cancel = Delivery.objects.get(key__endswith=":CANCEL", recipient=world.member.email)
    document, item = parsed(file_of(cancel))
    assert document["METHOD"] == "CANCEL" and item.decoded("SEQUENCE") == 1
    check_common(document, item, event)
    assert "The speaker is unwell" in cancel.text
    waiting = Delivery.objects.get(key__startswith="events.waiting-cancelled", recipient=world.lead.email)
    assert mail.attachments(waiting) == []


@pytest.mark.django_db
def test_the_invitation_arrives_attached_to_the_mail(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(world.national)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_register(event=event, person=world.member)
    message = mailbox.wait_for(world.member.email, subject_contains="Your place")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    document, item = parsed(attachment.get_payload(decode=True))
    check_common(document, item, event)


@pytest.mark.django_db
def test_the_feed_lists_every_event_with_a_place_and_a_new_token_revokes_the_old(world: SimpleNamespace) -> None:
    first = make_event(world.national)
    second = make_event(world.national, title="Regional gathering")
    other = make_event(world.national, title="Not going")
    services.registration_register(event=first, person=world.member)
    services.registration_register(event=second, person=world.member)
    services.registration_register(event=other, person=world.member)
    services.registration_cancel(event=other, person=world.member)
    services.event_cancel(event=second, by=world.national)

    client = Client()
    sign_in(client, world.member)
    page = client.get("/events/calendar/")
    assert page.status_code == 200
    feed = services.feed_get_or_create(person=world.member)
    address = f"/events/calendar/{feed.token}.ics"
    assert address in page.content.decode()

    answer = Client().get(address)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    document = icalendar.Calendar.from_ical(answer.content)
    assert document["METHOD"] == "PUBLISH"
    items = {str(item["SUMMARY"]): item for item in document.walk("VEVENT")}
    assert set(items) == {first.title, "Regional gathering"}
    assert items["Regional gathering"]["STATUS"] == "CANCELLED"
    assert items[first.title]["UID"] == calendar.uid(first)
    assert [str(zone["TZID"]) for zone in document.walk("VTIMEZONE")] == ["Europe/London"]

    client.post("/events/calendar/")
    assert Client().get(address).status_code == 404
    renewed = services.feed_get_or_create(person=world.member)
    assert renewed.token != feed.token
    assert Client().get(f"/events/calendar/{renewed.token}.ics").status_code == 200


@pytest.mark.django_db
def test_a_person_with_a_place_downloads_the_invitation_and_nobody_else_can(world: SimpleNamespace) -> None:
    event = make_event(world.national)
    services.registration_register(event=event, person=world.member)
    member, outsider = Client(), Client()
    sign_in(member, world.member)
    sign_in(outsider, world.outsider)
    answer = member.get(f"/events/{event.pk}/invite.ics")
    assert answer.status_code == 200
    document, item = parsed(answer.content)
    check_common(document, item, event)
    assert outsider.get(f"/events/{event.pk}/invite.ics").status_code == 404
