"""Actions: owners who are members, due dates not in the past, overdue ones tagged in words, "my actions"
across networks, owners updating their own actions, and reminders sent once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.conftest import Mailbox
from tests.plans.support import add_actions, make_overdue, start_plan
from tests.signing_in import sign_in
from wayfinder.networks.models import Membership, NetworkRole
from wayfinder.plans import services
from wayfinder.plans.models import Action, ActionStatus, PlanEvent

pytestmark = pytest.mark.django_db

MAX_MY_ACTIONS_QUERIES = 8


@pytest.fixture
def plan(world: SimpleNamespace) -> Any:
    return start_plan(world.open, world.lead)


def _priority(plan: Any) -> Any:
    return plan.priorities.order_by("position").first()


def _action_post(owner_id: int, *, due_in_days: int = 14, **extra: str) -> dict[str, str]:
    return {
        "title": "Book a room for the away day",
        "owner": str(owner_id),
        "due_on": (timezone.localdate() + timedelta(days=due_in_days)).isoformat(),
        "status": ActionStatus.NOT_STARTED,
        "notes": "",
        **extra,
    }


def test_a_lead_adds_an_action_with_an_owner_and_due_date(world: SimpleNamespace, client: Client, plan: Any) -> None:
    priority = _priority(plan)
    sign_in(client, world.lead)

    response = client.post(f"/plans/{plan.pk}/priorities/{priority.pk}/actions/new/", _action_post(world.member.pk))

    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.owner, action.priority, action.status) == (world.member, priority, ActionStatus.NOT_STARTED)
    event = PlanEvent.objects.get(kind="action_added")
    assert "Max Member" in event.summary and event.actor == world.lead


def test_a_due_date_in_the_past_is_refused_for_a_new_action(world: SimpleNamespace, client: Client, plan: Any) -> None:
    priority = _priority(plan)
    sign_in(client, world.lead)
    events = PlanEvent.objects.count()

    response = client.post(
        f"/plans/{plan.pk}/priorities/{priority.pk}/actions/new/", _action_post(world.member.pk, due_in_days=-1)
    )

    assert response.status_code == 200
    assert "The due date must be today or in the future" in response.content.decode()
    assert not Action.objects.exists() and PlanEvent.objects.count() == events


def test_an_owner_who_is_not_a_member_is_refused(world: SimpleNamespace, client: Client, plan: Any) -> None:
    priority = _priority(plan)
    sign_in(client, world.lead)
    events = PlanEvent.objects.count()

    # The outsider is not offered as an owner; a tampered form names them anyway.
    response = client.post(f"/plans/{plan.pk}/priorities/{priority.pk}/actions/new/", _action_post(world.outsider.pk))

    assert response.status_code == 200
    assert "Choose an owner who is a member of the network" in response.content.decode()
    assert not Action.objects.exists() and PlanEvent.objects.count() == events


def test_the_service_refuses_an_owner_who_is_not_a_member(world: SimpleNamespace, plan: Any) -> None:
    with pytest.raises(ValidationError, match="member of the network"):
        services.action_add(
            priority=_priority(plan),
            user=world.lead,
            title="Anything",
            owner=world.external,  # a member of another network only
            due_on=timezone.localdate(),
        )
    assert not Action.objects.exists()


@pytest.mark.parametrize("what", ["priority", "action"])
def test_a_tampered_id_from_another_plan_is_404(world: SimpleNamespace, client: Client, plan: Any, what: str) -> None:
    other_plan = start_plan(world.restricted, world.lead)
    (other_action,) = add_actions(other_plan, world.member, 1)
    sign_in(client, world.lead)

    if what == "priority":
        url = f"/plans/{plan.pk}/priorities/{_priority(other_plan).pk}/actions/new/"
        response = client.post(url, _action_post(world.member.pk))
    else:
        url = f"/plans/{plan.pk}/actions/{other_action.pk}/edit/"
        response = client.post(url, _action_post(world.member.pk, title="Changed"))

    assert response.status_code == 404
    other_action.refresh_from_db()
    assert Action.objects.count() == 1 and other_action.title == "Action number 0"


def test_changing_a_due_date_into_the_past_is_refused_but_an_overdue_action_can_be_saved(
    world: SimpleNamespace, plan: Any
) -> None:
    (action,) = add_actions(plan, world.member, 1)
    yesterday = timezone.localdate() - timedelta(days=1)

    with pytest.raises(ValidationError, match="A new due date must be today or in the future"):
        services.action_update(
            action=action, user=world.lead, title=action.title, owner=world.member, due_on=yesterday, status="done"
        )

    action = make_overdue(action)
    services.action_update(
        action=action, user=world.lead, title=action.title, owner=world.member, due_on=action.due_on, status="done"
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_overdue_actions_are_tagged_in_words(world: SimpleNamespace, client: Client, plan: Any) -> None:
    late, _on_time = add_actions(plan, world.member, 2)
    make_overdue(late)
    sign_in(client, world.member)

    plan_page = client.get(f"/plans/{plan.pk}/").content.decode()
    mine = client.get("/my-actions/").content.decode()

    for html in (plan_page, mine):
        # The only red tag on these pages, and it says "Overdue" in words.
        assert html.count("nhsuk-tag--red") == 1
        assert html.split("nhsuk-tag--red", 1)[1].split("</strong>", 1)[0].strip(' "\n>') == "Overdue"
    assert "1 overdue" in plan_page and "1 action is overdue" in mine
    # A finished action is never overdue.
    services.action_progress(action=late, user=world.member, status=ActionStatus.DONE)
    assert "Overdue" not in client.get("/my-actions/").content.decode().split("Done (")[0]


def test_my_actions_lists_mine_across_networks_and_no_one_elses(
    world: SimpleNamespace, client: Client, plan: Any
) -> None:
    other_plan = start_plan(world.private, world.lead)
    add_actions(plan, world.member, 1)
    services.action_add(
        priority=_priority(other_plan),
        user=world.lead,
        title="Write to the practices",
        owner=world.member,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    services.action_add(
        priority=_priority(plan),
        user=world.lead,
        title="The lead's own action",
        owner=world.lead,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    sign_in(client, world.member)

    html = client.get("/my-actions/").content.decode()

    assert "Action number 0" in html and "Write to the practices" in html
    assert "Riverside PCN" in html and "Hillside Care Network" in html
    assert "The lead&#39;s own action" not in html and "The lead's own action" not in html

    # After leaving a network, its actions no longer show.
    Membership.objects.filter(user=world.member, network=world.private).delete()
    assert "Write to the practices" not in client.get("/my-actions/").content.decode()


def test_my_actions_needs_sign_in(client: Client) -> None:
    response = client.get("/my-actions/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_owner_updates_the_status_and_notes_of_their_own_action_only(
    world: SimpleNamespace, client: Client, plan: Any
) -> None:
    (action,) = add_actions(plan, world.member, 1)
    another_member = f.UserFactory.create()
    f.MembershipFactory.create(user=another_member, network=world.open, role=NetworkRole.MEMBER)
    sign_in(client, world.member)

    page = client.get(f"/plans/{plan.pk}/actions/{action.pk}/edit/").content.decode()
    assert 'name="status"' in page and 'name="title"' not in page and 'name="owner"' not in page

    response = client.post(
        f"/plans/{plan.pk}/actions/{action.pk}/edit/",
        {"status": ActionStatus.BLOCKED, "notes": "Waiting for the room booking", "title": "Tampered"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.notes, action.title) == (
        ActionStatus.BLOCKED,
        "Waiting for the room booking",
        "Action number 0",
    )
    event = PlanEvent.objects.filter(kind="action_changed").get()
    assert event.changes["Status"] == ["Not started", "Blocked"] and event.actor == world.member

    client.force_login(another_member)
    assert client.get(f"/plans/{plan.pk}/actions/{action.pk}/edit/").status_code == 404


# Reminders ------------------------------------------------------------------------------------------------


def test_the_reminder_command_emails_owners_once(
    world: SimpleNamespace, plan: Any, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    due_soon, due_later, done = add_actions(plan, world.member, 3, due_in_days=2)
    Action.objects.filter(pk=due_later.pk).update(due_on=timezone.localdate() + timedelta(days=20))
    services.action_progress(action=done, user=world.member, status=ActionStatus.DONE)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_action_reminders")

    message = mailbox.wait_for(world.member.email, subject_contains="Action number 0")
    body = mailbox.body(message)
    assert "Riverside PCN" in body and f"/plans/{plan.pk}/" in body
    due_soon.refresh_from_db()
    assert due_soon.reminded_at is not None
    assert len(mailbox.messages) == 1

    call_command("send_action_reminders")
    assert services.action_remind(action_id=due_soon.pk) is False
    assert len(mailbox.messages) == 1


def test_a_new_due_date_gets_its_own_reminder(world: SimpleNamespace, plan: Any) -> None:
    (action,) = add_actions(plan, world.member, 1, due_in_days=1)
    assert services.action_remind(action_id=action.pk) is True
    action.refresh_from_db()

    services.action_update(
        action=action,
        user=world.lead,
        title=action.title,
        owner=world.member,
        due_on=timezone.localdate() + timedelta(days=2),
        status=action.status,
    )

    assert action.pk in services.actions_due_a_reminder()


def test_an_owner_who_has_left_is_not_reminded(world: SimpleNamespace, plan: Any) -> None:
    (action,) = add_actions(plan, world.member, 1, due_in_days=1)
    Membership.objects.filter(user=world.member, network=world.open).delete()

    assert services.action_remind(action_id=action.pk) is False


# What "my actions" costs ----------------------------------------------------------------------------------


def test_my_actions_costs_the_same_at_two_sizes(
    world: SimpleNamespace, client: Client, plan: Any, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    other = start_plan(world.restricted, world.lead)
    sign_in(client, world.member)
    assert client.get("/my-actions/").status_code == 200  # what the shared cache keeps about the person is read once
    counts = []
    for count in (2, 60):
        add_actions(plan, world.member, count)
        add_actions(other, world.member, count)

        with django_assert_max_num_queries(MAX_MY_ACTIONS_QUERIES) as captured:
            response = client.get("/my-actions/")

        assert response.content.decode().count("Action number") == Action.objects.filter(owner=world.member).count()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
