"""The hub's two Wagtail groups: what "Hub editors" and "Hub moderators" may do, how they are made with or without
the hub's front page, and how a knowledge hub editor appointment puts people in them and takes them out."""

from __future__ import annotations

import importlib
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, WorkflowState
from wagtail.permissions import policy_registry

from tests import factories as f
from wayfinder.accounts.models import User
from wayfinder.contributions import groups, services
from wayfinder.contributions.models import SyncedGroupMembership
from wayfinder.hub.models import HubIndexPage, ResourcePage
from wayfinder.networks.models import Appointment, AppointmentRole

pytestmark = pytest.mark.django_db


def person_in(*group_names: str) -> User:
    user = f.UserFactory.create()
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


def a_resource(hub: HubIndexPage, slug: str = "huddles") -> ResourcePage:
    return f.hub_resource(
        slug,
        title="Running a huddle",
        summary="How to run a short daily huddle.",
        body="<p>Start with safety.</p>",
        parent=hub,
    )


def names_of_groups(user: User) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


# What each group may do ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "may_publish"),
    [(groups.EDITORS_GROUP, False), (groups.MODERATORS_GROUP, True)],
)
def test_each_group_may_write_in_the_hub_and_only_moderators_may_publish(
    hub: HubIndexPage, group: str, may_publish: bool
) -> None:
    user = person_in(group)
    page = a_resource(hub)

    on_page = page.permissions_for_user(user)
    assert user.has_perm("wagtailadmin.access_admin")
    assert hub.permissions_for_user(user).can_add_subpage()
    assert on_page.can_edit()
    assert on_page.can_publish() is may_publish
    assert hub.permissions_for_user(user).can_publish_subpage() is may_publish
    # Nothing outside the hub.
    root = Page.get_first_root_node()
    assert root is not None and not root.permissions_for_user(user).can_add_subpage()


@pytest.mark.parametrize("group", [groups.EDITORS_GROUP, groups.MODERATORS_GROUP])
def test_both_groups_may_add_and_choose_documents_and_images(group: str) -> None:
    user = person_in(group)

    for model in (get_document_model(), get_image_model()):
        policy = policy_registry.get_by_type(model)
        assert policy.user_has_permission(user, "add")
        assert policy.user_has_permission(user, "choose")


@pytest.mark.parametrize(
    ("group", "may_approve"),
    [(groups.EDITORS_GROUP, False), (groups.MODERATORS_GROUP, True)],
)
def test_only_moderators_may_approve_in_the_moderation_workflow(
    hub: HubIndexPage, group: str, may_approve: bool
) -> None:
    writer = person_in(groups.EDITORS_GROUP)
    page = a_resource(hub)
    page.save_revision(user=writer)
    services.moderation_workflow_ensure(hub).start(page, user=writer)
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.current_task_state is not None
    task = state.current_task_state.task.specific

    actions = [name for name, _, _ in task.get_actions(page, person_in(group))]

    assert ("approve" in actions) is may_approve


def test_a_hub_editor_opens_a_hub_page_in_the_editor(hub: HubIndexPage, client: Any) -> None:
    page = a_resource(hub)
    client.force_login(person_in(groups.EDITORS_GROUP))

    response = client.get(f"/cms/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert "Submit to Hub moderation" in response.content.decode()


# Making the groups -----------------------------------------------------------------------------------------


def _forget_groups() -> None:
    Group.objects.filter(name__in=groups.HUB_GROUPS).delete()


def test_without_the_hub_the_groups_are_made_and_get_page_permissions_once_the_hub_has_its_workflow(
    hub: HubIndexPage,
) -> None:
    _forget_groups()

    groups.hub_groups_ensure(None)

    made = Group.objects.filter(name__in=groups.HUB_GROUPS)
    assert made.count() == 2
    assert not GroupPagePermission.objects.filter(group__in=made).exists()
    assert person_in(groups.EDITORS_GROUP).has_perm("wagtailadmin.access_admin")

    services.moderation_workflow_ensure(hub)

    given = set(GroupPagePermission.objects.filter(page=hub).values_list("group__name", "permission__codename"))
    assert given == {
        (groups.EDITORS_GROUP, "add_page"),
        (groups.EDITORS_GROUP, "change_page"),
        (groups.MODERATORS_GROUP, "add_page"),
        (groups.MODERATORS_GROUP, "change_page"),
        (groups.MODERATORS_GROUP, "publish_page"),
        (groups.MODERATORS_GROUP, "lock_page"),
        (groups.MODERATORS_GROUP, "unlock_page"),
    }


def test_the_migration_makes_both_groups_with_their_permissions_on_the_hub(hub: HubIndexPage) -> None:
    _forget_groups()
    migration = importlib.import_module("wayfinder.contributions.migrations.0002_hub_editor_and_moderator_groups")

    migration.create_groups(apps, None)

    moderator = person_in(groups.MODERATORS_GROUP)
    assert a_resource(hub).permissions_for_user(moderator).can_publish()


def test_an_empty_moderators_group_made_before_these_permissions_gets_them(hub: HubIndexPage) -> None:
    _forget_groups()
    Group.objects.create(name=groups.MODERATORS_GROUP)  # as moderation_workflow_ensure used to leave it

    groups.hub_groups_ensure(hub)

    moderator = person_in(groups.MODERATORS_GROUP)
    assert moderator.has_perm("wagtailadmin.access_admin")
    assert a_resource(hub).permissions_for_user(moderator).can_publish()


def test_an_administrators_change_to_a_group_is_kept_and_checking_costs_one_query(
    hub: HubIndexPage, django_assert_num_queries: Any
) -> None:
    GroupPagePermission.objects.filter(group__name=groups.MODERATORS_GROUP, permission__codename="lock_page").delete()

    with django_assert_num_queries(1):
        groups.hub_groups_ensure(hub)

    assert not GroupPagePermission.objects.filter(
        group__name=groups.MODERATORS_GROUP, permission__codename="lock_page"
    ).exists()


# Following appointments ------------------------------------------------------------------------------------


def test_an_editor_appointment_puts_the_person_in_both_groups_and_removing_it_takes_them_out() -> None:
    appointment = f.AppointmentFactory.create(role=AppointmentRole.EDITOR)
    user = appointment.user

    assert names_of_groups(user) == {groups.EDITORS_GROUP, groups.MODERATORS_GROUP}
    assert user.has_perm("wagtailadmin.access_admin")

    appointment.delete()

    assert names_of_groups(User.objects.get(pk=user.pk)) == set()


def test_changing_an_appointment_away_from_editor_takes_the_person_out() -> None:
    appointment = f.AppointmentFactory.create(role=AppointmentRole.EDITOR)

    appointment.role = AppointmentRole.NATIONAL_TEAM
    appointment.save()

    assert names_of_groups(appointment.user) == set()


@pytest.mark.parametrize("role", [AppointmentRole.NATIONAL_TEAM, AppointmentRole.SITE_ADMIN])
def test_other_appointments_give_no_hub_group(role: str) -> None:
    appointment = f.AppointmentFactory.create(role=role)

    assert names_of_groups(appointment.user) == set()


def test_a_membership_given_by_hand_stays_when_the_appointment_goes() -> None:
    user = person_in(groups.MODERATORS_GROUP)
    appointment = f.AppointmentFactory.create(user=user, role=AppointmentRole.EDITOR)
    assert names_of_groups(user) == {groups.EDITORS_GROUP, groups.MODERATORS_GROUP}

    appointment.delete()

    assert names_of_groups(user) == {groups.MODERATORS_GROUP}


def test_deleting_an_editor_removes_everything_the_sync_recorded() -> None:
    appointment = f.AppointmentFactory.create(role=AppointmentRole.EDITOR)

    appointment.user.delete()

    assert not SyncedGroupMembership.objects.exists()
    assert not Group.objects.get(name=groups.EDITORS_GROUP).user_set.exists()


def test_the_command_syncs_appointments_loaded_in_bulk_both_ways() -> None:
    # Bulk writes send no signals: the groups are out of date until the command runs.
    leaving = f.UserFactory.create()
    leaving.groups.add(Group.objects.get(name=groups.EDITORS_GROUP))
    SyncedGroupMembership.objects.create(user=leaving, group=Group.objects.get(name=groups.EDITORS_GROUP))
    hand_given = person_in(groups.EDITORS_GROUP)
    newcomers = f.UserFactory.create_batch(3)
    Appointment.objects.bulk_create([Appointment(user=user, role=AppointmentRole.EDITOR) for user in newcomers])
    output = StringIO()

    call_command("sync_hub_groups", stdout=output)

    for user in newcomers:
        assert names_of_groups(user) == {groups.EDITORS_GROUP, groups.MODERATORS_GROUP}
    assert names_of_groups(leaving) == set()
    assert names_of_groups(hand_given) == {groups.EDITORS_GROUP}
    assert output.getvalue().strip() == "Gave 6 group places and took away 1."

    call_command("sync_hub_groups", stdout=output)

    assert output.getvalue().strip().endswith("Gave 0 group places and took away 0.")
