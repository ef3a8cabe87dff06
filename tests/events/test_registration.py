"""Registering and cancelling in one step, the waiting list, offers that move on, and two people never taking the
last place at once."""

from __future__ import annotations

import threading
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from tests import factories as f
from tests.events.conftest import make_event
from wayfinder.comms.models import Delivery
from wayfinder.events import services
from wayfinder.events.models import Audience, Event, Registration, RegistrationStatus

REGISTERED, WAITING, OFFERED, CANCELLED = "registered", "waiting", "offered", "cancelled"


def status(event: Event, person: Any) -> str:
    return Registration.objects.get(event=event, person=person).status


@pytest.mark.django_db
def test_full_event_puts_people_on_the_waiting_list_and_a_freed_place_is_offered_in_order(
    world: SimpleNamespace,
) -> None:
    event = make_event(world.national, capacity=2)
    a, b, c, d = (f.UserFactory.create() for _ in range(4))
    assert services.registration_register(event=event, person=a).status == REGISTERED
    assert services.registration_register(event=event, person=b).status == REGISTERED
    assert services.registration_register(event=event, person=c).status == WAITING
    assert services.registration_register(event=event, person=d).status == WAITING
    assert Delivery.objects.filter(recipient=c.email, subject__startswith="Wayfinder: Waiting list").count() == 1

    services.registration_cancel(event=event, person=a)
    assert status(event, a) == CANCELLED
    assert status(event, c) == OFFERED and status(event, d) == WAITING
    offer = Registration.objects.get(event=event, person=c)
    assert offer.offered_until is not None
    assert timedelta(hours=47) < offer.offered_until - timezone.now() <= timedelta(hours=48)
    assert Delivery.objects.filter(recipient=c.email, subject__startswith="Wayfinder: A place for you").exists()

    # Someone new cannot jump the queue while a place is offered.
    e = f.UserFactory.create()
    assert services.registration_register(event=event, person=e).status == WAITING

    services.registration_accept(event=event, person=c)
    assert status(event, c) == REGISTERED
    assert Delivery.objects.filter(recipient=c.email, key__startswith="events.ics:").exists()


@pytest.mark.django_db
def test_an_offer_not_taken_in_time_moves_on_to_the_next_person(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    a, b, c = (f.UserFactory.create() for _ in range(3))
    for person in (a, b, c):
        services.registration_register(event=event, person=person)
    services.registration_cancel(event=event, person=a)
    assert status(event, b) == OFFERED
    assert services.offers_expire(now=timezone.now()) == 0  # not yet
    assert services.offers_expire(now=timezone.now() + timedelta(hours=49)) == 1
    assert status(event, b) == CANCELLED and status(event, c) == OFFERED
    assert Delivery.objects.filter(recipient=b.email, subject__startswith="Wayfinder: Offer ended").exists()
    with pytest.raises(ValidationError, match="This offer has ended"):
        services.registration_accept(event=event, person=b)


@pytest.mark.django_db
def test_an_offer_ends_when_registration_closes(world: SimpleNamespace) -> None:
    start = timezone.now() + timedelta(hours=10)
    event = make_event(world.national, capacity=1, starts_at=start, ends_at=start + timedelta(hours=1))
    a, b = f.UserFactory.create(), f.UserFactory.create()
    services.registration_register(event=event, person=a)
    services.registration_register(event=event, person=b)
    services.registration_cancel(event=event, person=a)
    offer = Registration.objects.get(event=event, person=b)
    assert offer.offered_until == event.starts_at


@pytest.mark.django_db
def test_organisers_reorder_the_waiting_list_and_the_top_is_offered_first(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    a, b, c = (f.UserFactory.create() for _ in range(3))
    for person in (a, b, c):
        services.registration_register(event=event, person=person)
    queue = services.waiting_move(
        event=event, registration=Registration.objects.get(event=event, person=c), by=world.national, up=True
    )
    assert [row.person_id for row in queue] == [c.pk, b.pk]
    services.registration_cancel(event=event, person=a)
    assert status(event, c) == OFFERED and status(event, b) == WAITING


@pytest.mark.django_db
def test_registering_twice_after_closing_or_for_a_draft_is_refused(world: SimpleNamespace) -> None:
    event = make_event(world.national)
    services.registration_register(event=event, person=world.member)
    with pytest.raises(ValidationError, match="already have a place"):
        services.registration_register(event=event, person=world.member)
    draft = make_event(world.national, publish=False)
    with pytest.raises(ValidationError, match="not open"):
        services.registration_register(event=draft, person=world.member)
    Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="closed"):
        services.registration_register(event=event, person=world.outsider)


@pytest.mark.django_db
def test_cancelling_and_registering_again_raises_the_persons_calendar_sequence(world: SimpleNamespace) -> None:
    event = make_event(world.national)
    first = services.registration_register(event=event, person=world.member)
    services.registration_cancel(event=event, person=world.member)
    again = services.registration_register(event=event, person=world.member)
    assert again.pk == first.pk and again.status == REGISTERED
    assert again.calendar_sequence == 2
    keys = list(Delivery.objects.filter(recipient=world.member.email).order_by("pk").values_list("key", flat=True))
    assert keys == [
        f"events.ics:{first.pk}:0:REQUEST",
        f"events.ics:{first.pk}:1:CANCEL",
        f"events.ics:{first.pk}:2:REQUEST",
    ]


@pytest.mark.django_db
def test_a_members_only_event_takes_only_members(world: SimpleNamespace) -> None:
    event = make_event(world.lead, network=world.open, audience=Audience.NETWORK)
    services.registration_register(event=event, person=world.member)
    with pytest.raises(ValidationError, match="only for members"):
        services.registration_register(event=event, person=world.outsider)
    system_event = make_event(world.system_lead, system=world.system_a, audience=Audience.SYSTEM)
    services.registration_register(event=system_event, person=world.member)
    with pytest.raises(ValidationError, match="only for members"):
        services.registration_register(event=system_event, person=world.outsider)


@pytest.mark.django_db
def test_a_larger_capacity_offers_the_new_places_to_those_waiting(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    a, b = f.UserFactory.create(), f.UserFactory.create()
    services.registration_register(event=event, person=a)
    services.registration_register(event=event, person=b)
    services.event_update(event=event, by=world.national, capacity=2)
    assert status(event, b) == OFFERED


@pytest.mark.django_db
def test_the_end_must_come_after_the_start(world: SimpleNamespace) -> None:
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        make_event(world.national, publish=False, starts_at=start, ends_at=start)
    assert "The event must end after it starts" in str(error.value)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and real concurrency")
@pytest.mark.django_db(transaction=True)
def test_twenty_people_racing_for_the_last_five_places_leave_five_registered_and_fifteen_waiting(
    world: SimpleNamespace,
) -> None:
    event = make_event(world.national, capacity=10)
    for _ in range(5):
        services.registration_register(event=event, person=f.UserFactory.create())
    people = [f.UserFactory.create() for _ in range(20)]
    start = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def take(person: Any) -> None:
        try:
            start.wait()
            services.registration_register(event=event, person=person)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=take, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    racers = Registration.objects.filter(event=event, person__in=people)
    assert racers.filter(status=RegistrationStatus.REGISTERED).count() == 5
    assert racers.filter(status=RegistrationStatus.WAITING).count() == 15
    assert Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count() == 10
    positions = list(racers.filter(status=RegistrationStatus.WAITING).values_list("position", flat=True))
    assert len(set(positions)) == 15


@pytest.mark.django_db
def test_offers_at_a_cancelled_event_are_left_alone(world: SimpleNamespace) -> None:
    event = make_event(world.national, capacity=1)
    a, b = f.UserFactory.create(), f.UserFactory.create()
    services.registration_register(event=event, person=a)
    services.registration_register(event=event, person=b)
    services.registration_cancel(event=event, person=a)
    services.event_cancel(event=event, by=world.national)
    assert services.offers_expire(now=timezone.now() + timedelta(days=3)) == 0
    assert not Delivery.objects.filter(recipient=b.email, subject__startswith="Wayfinder: Offer ended").exists()
