"""Live consensus sessions: starting, joining with a code, answering, the distribution, agreeing a level and
priorities, ending; who may do what; and the cost of the pages phones and the big screen poll."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.assessments.test_rounds import open_round
from tests.signing_in import sign_in
from wayfinder.assessments import live, services
from wayfinder.assessments.models import (
    Consensus,
    LiveAnswer,
    LiveSession,
    Participant,
    Perspective,
    Priority,
    Rater,
    SessionStatus,
)
from wayfinder.core import permissions
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
    with pytest.raises(ValidationError, match="The session with that code has ended"):
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
    assert "Your answer: Level 3: Step 2." in phone.get(f"/live/{session.code}/").content.decode()
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
    for tampered in ("abc", "9" * 30, ""):
        assert client.post(f"/live/session/{session.pk}/move/", {"dimension": tampered}).status_code == 404
    sign_in(client, world.member)
    live.session_join(code=session.code, user=world.member)
    assert client.post(f"/live/{session.code}/", {"level": "9" * 30}).status_code == 400
    assert client.post(f"/live/{session.code}/", {"level": "1", "dimension": "9" * 30}).status_code == 400


def add_people(session: LiveSession, count: int, *, start: int = 0) -> Participant:
    """`count` more members join and answer the current dimension; returns the last to join."""
    participant = None
    for n in range(start, start + count):
        person = f.UserFactory.create(email=f"p{n}@example.org")
        f.MembershipFactory.create(user=person, network=session.round.network, role=NetworkRole.MEMBER)
        participant = live.session_join(code=session.code, user=person)
        live.answer_save(participant=participant, level_id=levels(session)[n % 4].pk)
    assert participant is not None
    return participant


def poll_costs(client: Client, phone: Client, session: LiveSession) -> dict[str, int]:
    """Queries for each page a session polls or reloads, with the status each answered."""
    pages = {
        "distribution": (client, f"/live/session/{session.pk}/distribution/", 200),
        "screen": (client, f"/live/session/{session.pk}/", 200),
        "phone poll": (phone, f"/live/{session.code}/poll/?dimension={session.current_dimension_id}", 204),
        "phone page": (phone, f"/live/{session.code}/", 200),
    }
    costs = {}
    for name, (browser, url, status) in pages.items():
        cache.clear()  # what each page costs to work out, not what the shared cache keeps about the person
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == status
        costs[name] = len(queries)
    return costs


def test_polling_costs_the_same_for_5_or_40_people(
    client: Client, world: Any, session: LiveSession, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.lead)
    phone = Client()
    phone.force_login(add_people(session, 5).user)
    with_5 = poll_costs(client, phone, session)
    add_people(session, 35, start=5)
    assert live.distribution(session).participants == 40
    with_40 = poll_costs(client, phone, session)
    assert with_5 == with_40, (with_5, with_40)
    # And the counts are small: the two pages polled every 2 seconds most of all.
    with django_assert_max_num_queries(8):
        assert client.get(f"/live/session/{session.pk}/distribution/").status_code == 200
    with django_assert_max_num_queries(4):
        assert phone.get(f"/live/{session.code}/poll/?dimension={session.current_dimension_id}").status_code == 204


def test_the_distribution_costs_three_queries(session: LiveSession, django_assert_num_queries: Any) -> None:
    add_people(session, 12)
    session = LiveSession.objects.select_related("round").get(pk=session.pk)
    with django_assert_num_queries(3):
        spread = live.distribution(session)
    assert spread.answered == spread.participants == 12
    assert [bar.count for bar in spread.bars] == [3, 3, 3, 3]


def test_the_big_screen_poll_answers_204_while_nothing_changes(
    client: Client, world: Any, session: LiveSession
) -> None:
    sign_in(client, world.lead)
    url = f"/live/session/{session.pk}/distribution/"
    first = client.get(url, HTTP_HX_REQUEST="true")
    seen = live.distribution(session).digest
    assert f'name="seen" value="{seen}"' in first.content.decode()
    assert client.get(url, {"seen": seen}, HTTP_HX_REQUEST="true").status_code == 204
    add_people(session, 1)
    changed = client.get(url, {"seen": seen}, HTTP_HX_REQUEST="true")
    assert changed.status_code == 200 and "Everyone chose level 1" in changed.content.decode()


# Answers and agreed levels ----------------------------------------------------------------------------------


def test_an_answer_sent_after_the_facilitator_moved_on_is_not_counted(
    client: Client, world: Any, session: LiveSession
) -> None:
    participant = live.session_join(code=session.code, user=world.member)
    first = session.current_dimension_id
    assert first is not None
    second = session.round.version.dimensions.order_by("position")[1]
    live.session_move(session=session, dimension_id=second.pk, user=world.lead)
    with pytest.raises(ValidationError, match="moved on to another question"):
        live.answer_save(participant=participant, level_id=levels(session)[0].pk, dimension_id=first)
    assert not LiveAnswer.objects.exists()

    # On the phone: the stale form is refused, and the new question is shown with the message.
    sign_in(client, world.member)
    response = client.post(f"/live/{session.code}/", {"level": levels(session)[0].pk, "dimension": first})
    page = response.content.decode()
    assert response.status_code == 400
    assert "your answer was not sent" in page and second.name in page
    assert f'name="dimension" value="{second.pk}"' in page
    ok = client.post(f"/live/{session.code}/", {"level": levels(session)[0].pk, "dimension": second.pk})
    assert ok.status_code == 302
    assert LiveAnswer.objects.get().dimension == second


def test_the_agreed_level_falls_back_on_the_ratings_when_nobody_answered_live(
    client: Client, world: Any, session: LiveSession
) -> None:
    dimension_id = session.current_dimension_id
    assert dimension_id is not None
    for person, position in ((world.member, 3), (world.lead, 2), (world.external, 4)):
        rater, _ = services.rater_invite(
            round_=session.round, email=person.email, perspective=Perspective.MEMBER, invited_by=world.lead
        )
        services.rating_save(rater=rater, dimension_id=dimension_id, level_id=levels(session)[position - 1].pk)

    # The big screen suggests the lowest rating and says how far the ratings ranged.
    sign_in(client, world.lead)
    screen = client.get(f"/live/session/{session.pk}/").content.decode()
    assert "Before the session, ratings ranged from level 2 to level 4." in screen
    assert f'value="{levels(session)[1].pk}" checked' in screen

    consensus = live.consensus_record(
        round_=session.round, dimension_id=dimension_id, level_id=levels(session)[1].pk, notes="", user=world.lead
    )
    assert (consensus.level.position, consensus.lowest, consensus.highest) == (2, 2, 4)


def test_the_screen_suggests_the_lowest_answer_until_a_level_is_agreed(
    client: Client, world: Any, session: LiveSession
) -> None:
    sign_in(client, world.lead)
    nobody = client.get(f"/live/session/{session.pk}/").content.decode()
    assert "No answers yet" in nobody and " checked" not in nobody and "data-keep-choice" not in nobody
    for person, position in ((world.member, 3), (world.lead, 2)):
        live.answer_save(
            participant=live.session_join(code=session.code, user=person), level_id=levels(session)[position - 1].pk
        )
    partial = client.get(f"/live/session/{session.pk}/distribution/").content.decode()
    assert f'data-suggested-level="{levels(session)[1].pk}"' in partial  # app.js checks it as answers arrive
    assert "Answers ranged from level 2 to level 3" in partial
    screen = client.get(f"/live/session/{session.pk}/").content.decode()
    assert f'value="{levels(session)[1].pk}" checked' in screen
    client.post(f"/live/session/{session.pk}/consensus/", {"level": levels(session)[2].pk, "notes": ""})
    agreed = client.get(f"/live/session/{session.pk}/").content.decode()
    assert f'value="{levels(session)[2].pk}" checked' in agreed and "data-keep-choice" in agreed


def test_an_ended_session_or_another_rounds_session_takes_no_more_writes(
    client: Client, world: Any, session: LiveSession
) -> None:
    dimension_id = session.current_dimension_id
    assert dimension_id is not None
    other_round = open_round(world, title="Another round")
    with pytest.raises(ValidationError, match="another round"):
        live.consensus_record(
            round_=other_round,
            dimension_id=dimension_id,
            level_id=levels(session)[0].pk,
            notes="",
            user=world.lead,
            session=session,
        )
    live.session_end(session=session, user=world.lead)
    with pytest.raises(ValidationError, match="This session has ended"):
        live.consensus_record(
            round_=session.round,
            dimension_id=dimension_id,
            level_id=levels(session)[0].pk,
            notes="",
            user=world.lead,
            session=session,
        )
    with pytest.raises(ValidationError, match="This session has ended"):
        live.session_move(session=session, dimension_id=dimension_id, user=world.lead)
    sign_in(client, world.lead)
    summary = f"/live/session/{session.pk}/summary/"
    assert client.get(f"/live/session/{session.pk}/")["Location"] == summary
    for action, data in (("consensus", {"level": levels(session)[0].pk}), ("priorities", {"text": "Late idea"})):
        assert client.post(f"/live/session/{session.pk}/{action}/", data)["Location"] == summary
    assert not Consensus.objects.exists() and not Priority.objects.exists()
    # Starting again makes a new session with a new code.
    fresh = live.session_start(round_=session.round, user=world.lead)
    assert fresh != session and fresh.code != session.code


def test_every_phone_sees_the_priorities_when_the_session_ends(
    client: Client, world: Any, session: LiveSession
) -> None:
    live.session_join(code=session.code, user=world.member)
    live.priority_add(round_=session.round, text="Meet the council", dimension_id=None, user=world.lead)
    live.session_end(session=session, user=world.lead)
    sign_in(client, world.member)
    page = client.get(f"/live/{session.code}/").content.decode()
    assert "The session has ended" in page and "Meet the council" in page
    assert f"/live/session/{session.pk}/summary/" in page
    assert "hx-trigger" not in page  # no more polling
    # A late answer from a phone goes back to the ended page.
    late = client.post(f"/live/{session.code}/", {"level": levels(session)[0].pk})
    assert late["Location"] == f"/live/{session.code}/"


# Who may do what ----------------------------------------------------------------------------------------------


@pytest.fixture
def facilitator(world: Any) -> Any:
    person = f.UserFactory.create(email="facilitator@example.org")
    f.MembershipFactory.create(user=person, network=world.restricted, role=NetworkRole.FACILITATOR)
    return person


@pytest.mark.parametrize(
    ("who", "runs", "takes_part", "sees_summary"),
    [
        ("lead", True, True, True),
        ("facilitator", True, True, True),
        ("member", False, True, True),
        ("external", False, True, True),
        ("outsider", False, False, False),
        ("system_lead", False, False, True),  # oversees the network's results, but is not in the room
        ("admin", True, False, True),
    ],
)
def test_the_policy_for_live_sessions(
    world: Any, facilitator: Any, session: LiveSession, who: str, runs: bool, takes_part: bool, sees_summary: bool
) -> None:
    user = facilitator if who == "facilitator" else getattr(world, who)
    session = LiveSession.objects.select_related("round__network__system").get(pk=session.pk)
    assert permissions.can(user, "session.run", session) is runs
    assert permissions.can(user, "session.join", session) is takes_part
    assert permissions.can(user, "round.view_results", session.round) is sees_summary


@pytest.mark.parametrize("who", ["facilitator", "member", "outsider"])
def test_the_pages_follow_the_policy(
    client: Client, world: Any, facilitator: Any, session: LiveSession, who: str
) -> None:
    user = facilitator if who == "facilitator" else getattr(world, who)
    runs, joins = who == "facilitator", who != "outsider"
    sign_in(client, user)
    base = f"/live/session/{session.pk}"
    assert client.get(f"{base}/").status_code == (200 if runs else 404)
    assert client.get(f"{base}/distribution/").status_code == (200 if runs else 404)
    assert client.post(f"{base}/move/", {"dimension": session.current_dimension_id}).status_code == (
        302 if runs else 404
    )
    assert client.post(f"{base}/priorities/", {"text": "A priority"}).status_code == (302 if runs else 404)
    assert Priority.objects.exists() is runs
    assert client.post("/live/", {"code": session.code}).status_code == (302 if joins else 400)
    assert client.get(f"/live/{session.code}/").status_code == (200 if joins else 404)
    # A phone that shows no question yet is told to reload.
    assert client.get(f"/live/{session.code}/poll/").status_code == (200 if joins else 404)
    assert client.get(f"{base}/summary/").status_code == (200 if joins else 404)


def test_the_results_page_offers_a_live_session_to_those_who_run_the_round(
    client: Client, world: Any, facilitator: Any
) -> None:
    round_ = open_round(world)
    sign_in(client, world.member)
    assert "Start a live consensus session" not in client.get(f"/rounds/{round_.pk}/results/").content.decode()
    sign_in(client, facilitator)
    page = client.get(f"/rounds/{round_.pk}/results/").content.decode()
    assert "Start a live consensus session" in page and f"/rounds/{round_.pk}/live/start/" in page
    started = client.post(f"/rounds/{round_.pk}/live/start/")
    session = LiveSession.objects.get(round=round_)
    assert started["Location"] == f"/live/session/{session.pk}/"
    # Pressing it again (or on another page) goes back to the running session.
    assert client.post(f"/rounds/{round_.pk}/live/start/")["Location"] == started["Location"]
    assert LiveSession.objects.count() == 1


def test_the_bars_say_one_answer_in_the_singular(client: Client, world: Any, session: LiveSession) -> None:
    participant = live.session_join(code=session.code, user=world.member)
    live.answer_save(participant=participant, level_id=levels(session)[0].pk)
    sign_in(client, world.lead)
    partial = client.get(f"/live/session/{session.pk}/distribution/").content.decode()
    assert 'aria-label="Level 1: 1 of 1 answer"' in partial


def test_live_pages_label_a_level_named_by_its_number_once(client: Client, world: Any) -> None:
    version = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED)
    session = live.session_start(round_=open_round(world, version=version), user=world.lead)
    participant = live.session_join(code=session.code, user=world.member)
    live.answer_save(participant=participant, level_id=levels(session)[1].pk)
    sign_in(client, world.member)
    phone = client.get(f"/live/{session.code}/").content.decode()
    assert "Your answer: Level 2." in phone and ">Level 5</label>" in phone
    sign_in(client, world.lead)
    screen = client.get(f"/live/session/{session.pk}/").content.decode()
    bars = client.get(f"/live/session/{session.pk}/distribution/").content.decode()
    assert "Level 2: Two" not in phone + screen + bars and ">Level 2<" in screen and ">Level 2</th>" in bars
