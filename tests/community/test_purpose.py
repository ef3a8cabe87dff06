"""Shared purpose: who proposes, comments, votes, opens and closes the vote and adopts (roles × actions); a vote
changes until the vote closes, then is refused; the adopted statement shows on the network's page with its date;
earlier votes stay visible; the page costs the same at two sizes."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.community import purpose_services as services
from wayfinder.community.purpose_models import PurposeBallot, PurposeStatement, PurposeVote
from wayfinder.core.permissions import can
from wayfinder.networks.models import NetworkRole

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "outsider", "member", "external", "lead", "system_lead", "national", "admin"]
T, F = True, False

# The restricted network has an external member; the private one is in system B; the confidential one in system A.
TABLE: dict[tuple[str, str], list[bool]] = {
    #                                 anon outs memb ext  lead sys  nat  admin
    ("purpose.view", "restricted"): [F, F, T, T, T, F, F, F],
    ("purpose.take_part", "restricted"): [F, F, T, F, T, F, F, F],
    ("purpose.run_vote", "restricted"): [F, F, F, F, T, F, F, F],
    ("purpose.view", "open"): [F, F, T, F, T, F, F, F],
    ("purpose.view", "confidential"): [F, F, T, F, T, F, F, F],
    ("purpose.take_part", "confidential"): [F, F, T, F, T, F, F, F],
    ("purpose.run_vote", "confidential"): [F, F, F, F, T, F, F, F],
}


def who(world: SimpleNamespace, name: str) -> Any:
    return AnonymousUser() if name == "anonymous" else getattr(world, name)


@pytest.mark.parametrize(("action", "network"), list(TABLE))
def test_who_may_do_what(world: SimpleNamespace, action: str, network: str) -> None:
    expected = TABLE[(action, network)]
    got = [can(who(world, person), action, getattr(world, network)) for person in PEOPLE]
    assert dict(zip(PEOPLE, got, strict=True)) == dict(zip(PEOPLE, expected, strict=True))


@pytest.mark.parametrize("network", ["restricted", "confidential"])
@pytest.mark.parametrize("person", PEOPLE)
def test_the_page_answers_members_only(world: SimpleNamespace, client: Client, person: str, network: str) -> None:
    target = getattr(world, network)
    if person != "anonymous":
        sign_in(client, who(world, person))
    response = client.get(f"/community/networks/{target.slug}/purpose/")
    allowed = TABLE[("purpose.view", network)][PEOPLE.index(person)]
    if person == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if allowed else 404)


@pytest.fixture
def steering(world: SimpleNamespace) -> Any:
    person = f.UserFactory.create(email="steering@example.org", full_name="Stella Steering")
    f.MembershipFactory.create(user=person, network=world.open, role=NetworkRole.STEERING)
    return person


def test_a_vote_changes_until_the_vote_closes_then_is_refused(world: SimpleNamespace, steering: Any) -> None:
    first = services.purpose_propose(network=world.open, user=world.member, text="We join up care for our patients")
    second = services.purpose_propose(network=world.open, user=steering, text="We learn from each other")
    assert first.ballot_id == second.ballot_id
    with pytest.raises(ValidationError, match="Voting has not opened yet"):
        services.purpose_vote(statement=first, user=world.member)
    with pytest.raises(ValidationError, match="Only the network's lead"):
        services.purpose_voting_open(network=world.open, user=world.member)
    services.purpose_voting_open(network=world.open, user=world.lead)
    with pytest.raises(ValidationError, match="no new statements"):
        services.purpose_propose(network=world.open, user=world.member, text="Too late")

    services.purpose_vote(statement=first, user=world.member)
    services.purpose_vote(statement=second, user=world.member)  # changes the vote
    services.purpose_vote(statement=second, user=steering)
    assert PurposeVote.objects.filter(voter=world.member).count() == 1
    assert PurposeVote.objects.get(voter=world.member).statement == second

    with pytest.raises(ValidationError, match="Close the vote before adopting"):
        services.purpose_adopt(statement=second, user=world.lead)
    services.purpose_voting_close(network=world.open, user=world.lead)
    with pytest.raises(ValidationError, match="This vote has closed"):
        services.purpose_vote(statement=first, user=world.member)
    assert PurposeVote.objects.get(voter=world.member).statement == second
    with pytest.raises(ValidationError, match="This vote has closed"):
        services.purpose_comment(statement=first, user=world.member, text="Still thinking")

    with pytest.raises(ValidationError, match="Only the network's lead"):
        services.purpose_adopt(statement=second, user=steering)
    services.purpose_adopt(statement=second, user=world.lead)
    with pytest.raises(ValidationError, match="already been adopted"):
        services.purpose_adopt(statement=first, user=world.lead)


def test_outsiders_and_external_members_cannot_take_part(world: SimpleNamespace) -> None:
    for person in (world.outsider, world.external, world.system_lead):
        with pytest.raises(ValidationError, match="Only members"):
            services.purpose_propose(network=world.restricted, user=person, text="A purpose")


def test_an_empty_or_long_statement_is_refused(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError, match="Write your purpose statement"):
        services.purpose_propose(network=world.open, user=world.member, text="   ")
    with pytest.raises(ValidationError, match="1,000 characters or fewer"):
        services.purpose_propose(network=world.open, user=world.member, text="x" * 1001)


def _adopt(world: SimpleNamespace, text: str) -> PurposeStatement:
    statement = services.purpose_propose(network=world.open, user=world.member, text=text)
    services.purpose_voting_open(network=world.open, user=world.lead)
    services.purpose_vote(statement=statement, user=world.member)
    services.purpose_voting_close(network=world.open, user=world.lead)
    return services.purpose_adopt(statement=statement, user=world.lead)


def test_the_adopted_statement_shows_on_the_network_page_with_its_date(world: SimpleNamespace, client: Client) -> None:
    page = world.open.get_absolute_url()
    sign_in(client, world.outsider)
    assert "Our purpose" not in client.get(page).content.decode()

    adopted = _adopt(world, "We make care joined up for everyone in Riverside")
    html = client.get(page).content.decode()
    assert "We make care joined up for everyone in Riverside" in html
    assert f"Adopted on {date_format(timezone.localdate(adopted.adopted_at), 'j F Y')}" in html
    assert "See how the network agreed it" not in html  # the votes are for members

    sign_in(client, world.member)
    html = client.get(page).content.decode()
    assert "See how the network agreed it" in html


def test_a_later_vote_starts_afresh_and_the_earlier_one_stays_visible(world: SimpleNamespace, client: Client) -> None:
    _adopt(world, "Our first purpose")
    later = services.purpose_propose(network=world.open, user=world.member, text="Our second purpose")
    assert PurposeBallot.objects.filter(network=world.open).count() == 2
    assert later.ballot.is_proposing
    sign_in(client, world.member)
    html = client.get(f"/community/networks/{world.open.slug}/purpose/").content.decode()
    assert "Earlier votes" in html and "Our first purpose" in html and "1 vote" in html
    assert "Our second purpose" in html


def test_members_propose_comment_and_vote_through_the_pages(world: SimpleNamespace, client: Client) -> None:
    url = f"/community/networks/{world.open.slug}/purpose/"
    sign_in(client, world.member)
    response = client.post(url, {"text": ""})
    assert response.status_code == 400 and "Write your purpose statement" in response.content.decode()
    assert client.post(url, {"text": "We support each other"}).status_code == 302
    statement = PurposeStatement.objects.get()
    response = client.post(f"{url}{statement.pk}/comment/", {f"comment-{statement.pk}-text": "Yes, and patients"})
    assert response.status_code == 302
    assert statement.comments.get().text == "Yes, and patients"
    assert client.post(f"{url}open/").status_code == 302  # not the lead: refused with a message
    assert PurposeBallot.objects.get().is_proposing

    sign_in(client, world.lead)
    client.post(f"{url}open/")
    sign_in(client, world.member)
    client.post(f"{url}{statement.pk}/vote/")
    assert PurposeVote.objects.get().voter == world.member
    # A statement of another network answers 404, not a vote.
    other = services.purpose_propose(network=world.restricted, user=world.lead, text="Elsewhere")
    assert client.post(f"{url}{other.pk}/vote/").status_code == 404


def test_the_page_costs_the_same_at_two_sizes(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    url = f"/community/networks/{world.open.slug}/purpose/"
    sign_in(client, world.member)
    counts = []
    for size in (2, 12):
        while PurposeStatement.objects.filter(ballot__network=world.open).count() < size:
            statement = services.purpose_propose(network=world.open, user=world.member, text="A statement")
            services.purpose_comment(statement=statement, user=world.lead, text="A comment")
        client.get(url)
        with django_assert_max_num_queries(14) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_home_page_asks_members_to_vote_until_they_have(world: SimpleNamespace, client: Client) -> None:
    statement = services.purpose_propose(network=world.open, user=world.member, text="We care together")
    sign_in(client, world.member)
    assert "Riverside PCN: shared purpose" not in client.get("/").content.decode()
    services.purpose_voting_open(network=world.open, user=world.lead)
    assert "Riverside PCN: shared purpose" in client.get("/").content.decode()
    services.purpose_vote(statement=statement, user=world.member)
    assert "Riverside PCN: shared purpose" not in client.get("/").content.decode()
    sign_in(client, world.outsider)
    assert "shared purpose" not in client.get("/").content.decode()
