"""Opening a round, inviting raters (members and external raters by email), reminders and who may do what."""

from __future__ import annotations

import io
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests import factories as f
from tests.conftest import Mailbox
from tests.html import link_texts
from tests.signing_in import sign_in
from wayfinder.accounts.models import User
from wayfinder.assessments import services
from wayfinder.assessments.models import Perspective, Purpose, Rater, Round
from wayfinder.core import permissions
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.jinja2 import format_date
from wayfinder.networks.models import NetworkRole

pytestmark = pytest.mark.django_db


def pcn_matrix() -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework__slug="pcn-maturity-matrix", status=VersionStatus.PUBLISHED)


def open_round(world: SimpleNamespace, **overrides: Any) -> Round:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "network": world.restricted,
        "version": pcn_matrix(),
        "purpose": Purpose.BASELINE,
        "opens_on": today,
        "closes_on": today + timedelta(days=14),
        "user": world.lead,
    }
    values.update(overrides)
    return services.round_open(**values)


# Opening ------------------------------------------------------------------------------------------------------


def test_a_lead_opens_a_round_from_the_form(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.lead)
    version = pcn_matrix()
    page = client.get("/networks/qi-circle/rounds/new/")
    assert page.status_code == 200
    assert "PCN Maturity Matrix (version 1)" in page.content.decode()
    today = timezone.localdate()
    response = client.post(
        "/networks/qi-circle/rounds/new/",
        {
            "version": version.pk,
            "purpose": "baseline",
            "title": "Baseline 2027",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=21)).isoformat(),
            "reminder_days_before": "3",
            "message": "",
        },
    )
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/rounds/{round_.pk}/"
    assert round_.version == version and round_.title == "Baseline 2027" and round_.created_by == world.lead


def test_a_round_needs_dates_in_order_and_a_published_version(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.lead)
    today = timezone.localdate()
    response = client.post(
        "/networks/qi-circle/rounds/new/",
        {
            "version": pcn_matrix().pk,
            "purpose": "baseline",
            "opens_on": today.isoformat(),
            "closes_on": (today - timedelta(days=1)).isoformat(),
            "reminder_days_before": "3",
        },
    )
    assert response.status_code == 200
    assert "The closing date must be the same as or after the opening date" in response.content.decode()
    assert not Round.objects.exists()
    draft = f.FrameworkVersionFactory.create(framework=pcn_matrix().framework, number=99, status=VersionStatus.DRAFT)
    with pytest.raises(ValidationError, match="published"):
        open_round(world, version=draft)
    assert not Round.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("lead", 200),
        ("member", 404),
        ("external", 404),
        ("outsider", 404),
        ("system_lead", 404),
        ("national", 404),
        ("admin", 200),
    ],
)
def test_who_may_open_a_round(client: Client, world: SimpleNamespace, who: str, status: int) -> None:
    sign_in(client, getattr(world, who))
    assert client.get("/networks/qi-circle/rounds/new/").status_code == status


@pytest.mark.parametrize(
    ("who", "page_status", "manages"),
    [
        ("lead", 200, True),
        ("member", 200, False),
        ("external", 200, False),
        ("outsider", 404, False),
        ("system_lead", 200, False),
        ("regional_lead", 200, False),
        ("national", 200, False),
    ],
)
def test_who_sees_a_round_and_who_runs_it(
    client: Client, world: SimpleNamespace, who: str, page_status: int, manages: bool
) -> None:
    round_ = open_round(world)
    sign_in(client, getattr(world, who))
    response = client.get(f"/rounds/{round_.pk}/")
    assert response.status_code == page_status
    if page_status == 200:
        assert ("Invite an external rater" in response.content.decode()) is manages
    invite = client.post(f"/rounds/{round_.pk}/invite/external/", {"email": "x@example.org"})
    assert (invite.status_code == 302) is manages
    if not manages:
        assert invite.status_code == 404


def test_a_tampered_round_id_is_not_found(client: Client, world: SimpleNamespace) -> None:
    round_ = open_round(world)
    sign_in(client, world.lead)
    assert client.get(f"/rounds/{round_.pk + 1000}/").status_code == 404
    assert client.get(f"/rounds/{round_.pk + 1000}/rate/").status_code == 404


# Inviting -----------------------------------------------------------------------------------------------------


def test_members_and_an_external_rater_are_invited_by_email(
    client: Client, world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    round_ = open_round(world)
    sign_in(client, world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/rounds/{round_.pk}/invite/members/", {"members": [world.member.pk], "perspective": "steering"}
        )
    assert response.status_code == 302
    rater = Rater.objects.get(round=round_, user=world.member)
    assert rater.perspective == Perspective.STEERING
    member_mail = mailbox.wait_for("member@example.org", subject_contains="Please rate")
    assert f"/rounds/{round_.pk}/rate/" in mailbox.body(member_mail)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/rounds/{round_.pk}/invite/external/", {"email": "Partner@Example.org", "name": "Pat Partner"}
        )
    assert response.status_code == 302
    external = Rater.objects.get(round=round_, email="partner@example.org")
    assert external.perspective == Perspective.EXTERNAL and external.user is None
    mail = mailbox.wait_for("partner@example.org", subject_contains="Please rate")
    link = next(url for url in mailbox.links(mail) if "/rate/" in url)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert external.token_hash != token and len(external.token_hash) == 64
    # The link works without signing in.
    anonymous = Client()
    page = anonymous.get(urlsplit(link).path)
    assert page.status_code == 200
    assert "Who will see your answers" in page.content.decode()


def test_inviting_the_same_person_twice_is_refused_and_sends_nothing(
    client: Client, world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    round_ = open_round(world)
    sign_in(client, world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rounds/{round_.pk}/invite/external/", {"email": "partner@example.org"})
    mailbox.wait_for("partner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rounds/{round_.pk}/invite/external/", {"email": "partner@example.org"})
    assert response.status_code == 400
    assert "partner@example.org has already been invited to this round" in response.content.decode()
    assert Rater.objects.filter(round=round_).count() == 1
    assert len([m for m in mailbox.messages if m["To"] == "partner@example.org"]) == 1


def test_a_bad_email_gets_a_clear_message(client: Client, world: SimpleNamespace) -> None:
    round_ = open_round(world)
    sign_in(client, world.lead)
    response = client.post(f"/rounds/{round_.pk}/invite/external/", {"email": "not an email"})
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.content.decode()
    assert not Rater.objects.exists()


def test_a_person_outside_the_network_cannot_rate_as_a_member(world: SimpleNamespace) -> None:
    round_ = open_round(world)
    with pytest.raises(ValidationError, match="Only members of the network"):
        services.rater_invite(
            round_=round_, email=world.outsider.email, perspective=Perspective.MEMBER, invited_by=world.lead
        )
    assert not Rater.objects.exists()


def test_the_lead_sees_who_has_finished_but_never_their_answers(client: Client, world: SimpleNamespace) -> None:
    round_ = open_round(world)
    rater, _ = services.rater_invite(
        round_=round_, email="partner@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    version = round_.version
    first = version.dimensions.order_by("position").first()
    assert first is not None
    services.rating_save(
        rater=rater,
        dimension_id=first.pk,
        level_id=version.levels.get(position=2).pk,
        evidence="A very particular sentence",
    )
    sign_in(client, world.lead)
    page = client.get(f"/rounds/{round_.pk}/").content.decode()
    assert "In progress" in page and "partner@example.org" in page
    assert "A very particular sentence" not in page


def test_the_round_page_costs_a_fixed_number_of_queries(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    round_ = open_round(world)
    for n in range(30):
        services.rater_invite(
            round_=round_, email=f"p{n}@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
        )
    sign_in(client, world.lead)
    with django_assert_max_num_queries(16):
        assert client.get(f"/rounds/{round_.pk}/").status_code == 200


# Closing and reminders ---------------------------------------------------------------------------------------


def test_closing_early_and_changing_the_date(client: Client, world: SimpleNamespace) -> None:
    round_ = open_round(world)
    sign_in(client, world.lead)
    later = timezone.localdate() + timedelta(days=30)
    assert client.post(f"/rounds/{round_.pk}/close-date/", {"closes_on": later.isoformat()}).status_code == 302
    round_.refresh_from_db()
    assert round_.closes_on == later
    past = timezone.localdate() - timedelta(days=3)
    response = client.post(f"/rounds/{round_.pk}/close-date/", {"closes_on": past.isoformat()})
    assert response.status_code == 400
    round_.refresh_from_db()
    assert round_.closes_on == later
    assert client.post(f"/rounds/{round_.pk}/close/").status_code == 302
    round_.refresh_from_db()
    assert round_.closed_early_at is not None and not services.round_is_open(round_)


def test_reminders_go_once_to_those_who_have_not_finished(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    round_ = open_round(world, closes_on=today + timedelta(days=2), reminder_days_before=3)
    waiting, _ = services.rater_invite(
        round_=round_, email="slow@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    done, _ = services.rater_invite(
        round_=round_, email="quick@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    Rater.objects.filter(pk=done.pk).update(submitted_at=timezone.now())
    not_yet = open_round(world, closes_on=today + timedelta(days=10), reminder_days_before=3)
    services.rater_invite(
        round_=not_yet, email="early@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    mailbox.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_round_reminders", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_round_reminders", stdout=io.StringIO())

    reminders = [m for m in mailbox.messages if "Reminder" in m["Subject"]]
    assert [m["To"] for m in reminders] == ["slow@example.org"]
    waiting.refresh_from_db()
    assert waiting.reminded_at is not None


# Who may do what: a table of roles and actions -------------------------------------------------------------


def facilitator_of(world: SimpleNamespace) -> User:
    user = f.UserFactory.create(email="facilitator@example.org", full_name="Fay Facilitator")
    f.MembershipFactory.create(user=user, network=world.restricted, role=NetworkRole.FACILITATOR)
    return user


ACTIONS = ("round.open", "round.manage", "round.view", "round.view_results", "rater.rate")
# For a round of the restricted network, in which the member was invited to rate.
EXPECTED = {
    "lead": (True, True, True, True, False),
    "facilitator": (True, True, True, True, False),
    "member": (False, False, True, True, True),
    "external": (False, False, True, True, False),
    "outsider": (False, False, False, False, False),
    "system_lead": (False, False, True, True, False),
    "regional_lead": (False, False, True, True, False),
    "national": (False, False, True, True, False),
    "admin": (True, True, True, True, False),
}


@pytest.mark.parametrize("who", EXPECTED)
def test_the_round_policy_table(world: SimpleNamespace, who: str) -> None:
    world.facilitator = facilitator_of(world)
    round_ = open_round(world)
    rater, _ = services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    round_ = Round.objects.select_related("network__system").get(pk=round_.pk)
    user = getattr(world, who)
    targets = {"round.open": round_.network, "rater.rate": rater}
    outcome = tuple(permissions.can(user, action, targets.get(action, round_)) for action in ACTIONS)
    assert outcome == EXPECTED[who]


def test_nobody_signed_out_may_do_anything_with_a_round(world: SimpleNamespace) -> None:
    round_ = open_round(world)
    rater, _ = services.rater_invite(
        round_=round_, email="partner@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    anonymous = AnonymousUser()
    assert not any(
        permissions.can(anonymous, action, rater if action == "rater.rate" else round_)
        for action in ("round.manage", "round.view", "round.view_results", "rater.rate")
    )


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("lead", True), ("facilitator", True), ("member", False), ("system_lead", False), ("outsider", False)],
)
def test_who_may_change_the_dates_and_close_a_round(
    client: Client, world: SimpleNamespace, who: str, allowed: bool
) -> None:
    world.facilitator = facilitator_of(world)
    round_ = open_round(world)
    sign_in(client, getattr(world, who))
    later = timezone.localdate() + timedelta(days=40)
    moved = client.post(f"/rounds/{round_.pk}/close-date/", {"closes_on": later.isoformat()})
    confirm = client.get(f"/rounds/{round_.pk}/close/")
    closed = client.post(f"/rounds/{round_.pk}/close/")
    round_.refresh_from_db()
    if allowed:
        assert (moved.status_code, confirm.status_code, closed.status_code) == (302, 200, 302)
        assert round_.closes_on == later and round_.closed_early_at is not None
    else:
        assert (moved.status_code, confirm.status_code, closed.status_code) == (404, 404, 404)
        assert round_.closes_on != later and round_.closed_early_at is None


def test_a_facilitator_opens_a_round_from_the_network_page(client: Client, world: SimpleNamespace) -> None:
    facilitator = facilitator_of(world)
    sign_in(client, facilitator)
    page = client.get("/networks/qi-circle/").content.decode()
    assert "/networks/qi-circle/rounds/new/" in page
    sign_in(client, world.member)
    assert "/networks/qi-circle/rounds/new/" not in client.get("/networks/qi-circle/").content.decode()


def test_a_draft_version_is_never_offered(client: Client, world: SimpleNamespace) -> None:
    draft = f.FrameworkVersionFactory.create(framework=pcn_matrix().framework, number=99, status=VersionStatus.DRAFT)
    sign_in(client, world.admin)
    page = client.get("/networks/qi-circle/rounds/new/").content.decode()
    assert "PCN Maturity Matrix (version 1)" in page and "(version 99)" not in page
    today = timezone.localdate()
    response = client.post(
        "/networks/qi-circle/rounds/new/",
        {
            "version": draft.pk,
            "purpose": "baseline",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(),
            "reminder_days_before": "3",
        },
    )
    assert response.status_code == 200
    assert "Choose a framework from the list" in response.content.decode()
    assert not Round.objects.exists()


def test_opening_a_round_refuses_bad_input_with_clear_messages(world: SimpleNamespace) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="Choose what the round is for"):
        open_round(world, purpose="whenever")
    with pytest.raises(ValidationError, match="from 0 to 60"):
        open_round(world, reminder_days_before=90)
    with pytest.raises(ValidationError, match="today or in the future"):
        open_round(world, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1))
    with pytest.raises(ValidationError, match="at most 400 days"):
        open_round(world, closes_on=today + timedelta(days=401))
    assert not Round.objects.exists()


def test_a_round_list_shows_a_networks_rounds_in_a_fixed_number_of_queries(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    for n in range(8):
        round_ = open_round(world, title=f"Round {n}")
        services.rater_invite(
            round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
        )
    open_round(world, network=world.private, title="Elsewhere")
    sign_in(client, world.member)
    with django_assert_max_num_queries(10):
        page = client.get("/networks/qi-circle/rounds/")
    text = page.content.decode()
    assert page.status_code == 200 and "Round 7" in text and "Elsewhere" not in text
    # The network is listed, so an outsider sees the page, but none of its rounds.
    sign_in(client, world.outsider)
    outside = client.get("/networks/qi-circle/rounds/")
    assert outside.status_code == 200 and "Round 7" not in outside.content.decode()


# Inviting: all or nothing, and one private link per round ---------------------------------------------------


def test_inviting_several_members_is_all_or_nothing(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    round_ = open_round(world)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError, match="Only members"):
        services.raters_invite(
            round_=round_, users=[world.member, world.outsider], perspective=Perspective.MEMBER, invited_by=world.lead
        )
    assert not Rater.objects.exists()
    assert mailbox.messages == []
    with pytest.raises(ValidationError, match="Choose at least one member"):
        services.raters_invite(round_=round_, users=[], perspective=Perspective.MEMBER, invited_by=world.lead)


def test_nobody_can_be_invited_to_a_closed_round(world: SimpleNamespace) -> None:
    round_ = open_round(world)
    services.round_close_early(round_=round_, user=world.lead)
    with pytest.raises(ValidationError, match="This round has closed"):
        services.rater_invite(
            round_=round_, email="late@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
        )
    with pytest.raises(ValidationError, match="already closed"):
        services.round_close_early(round_=round_, user=world.lead)


def test_each_round_gives_an_external_rater_a_link_to_that_round_only(client: Client, world: SimpleNamespace) -> None:
    first = open_round(world, title="Spring round")
    second = open_round(world, title="Autumn round")
    rater_one, token_one = services.rater_invite(
        round_=first, email="partner@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    rater_two, token_two = services.rater_invite(
        round_=second, email="partner@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    assert token_one != token_two and rater_one.token_hash != rater_two.token_hash
    assert services.rater_from_token(token=token_one) == rater_one
    assert services.rater_from_token(token=token_two) == rater_two
    assert services.rater_from_token(token="") is None and services.rater_from_token(token="x" * 200) is None
    dimension = second.version.dimensions.order_by("position").first()
    assert dimension is not None
    level = second.version.levels.order_by("position").first()
    assert level is not None
    client.post(f"/rate/{token_one}/{dimension.pk}/", {"level": level.pk, "action": "later"})
    assert rater_one.ratings.count() == 1 and rater_two.ratings.count() == 0


def test_a_reminder_gives_an_external_rater_a_new_link_and_the_old_one_stops(
    client: Client, world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    round_ = open_round(world, closes_on=timezone.localdate() + timedelta(days=1))
    rater, old_token = services.rater_invite(
        round_=round_, email="partner@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rater_remind(rater_id=rater.pk) is True
    assert services.rater_remind(rater_id=rater.pk) is False
    mail = mailbox.wait_for("partner@example.org", subject_contains="Reminder")
    assert "replaces the one in your invitation email" in mailbox.body(mail)
    link = next(url for url in mailbox.links(mail) if "/rate/" in url)
    assert client.get(urlsplit(link).path).status_code == 200
    assert client.get(f"/rate/{old_token}/").status_code == 404


def test_a_member_reminder_asks_them_to_sign_in(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    round_ = open_round(world, closes_on=timezone.localdate() + timedelta(days=1))
    rater, _ = services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    before = rater.token_hash
    with django_capture_on_commit_callbacks(execute=True):
        services.rater_remind(rater_id=rater.pk)
    body = mailbox.body(mailbox.wait_for(world.member.email, subject_contains="Reminder"))
    assert f"/rounds/{round_.pk}/rate/" in body and "sign in" in body
    rater.refresh_from_db()
    assert rater.token_hash == before


def test_no_reminder_goes_out_for_a_round_closed_early(world: SimpleNamespace) -> None:
    round_ = open_round(world, closes_on=timezone.localdate() + timedelta(days=1))
    services.rater_invite(
        round_=round_, email="partner@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    assert services.raters_due_a_reminder() != []
    services.round_close_early(round_=round_, user=world.lead)
    assert services.raters_due_a_reminder() == []


# Pure logic ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "window", "due"),
    [(5, 3, False), (3, 3, True), (1, 3, True), (0, 3, True), (-1, 3, False), (0, 0, True), (1, 0, False)],
)
def test_a_reminder_is_due_inside_the_window_before_closing(days_left: int, window: int, due: bool) -> None:
    today = date(2027, 3, 1)
    closes_on = today + timedelta(days=days_left)
    assert services.reminder_due(closes_on=closes_on, reminder_days_before=window, today=today) is due


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    days_left=st.integers(min_value=-30, max_value=90),
    window=st.integers(min_value=0, max_value=60),
)
def test_a_reminder_is_due_exactly_when_the_round_closes_within_the_window(
    today: date, days_left: int, window: int
) -> None:
    closes_on = today + timedelta(days=days_left)
    assert services.reminder_due(closes_on=closes_on, reminder_days_before=window, today=today) is (
        0 <= days_left <= window
    )


@pytest.mark.parametrize(
    ("opens", "closes", "closed_early", "is_open"),
    [(0, 0, False, True), (-5, 5, False, True), (1, 5, False, False), (-5, -1, False, False), (-5, 5, True, False)],
)
def test_a_round_is_open_between_its_dates_unless_closed_early(
    opens: int, closes: int, closed_early: bool, is_open: bool
) -> None:
    today = date(2027, 3, 3)
    round_ = Round(
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
        closed_early_at=timezone.now() if closed_early else None,
    )
    assert services.round_is_open(round_, today=today) is is_open


def test_each_round_link_says_which_round_it_opens(client: Client, world: SimpleNamespace) -> None:
    """Two untitled baselines used to be listed as the same link text: "Baseline for Quality Improvement Circle"."""
    today = timezone.localdate()
    first = open_round(world)
    second = open_round(world)
    Round.objects.filter(pk=first.pk).update(opens_on=today - timedelta(days=30))
    first.refresh_from_db()
    sign_in(client, world.lead)
    links = link_texts(client.get("/networks/qi-circle/rounds/").content.decode(), "/rounds/")
    name = "Baseline for Quality Improvement Circle"
    assert links[f"/rounds/{first.pk}/"] == f"{name}, opened {format_date(first.opens_on)}"
    assert links[f"/rounds/{second.pk}/"] == f"{name}, opened {format_date(today)}"
