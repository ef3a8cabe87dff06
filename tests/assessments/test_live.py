"""Live consensus sessions: starting, joining with a code, answering, the distribution, agreeing a level and
priorities, ending; who may do what; and the cost of the pages phones and the big screen poll."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories as f
from tests.assessments.test_results import sign_in
from tests.assessments.test_rounds import open_round
from wayfinder.assessments import live, services
from wayfinder.assessments.models import Consensus, LiveAnswer, LiveSession, Perspective, Priority, Rater, SessionStatus
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.networks.models import NetworkRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world: SimpleNamespace) -> LiveSession:
    return live.session_start(round_=open_round(world), user=world.lead)


def levels(session: LiveSession) -> list[Any]:
    return list(session.round.version.levels.order_by("position"))


def test_starting_twice_gives_the_same_session_with_a_readable_code(world: Any, session: LiveSession) -> None:
    assert live.session_start(round_=session.round, user=world.lead) == session
    assert len(session.code) == 6 and not set(session.code) & set("01OI")
    assert session.status == SessionStatus.RUNNING
    assert session.current_dimension == session.round.version.dimensions.order_by("position").first()


def test_joining_needs_a_running_session_and_a_part_in_the_network(world: Any, session: LiveSession) -> None:
    with pytest.raises(ValidationError, match="No session is running with that code"):
        live.session_join(code="ZZZZZZ", user=world.member)
    with pytest.raises(ValidationError, match="Only members of the network"):
        live.session_join(code=session.code, user=world.outsider)
    participant = live.session_join(code=f" {session.code.lower()} ", user=world.member)
    assert live.session_join(code=session.code, user=world.member) == participant
    live.session_end(session=session, user=world.lead)
    with pytest.raises(ValidationError, match="No session is running"):
        live.session_join(code=session.code, user=world.lead)


def test_an_invited_rater_from_outside_may_join(world: Any, session: LiveSession) -> None:
    rater, _ = services.rater_invite(
        round_=session.round, email=world.outsider.email, perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    # External raters are invited by email alone; once their account is linked to the invitation they may join.
    Rater.objects.filter(pk=rater.pk).update(user=world.outsider)
    assert live.session_join(code=session.code, user=world.outsider).user == world.outsider


def test_answers_replace_each_other_and_a_foreign_level_is_refused(world: Any, session: LiveSession) -> None:
    participant = live.session_join(code=session.code, user=world.member)
    first, second = levels(session)[0], levels(session)[2]
    live.answer_save(participant=participant, level_id=first.pk)
    live.answer_save(participant=participant, level_id=second.pk)
    assert LiveAnswer.objects.get(participant=participant).level == second
    other = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED)
    with pytest.raises(ValidationError, match="Choose one of the levels shown"):
        live.answer_save(participant=participant, level_id=other.levels.get(position=5).pk)
    assert LiveAnswer.objects.get(participant=participant).level == second
    live.session_end(session=session, user=world.lead)
    with pytest.raises(ValidationError, match="This session has ended"):
        live.answer_save(participant=participant, level_id=first.pk)


def test_the_distribution_counts_answers_per_level(world: Any, session: LiveSession) -> None:
    people = [world.member, world.lead]
    for n in range(3):
        person = f.UserFactory.create(email=f"p{n}@example.org")
        f.MembershipFactory.create(user=person, network=session.round.network, role=NetworkRole.MEMBER)
        people.append(person)
    chosen = [1, 1, 3, 3, 3]
    for person, position in zip(people, chosen, strict=True):
        participant = live.session_join(code=session.code, user=person)
        live.answer_save(participant=participant, level_id=levels(session)[position - 1].pk)
    spread = live.distribution(session)
    assert [bar.count for bar in spread.bars] == [2, 0, 3, 0]
    assert spread.answered == 5 and spread.participants == 5
    assert spread.range_text == "Answers ranged from level 1 to level 3"
    assert live.suggested_level(lowest=spread.lowest) == 1


def test_the_agreed_level_keeps_the_range_and_priorities_are_listed(world: Any, session: LiveSession) -> None:
    member = live.session_join(code=session.code, user=world.member)
    lead = live.session_join(code=session.code, user=world.lead)
    live.answer_save(participant=member, level_id=levels(session)[1].pk)
    live.answer_save(participant=lead, level_id=levels(session)[3].pk)
    assert session.current_dimension_id is not None
    consensus = live.consensus_record(
        round_=session.round,
        dimension_id=session.current_dimension_id,
        level_id=levels(session)[1].pk,
        notes="We agreed to start where the most cautious view is.",
        user=world.lead,
        session=session,
    )
    assert (consensus.lowest, consensus.highest) == (2, 4)
    live.priority_add(round_=session.round, text="  Agree a shared  plan ", dimension_id=None, user=world.lead)
    live.priority_add(round_=session.round, text="Meet the council", dimension_id=None, user=world.lead)
    assert list(Priority.objects.values_list("text", flat=True)) == ["Agree a shared plan", "Meet the council"]
    with pytest.raises(ValidationError, match="Enter the improvement priority"):
        live.priority_add(round_=session.round, text="   ", dimension_id=None, user=world.lead)


def test_the_whole_session_works_without_javascript(client: Client, world: Any, session: LiveSession) -> None:
    # A phone joins and answers.
    phone = Client()
    sign_in(phone, world.member)
    response = phone.post("/live/", {"code": session.code.lower()})
    assert response.status_code == 302 and response["Location"] == f"/live/{session.code}/"
    page = phone.get(response["Location"]).content.decode()
    assert session.current_dimension is not None and session.current_dimension.name in page
    answer = phone.post(f"/live/{session.code}/", {"level": levels(session)[2].pk})
    assert answer.status_code == 302
    assert "Your answer: level 3" in phone.get(f"/live/{session.code}/").content.decode()
    assert phone.post(f"/live/{session.code}/", {}).status_code == 400

    # The big screen shows the answer, records the agreed level and a priority, moves on and ends.
    sign_in(client, world.lead)
    screen = client.get(f"/live/session/{session.pk}/").content.decode()
    assert session.code in screen and "1</strong> of 1 person has answered" in screen
    assert "Everyone chose level 3" in screen
    client.post(f"/live/session/{session.pk}/consensus/", {"level": levels(session)[2].pk, "notes": "Agreed"})
    assert Consensus.objects.get(round=session.round).level == levels(session)[2]
    client.post(f"/live/session/{session.pk}/priorities/", {"text": "Share the plan with practices"})
    second = session.round.version.dimensions.order_by("position")[1]
    assert client.post(f"/live/session/{session.pk}/move/", {"dimension": second.pk}).status_code == 302
    # The phone is told to reload because the question changed.
    first_id = session.current_dimension_id
    poll = phone.get(f"/live/{session.code}/poll/?dimension={first_id}", HTTP_HX_REQUEST="true")
    assert poll.headers.get("HX-Refresh") == "true"
    assert phone.get(f"/live/{session.code}/poll/?dimension={second.pk}").status_code == 204
    assert client.post(f"/live/session/{session.pk}/end/")["Location"] == f"/live/session/{session.pk}/summary/"
    summary = client.get(f"/live/session/{session.pk}/summary/").content.decode()
    assert "Share the plan with practices" in summary and "Level 3" in summary
    assert "The session has ended" in phone.get(f"/live/{session.code}/").content.decode()


@pytest.mark.parametrize(
    ("who", "runs", "joins"),
    [
        ("lead", True, True),
        ("member", False, True),
        ("external", False, True),  # holds the external role in this network, so takes part
        ("outsider", False, False),
        ("system_lead", False, False),
        ("national", False, False),
    ],
)
def test_who_runs_and_who_joins(
    client: Client, world: Any, session: LiveSession, who: str, runs: bool, joins: bool
) -> None:
    sign_in(client, getattr(world, who))
    assert client.get(f"/live/session/{session.pk}/").status_code == (200 if runs else 404)
    assert client.post(f"/rounds/{session.round.pk}/live/start/").status_code == (302 if runs else 404)
    response = client.post("/live/", {"code": session.code})
    assert (response.status_code == 302) is joins
    if not joins:
        assert "Only members of the network" in response.content.decode()
        assert client.get(f"/live/{session.code}/").status_code == 404
    assert client.post(f"/live/session/{session.pk}/end/").status_code == (302 if runs else 404)


def test_a_tampered_session_or_priority_id_is_not_found(client: Client, world: Any, session: LiveSession) -> None:
    sign_in(client, world.lead)
    assert client.get(f"/live/session/{session.pk + 100}/").status_code == 404
    assert client.post(f"/live/session/{session.pk}/priorities/9999/remove/").status_code == 404
    other = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED)
    foreign = other.dimensions.first()
    assert foreign is not None
    assert client.post(f"/live/session/{session.pk}/move/", {"dimension": foreign.pk}).status_code == 404


@pytest.mark.parametrize("people", [5, 40])
def test_polling_costs_the_same_for_5_or_40_people(
    client: Client, world: Any, session: LiveSession, people: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(people):
        person = f.UserFactory.create(email=f"p{n}@example.org")
        f.MembershipFactory.create(user=person, network=session.round.network, role=NetworkRole.MEMBER)
        participant = live.session_join(code=session.code, user=person)
        live.answer_save(participant=participant, level_id=levels(session)[n % 4].pk)
    sign_in(client, world.lead)
    with django_assert_max_num_queries(8):
        assert client.get(f"/live/session/{session.pk}/distribution/").status_code == 200
    phone = Client()
    phone.force_login(person)
    with django_assert_max_num_queries(5):
        assert phone.get(f"/live/{session.code}/poll/?dimension={session.current_dimension_id}").status_code == 204
