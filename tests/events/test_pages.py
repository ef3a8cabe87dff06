"""The lists and their filters (a fixed number of queries however many events), the joining link's timing, the
organiser's pages, reminders, "events for your network", the digest and a person's data."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.events.conftest import make_event
from tests.signing_in import sign_in
from wayfinder.comms import registry
from wayfinder.comms.models import Delivery
from wayfinder.core import panels
from wayfinder.events import queries, rights, services
from wayfinder.events.models import Audience, CalendarFeed, Event, EventFormat, Registration, RegistrationStatus
from wayfinder.networks.models import Privacy


def register_many(event: Event, count: int) -> None:
    for _ in range(count):
        services.registration_register(event=event, person=f.UserFactory.create())


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_few_and_many_events(
    world: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    sign_in(client, world.member)

    def queries_for_list() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/events/").status_code == 200
        return len(captured)

    make_event(world.national)
    client.get("/events/")  # warm the caches of the page's frame
    few = queries_for_list()
    for number in range(12):
        event = make_event(
            world.national, title=f"Webinar {number}", series=services.series_find_or_create(name="Focal Point")
        )
        services.registration_register(event=event, person=world.member)
    many = queries_for_list()
    assert few == many
    with django_assert_max_num_queries(25):
        client.get("/events/past/")


@pytest.mark.django_db
def test_filters_by_format_series_topic_dimension_and_domain(world: SimpleNamespace) -> None:
    series = services.series_find_or_create(name="Focal Point webinars")
    webinar = make_event(
        world.national,
        title="Data for population health",
        series=series,
        topics=["Population health"],
        dimension_keys=["leadership"],
        support_domain_keys=["data"],
    )
    gathering = make_event(
        world.national,
        title="Regional gathering",
        format=EventFormat.IN_PERSON,
        joining_url="",
        venue="Town hall",
        address="1 High Street\nLeeds",
    )
    past = make_event(world.national, title="Last year", publish=False)
    Event.objects.filter(pk=past.pk).update(
        status="published",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30, hours=-1),
    )

    def titles(**filters: str) -> list[str]:
        listing = queries.event_list(world.member, past=False, filters=queries.Filters(**filters))
        return [event.title for event in listing.events]

    assert titles() == [webinar.title, gathering.title]
    assert titles(format="in_person") == [gathering.title]
    assert titles(series=series.slug) == [webinar.title]
    assert titles(topic="population health") == [webinar.title]
    assert titles(dimension="leadership") == [webinar.title]
    assert titles(domain="data") == [webinar.title]
    assert titles(domain="workforce") == []
    assert [e.title for e in queries.event_list(world.member, past=True, filters=queries.Filters()).events] == [
        "Last year"
    ]
    page = Client().get("/events/?format=in_person")
    assert page.status_code == 200 and "Regional gathering" in page.content.decode()
    assert "Data for population health" not in page.content.decode()


@pytest.mark.django_db
def test_the_joining_link_shows_only_to_people_with_a_place_from_the_set_time(world: SimpleNamespace) -> None:
    start = timezone.now() + timedelta(minutes=20)
    event = make_event(world.national, starts_at=start, ends_at=start + timedelta(hours=1), link_shown_minutes=30)
    services.registration_register(event=event, person=world.member)
    member, outsider = Client(), Client()
    sign_in(member, world.member)
    sign_in(outsider, world.outsider)
    assert event.joining_url in member.get(f"/events/{event.pk}/").content.decode()
    assert event.joining_url not in outsider.get(f"/events/{event.pk}/").content.decode()
    services.event_update(event=event, by=world.national, link_shown_minutes=10)
    assert event.joining_url not in member.get(f"/events/{event.pk}/").content.decode()


@pytest.mark.django_db
def test_people_register_and_cancel_through_the_pages(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    member, lead = Client(), Client()
    sign_in(member, world.member)
    sign_in(lead, world.lead)
    assert "Register for this event" in member.get(f"/events/{event.pk}/").content.decode()
    member.post(f"/events/{event.pk}/register/")
    lead.post(f"/events/{event.pk}/register/")
    assert Registration.objects.get(person=world.lead).status == RegistrationStatus.WAITING
    member.post(f"/events/{event.pk}/cancel-place/")
    assert "Take the place" in lead.get(f"/events/{event.pk}/").content.decode()
    lead.post(f"/events/{event.pk}/take-place/")
    assert Registration.objects.get(person=world.lead).status == RegistrationStatus.REGISTERED
    organiser = Client()
    sign_in(organiser, world.national)
    people = organiser.get(f"/events/{event.pk}/people/").content.decode()
    assert world.lead.email in people


@pytest.mark.django_db
def test_an_organiser_creates_edits_publishes_and_cancels_through_the_pages(world: SimpleNamespace) -> None:
    client = Client()
    sign_in(client, world.lead)
    form = {
        "host": f"network:{world.open.pk}",
        "title": "Riverside learning lunch",
        "format": "in_person",
        "venue": "Riverside Surgery",
        "address": "2 River Road",
        "starts_at": "2031-03-05T12:00",
        "ends_at": "2031-03-05T11:00",
        "capacity": "20",
        "audience": "network",
        "link_shown_minutes": "30",
        "first_reminder_hours": "24",
        "second_reminder_minutes": "60",
        "offer_hours": "48",
        "new_series": "Learning lunches",
        "topics": "teams, Teams, quality",
    }
    answer = client.post("/events/new/", form)
    assert "The event must end after it starts" in answer.content.decode()
    answer = client.post("/events/new/", {**form, "ends_at": "2031-03-05T13:30"})
    event = Event.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/events/{event.pk}/"
    assert event.network == world.open and event.status == "draft" and event.series is not None
    assert event.starts_at.isoformat() == "2031-03-05T12:00:00+00:00"  # GMT in March
    assert event.topics == ["quality", "teams"]
    client.post(f"/events/{event.pk}/publish/")
    event.refresh_from_db()
    assert event.status == "published"
    edit = client.get(f"/events/{event.pk}/edit/").content.decode()
    assert "2031-03-05T12:00" in edit
    summer = {**form, "starts_at": "2031-07-05T12:00", "ends_at": "2031-07-05T13:00", "new_series": ""}
    del summer["host"]
    client.post(f"/events/{event.pk}/edit/", summer)
    event.refresh_from_db()
    assert event.starts_at.isoformat() == "2031-07-05T11:00:00+00:00"  # BST in July
    assert event.sequence == 1
    client.post(f"/events/{event.pk}/cancel/", {"reason": "Room unavailable"})
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancel_reason == "Room unavailable"
    # Someone who leads no network cannot organise for one by naming it.
    other = Client()
    sign_in(other, world.system_lead)
    assert other.post("/events/new/", {**form, "ends_at": "2031-03-05T13:30"}).status_code == 200
    assert Event.objects.count() == 1


@pytest.mark.django_db
def test_reminders_go_once_to_people_with_a_place(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    start = timezone.now() + timedelta(hours=20)
    event = make_event(world.national, capacity=1, starts_at=start, ends_at=start + timedelta(hours=1))
    services.registration_register(event=event, person=world.member)
    services.registration_register(event=event, person=world.lead)  # waiting: no reminder
    call_command("send_event_reminders")
    call_command("send_event_reminders")
    reminders = Delivery.objects.filter(kind="events.reminder")
    assert list(reminders.values_list("recipient", flat=True)) == [world.member.email]
    assert ":first:" in reminders.get().key
    # An hour before, the second reminder; still once.
    later = start - timedelta(minutes=50)
    assert services.reminders_send(now=later) == 1
    assert services.reminders_send(now=later) == 0
    assert reminders.count() == 2
    # Too early for either: nothing.
    assert services.reminders_send(now=start - timedelta(days=3)) == 0


@pytest.mark.django_db
def test_events_for_your_network_match_the_weakest_dimensions_and_plan_domains(world: SimpleNamespace) -> None:
    make_event(world.national, title="Leading together", dimension_keys=["leadership"])
    make_event(world.national, title="Using data", support_domain_keys=["data"])
    make_event(world.national, title="Unrelated", dimension_keys=["finance"])
    make_event(
        world.lead,
        title="Members only elsewhere",
        network=world.private,
        audience=Audience.NETWORK,
        dimension_keys=["leadership"],
    )
    place = panels.Place(
        page="plan",
        user=world.outsider,
        network_id=world.open.pk,
        network_slug=world.open.slug,
        network_name=world.open.name,
        levels={"leadership": 1.0, "finance": 5.0, "people": 2.0, "estates": 4.0},
        dimension_names={"leadership": "Leadership"},
        domains=["data"],
    )
    panel = queries.network_panel(place)
    assert panel is not None and panel.heading == "Events for your network"
    body = str(panel.body)
    assert body.index("Leading together") < body.index("Using data")
    assert "Leadership, one of the dimensions your network scored lowest on" in body
    assert "a support domain in your plan" in body
    assert "Unrelated" not in body and "Members only elsewhere" not in body
    assert (
        queries.network_panel(
            panels.Place(page="results", user=world.outsider, network_id=1, network_slug="x", network_name="x")
        )
        is None
    )


@pytest.mark.django_db
def test_coming_events_offered_to_the_digest_are_only_those_open_to_everyone(world: SimpleNamespace) -> None:
    make_event(world.national, title="For everyone")
    make_event(world.lead, title="Members only", network=world.open, audience=Audience.NETWORK)
    make_event(world.lead, title="Hosted by a private network", network=world.private)
    make_event(world.national, title="Still a draft", publish=False)
    section = registry.digest_section("events.coming")
    assert section is not None
    assert [entry.title for entry in section.propose(None)] == ["For everyone"]
    assert world.private.privacy == Privacy.PRIVATE


@pytest.mark.django_db
def test_a_persons_data_lists_their_registrations_and_erasing_frees_their_place(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    services.registration_register(event=event, person=world.member)
    services.registration_register(event=event, person=world.lead)
    services.feed_get_or_create(person=world.member)
    files = {data.name: data for data in rights.export(world.member)}
    assert files["events/registrations.csv"].rows[0][0] == event.title
    assert files["events/calendar-feed.json"].data == {"has_calendar_feed": True}
    rights.erase(world.member)
    assert not Registration.objects.filter(person=world.member).exists()
    assert not CalendarFeed.objects.filter(person=world.member).exists()
    assert Registration.objects.get(person=world.lead).status == RegistrationStatus.OFFERED


@pytest.mark.django_db
def test_the_event_and_people_pages_cost_the_same_for_few_and_many_registrations(world: SimpleNamespace) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = make_event(world.national, capacity=3)
    member, organiser = Client(), Client()
    sign_in(member, world.member)
    sign_in(organiser, world.national)
    services.registration_register(event=event, person=world.member)

    def cost(client: Client, path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    cost(member, f"/events/{event.pk}/")
    cost(organiser, f"/events/{event.pk}/people/")
    few = (cost(member, f"/events/{event.pk}/"), cost(organiser, f"/events/{event.pk}/people/"))
    register_many(event, 8)
    many = (cost(member, f"/events/{event.pk}/"), cost(organiser, f"/events/{event.pk}/people/"))
    assert few == many


@pytest.mark.django_db
def test_the_form_says_what_to_enter_for_each_mistake(world: SimpleNamespace) -> None:
    from wayfinder.events.forms import EventForm

    form = EventForm(
        {
            "host": "national",
            "title": "",
            "format": "online",
            "joining_url": "not a link",
            "starts_at": "tomorrow",
            "ends_at": "2031-03-05T13:00",
            "capacity": "0",
            "audience": "network",
            "link_shown_minutes": "30",
            "first_reminder_hours": "500",
            "second_reminder_minutes": "60",
            "offer_hours": "48",
        },
        hosts=[("national", "A national event")],
    )
    assert not form.is_valid()
    assert form.errors == {
        "title": ["Enter the event's title"],
        "joining_url": ["Enter the joining link as a web address, like https://example.org/join"],
        "starts_at": ["Enter a date and time, like 2027-03-05 14:00"],
        "capacity": ["Enter a whole number from 1 to 100000"],
        "first_reminder_hours": ["Enter a whole number from 0 to 168"],
        "audience": ["Only a network's event can be for the network's members"],
    }


@pytest.mark.django_db
def test_organisers_move_people_on_the_waiting_list_through_the_page(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    register_many(event, 3)
    first, second = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by("position")
    organiser, member = Client(), Client()
    sign_in(organiser, world.national)
    sign_in(member, world.member)
    path = f"/events/{event.pk}/waiting/{second.pk}/move/"
    assert member.post(path, {"direction": "up"}).status_code == 404
    answer = organiser.post(path, {"direction": "up"})
    assert answer.status_code == 302 and answer["Location"].endswith("/people/#waiting")
    order = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [second.pk, first.pk]
    page = organiser.get(f"/events/{event.pk}/people/").content.decode()
    assert page.count("Move up") == 1 and page.count("Move down") == 1
