"""The member directory: nobody is listed by default; people who opt in appear, to signed-in people only, and are
found by words and filters; opting out takes them out at once; the page costs the same at two sizes."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.community import directory_services as services
from wayfinder.community.directory_models import DirectoryEntry

pytestmark = pytest.mark.django_db

URL = "/community/directory/"


def _list(person: Any, **changes: Any) -> DirectoryEntry:
    values: dict[str, Any] = {
        "listed": True,
        "full_name": person.full_name or "Someone",
        "job_title": "Practice nurse",
        "organisation": "Riverside Surgery",
        "professional_group": "nurse",
        "dimension_keys": [],
        "domain_keys": ["leadership-development"],
        "topics": "long-term conditions, rotas",
    }
    values.update(changes)
    return services.directory_profile_save(user=person, **values)


# Who sees the directory: signed-in people, whatever their role; signed-out people are sent to sign in.
SEES = [("anonymous", 302), ("outsider", 200), ("member", 200), ("external", 200), ("national", 200)]


@pytest.mark.parametrize(("person", "status"), SEES)
def test_the_directory_is_for_signed_in_people(
    world: SimpleNamespace, client: Client, person: str, status: int
) -> None:
    _list(world.member)
    if person != "anonymous":
        sign_in(client, getattr(world, person))
    response = client.get(URL)
    assert response.status_code == status
    if status == 200:
        assert "Max Member" in response.content.decode()


def test_nobody_is_listed_by_default(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.outsider)
    html = client.get(URL).content.decode()
    assert "Nobody is listed yet" in html
    for person in (world.lead, world.member, world.national):
        assert person.full_name not in html


def test_only_people_who_opted_in_show_and_opting_out_removes_them_at_once(
    world: SimpleNamespace, client: Client
) -> None:
    _list(world.member)
    _list(world.lead, listed=False)
    sign_in(client, world.outsider)
    html = client.get(URL).content.decode()
    assert "Max Member" in html and "Lena Lead" not in html
    assert world.member.email not in html  # the email address is never shown

    _list(world.member, listed=False)
    assert "Max Member" not in client.get(URL).content.decode()


def test_people_are_found_by_words_and_filters(world: SimpleNamespace, client: Client) -> None:
    _list(world.member, topics="social prescribing")
    _list(world.lead, job_title="Clinical Director", professional_group="gp", domain_keys=["pcn-set-up"], topics="")
    sign_in(client, world.outsider)

    def names(**query: str) -> set[str]:
        html = client.get(URL, query).content.decode()
        return {name for name in ("Max Member", "Lena Lead") if name in html}

    assert names(q="prescribing") == {"Max Member"}
    assert names(q="clinical director") == {"Lena Lead"}
    assert names(q="riverside") == {"Max Member", "Lena Lead"}
    assert names(group="gp") == {"Lena Lead"}
    assert names(domain="leadership-development") == {"Max Member"}
    assert names(q="nobody-matches") == set()


def test_a_person_lists_themselves_through_their_profile(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.outsider)
    profile = f"{URL}profile/"
    assert client.get(profile).status_code == 200
    response = client.post(profile, {"listed": "yes", "full_name": ""})
    assert response.status_code == 400 and "Enter your name" in response.content.decode()
    response = client.post(profile, {"listed": "maybe", "full_name": "Olive"})
    assert response.status_code == 400 and "Choose whether to be listed" in response.content.decode()
    response = client.post(
        profile,
        {
            "listed": "yes",
            "full_name": "Olive Outsider",
            "job_title": "Social prescribing link worker",
            "professional_group": "social_prescriber",
            "domain_keys": ["social-prescribing-and-asset-based-community-development"],
            "topics": "green spaces,  walking groups ,",
        },
    )
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(user=world.outsider)
    assert entry.listed and entry.topics == "green spaces, walking groups"
    world.outsider.refresh_from_db()
    assert world.outsider.job_title == "Social prescribing link worker"
    html = client.get(URL).content.decode()
    assert "Olive Outsider" in html and "Social prescribing and asset-based community development" in html


def test_an_unknown_professional_group_is_refused(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError, match="professional group"):
        _list(world.member, professional_group="astronaut")


def test_the_directory_costs_the_same_at_two_sizes(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    sign_in(client, world.outsider)
    counts = []
    for size in (2, 20):
        while DirectoryEntry.objects.count() < size:
            _list(f.UserFactory.create(full_name=f"Person {DirectoryEntry.objects.count()}"))
        client.get(URL)
        with django_assert_max_num_queries(14) as captured:
            response = client.get(URL, {"q": "nurse"})
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
