"""Who is my contact? The public directory of each system's contacts, searching it, and who keeps it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.networks import permissions, queries, services
from wayfinder.networks.models import Privacy, SystemContact

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "outsider", "member", "lead", "system_lead", "regional_lead", "national", "admin"]

# Keeping a system's contacts: its own system leads, the national team and site admins.
KEEP = {
    #           anon   outsider member lead   system regional national admin
    "system_a": [False, False, False, False, True, False, True, True],
    "system_b": [False, False, False, False, False, False, True, True],
}


def person(world: SimpleNamespace, who: str) -> Any:
    return AnonymousUser() if who == "anonymous" else getattr(world, who)


def cases() -> list[tuple[str, str, bool]]:
    return [(system, who, expected) for system, row in KEEP.items() for who, expected in zip(PEOPLE, row, strict=True)]


@pytest.mark.parametrize(("system", "who", "expected"), cases())
def test_who_may_keep_a_systems_contacts(world: SimpleNamespace, system: str, who: str, expected: bool) -> None:
    user = person(world, who)
    target = getattr(world, system)
    assert permissions.can(user, "system.keep_contacts", target) is expected
    kept = permissions.systems_whose_contacts_user_keeps(user).filter(pk=target.pk).exists()
    assert kept is expected, "the scoped selector and the policy must agree"


@pytest.mark.parametrize(("system", "who", "expected"), cases())
def test_the_keeping_pages_answer_404_to_everyone_else(
    world: SimpleNamespace, client: Client, system: str, who: str, expected: bool
) -> None:
    target = getattr(world, system)
    contact = f.SystemContactFactory.create(system=target)
    if who != "anonymous":
        sign_in(client, person(world, who))
    pages = [f"/contacts/systems/{target.pk}/", f"/contacts/{contact.pk}/edit/", f"/contacts/{contact.pk}/remove/"]
    for page in pages:
        status = client.get(page).status_code
        if who == "anonymous":
            assert status == 302, "signed-out people are sent to sign in"
        else:
            assert status == (200 if expected else 404), page


def test_anyone_can_read_the_directory_without_signing_in(world: SimpleNamespace, client: Client) -> None:
    f.SystemContactFactory.create(system=world.system_a, name="Dev Lead", email="dev.lead@riverside.example")
    response = client.get("/contacts/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Dev Lead" in text and "mailto:dev.lead@riverside.example" in text
    assert "Hillside ICS" in text and "has not published a contact yet" in text
    assert "Change the contacts" not in text


def test_system_lead_sees_a_link_to_keep_only_their_own_systems_contacts(
    world: SimpleNamespace, client: Client
) -> None:
    sign_in(client, world.system_lead)
    text = client.get("/contacts/").content.decode()
    assert f"/contacts/systems/{world.system_a.pk}/" in text
    assert f"/contacts/systems/{world.system_b.pk}/" not in text


def names(listings: list[queries.ContactListing]) -> list[str]:
    return [listing.system.name for listing in listings]


def test_search_finds_a_system_by_its_name_place_region_or_network(world: SimpleNamespace) -> None:
    f.PlaceFactory.create(system=world.system_b, name="Little Hamblet")
    anyone = AnonymousUser()
    assert names(queries.contacts_directory(anyone, q="riverside ics")) == ["Riverside ICS"]
    found = queries.contacts_directory(anyone, q="hamblet")
    assert names(found) == ["Hillside ICS"] and found[0].matched_places == ["Little Hamblet"]
    assert names(queries.contacts_directory(anyone, q="North of England")) == ["Riverside ICS"]
    by_network = queries.contacts_directory(anyone, q="Quality Improvement")
    assert names(by_network) == ["Riverside ICS"] and by_network[0].matched_networks == ["Quality Improvement Circle"]
    assert names(queries.contacts_directory(anyone, q="U00001")) == ["Riverside ICS"], "a PCN's code finds it"
    assert queries.contacts_directory(anyone, q="nowhere at all") == []
    assert names(queries.contacts_directory(anyone, region=world.region)) == ["Riverside ICS"]


def test_a_network_nobody_may_list_never_gives_its_system_away(world: SimpleNamespace) -> None:
    # "Quiet Network" is confidential and "Hillside Care Network" private: signed out, neither matches.
    assert queries.contacts_directory(AnonymousUser(), q="Quiet Network") == []
    assert queries.contacts_directory(AnonymousUser(), q="Hillside Care") == []
    assert names(queries.contacts_directory(world.member, q="Hillside Care")) == ["Hillside ICS"]


def test_the_search_page_says_when_nothing_matches(world: SimpleNamespace, client: Client) -> None:
    text = client.get("/contacts/", {"q": "zzzz"}).content.decode()
    assert "No system, place or network matches" in text


def test_the_directory_costs_the_same_queries_for_3_or_30_systems(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    def load() -> None:
        with django_assert_max_num_queries(8):
            assert client.get("/contacts/", {"q": "ICS"}).status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get("/contacts/").status_code == 200

    f.SystemContactFactory.create(system=world.system_a)
    load()
    for n in range(27):
        system = f.SystemFactory.create(region=world.region, name=f"More {n} ICS")
        f.SystemContactFactory.create_batch(2, system=system)
        f.PlaceFactory.create(system=system)
    load()


def test_a_system_lead_adds_changes_and_removes_a_contact(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.system_lead)
    page = f"/contacts/systems/{world.system_a.pk}/"
    response = client.post(
        page, {"name": "Jo  Bloggs", "job_title": "Lead", "email": "Jo@Riverside.example", "phone": "0113 496 0000"}
    )
    assert response.status_code == 302
    contact = SystemContact.objects.get(system=world.system_a)
    assert (contact.name, contact.email, contact.phone) == ("Jo Bloggs", "jo@riverside.example", "0113 496 0000")
    assert "Jo Bloggs" in client.get("/contacts/").content.decode()

    response = client.post(
        f"/contacts/{contact.pk}/edit/", {"name": "Jo Bloggs", "email": "team@riverside.example", "phone": ""}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.email, contact.job_title) == ("team@riverside.example", "")

    assert client.post(f"/contacts/{contact.pk}/remove/").status_code == 302
    assert not SystemContact.objects.exists()


def test_the_form_says_what_is_wrong(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.national)
    f.SystemContactFactory.create(system=world.system_b, email="taken@hillside.example")
    page = f"/contacts/systems/{world.system_b.pk}/"
    text = client.post(page, {"name": "", "email": "not an address"}).content.decode()
    assert "Enter the name of the person or team" in text
    assert "Enter an email address in the correct format" in text
    text = client.post(page, {"name": "Someone", "email": "TAKEN@hillside.example"}).content.decode()
    assert "This system already lists a contact with this email address" in text
    text = client.post(page, {"name": "Someone", "email": "new@hillside.example", "phone": "call me"}).content.decode()
    assert "Enter a telephone number" in text
    assert SystemContact.objects.count() == 1


def test_the_same_address_may_be_listed_for_two_systems(world: SimpleNamespace) -> None:
    services.system_contact_add(system=world.system_a, name="Shared team", email="team@example.org")
    services.system_contact_add(system=world.system_b, name="Shared team", email="team@example.org")
    with pytest.raises(ValidationError):
        services.system_contact_add(system=world.system_b, name="Again", email="Team@example.org")


def test_new_contacts_are_listed_after_the_others(world: SimpleNamespace) -> None:
    first = services.system_contact_add(system=world.system_a, name="Zed First", email="z@example.org")
    second = services.system_contact_add(system=world.system_a, name="Amy Second", email="a@example.org")
    assert queries.system_contacts(world.system_a) == [first, second]


def test_a_network_page_links_to_its_systems_contacts(world: SimpleNamespace, client: Client) -> None:
    text = client.get(f"/networks/{world.open.slug}/").content.decode()
    assert "/contacts/?q=Riverside%20ICS" in text
    assert world.open.privacy == Privacy.OPEN


def test_the_footer_links_to_the_directory(client: Client) -> None:
    assert 'href="/contacts/"' in client.get("/networks/").content.decode()
