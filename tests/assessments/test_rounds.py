"""Opening a round, inviting raters (members and external raters by email), reminders and who may do what."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.assessments.test_results import sign_in
from tests.conftest import Mailbox
from wayfinder.assessments import services
from wayfinder.assessments.models import Perspective, Purpose, Rater, Round
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus

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
    draft = FrameworkVersion.objects.create(framework=pcn_matrix().framework, number=99, status=VersionStatus.DRAFT)
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
    client: Client, world: SimpleNamespace, mailbox: Mailbox
) -> None:
    round_ = open_round(world)
    sign_in(client, world.lead)
    response = client.post(
        f"/rounds/{round_.pk}/invite/members/", {"members": [world.member.pk], "perspective": "steering"}
    )
    assert response.status_code == 302
    rater = Rater.objects.get(round=round_, user=world.member)
    assert rater.perspective == Perspective.STEERING
    member_mail = mailbox.wait_for("member@example.org", subject_contains="Please rate")
    assert f"/rounds/{round_.pk}/rate/" in mailbox.body(member_mail)

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
    client: Client, world: SimpleNamespace, mailbox: Mailbox
) -> None:
    round_ = open_round(world)
    sign_in(client, world.lead)
    client.post(f"/rounds/{round_.pk}/invite/external/", {"email": "partner@example.org"})
    mailbox.wait_for("partner@example.org")
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


def test_reminders_go_once_to_those_who_have_not_finished(world: SimpleNamespace, mailbox: Mailbox) -> None:
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

    call_command("send_round_reminders")
    call_command("send_round_reminders")

    reminders = [m for m in mailbox.messages if "Reminder" in m["Subject"]]
    assert [m["To"] for m in reminders] == ["slow@example.org"]
    waiting.refresh_from_db()
    assert waiting.reminded_at is not None
