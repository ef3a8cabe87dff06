"""The knowledge hub's two Wagtail groups, what they may do, and who is in them because of their appointment.

"Hub editors" may use the Wagtail admin, add and change pages under the hub's front page and submit them for
moderation, and add and choose documents and images. "Hub moderators" may do the same and also publish, lock and
unlock pages; the moderation workflow's approval task belongs to them (see `services.moderation_workflow_ensure`).

Role sync: a person with an "editor" appointment (a knowledge hub editor) is put in both groups, because the
editor's job is to check what members share and publish it. Nobody else is put in by the sync: national team
members and site admins share through the same form as everyone, and a site admin who needs the admin is made a
superuser or added to a group by hand. The sync records each place it gives, and takes away only those, so a
membership someone gave by hand in Wagtail is never removed by it.

The functions take an app registry so the data migration can use them with its historical models.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, Q

from wayfinder.accounts.models import User
from wayfinder.contributions.models import SyncedGroupMembership
from wayfinder.core.roles import AppointmentRole
from wayfinder.hub.models import HubIndexPage
from wayfinder.networks.models import Appointment

EDITORS_GROUP = "Hub editors"
MODERATORS_GROUP = "Hub moderators"
HUB_GROUPS = (EDITORS_GROUP, MODERATORS_GROUP)

# The appointment role whose holders the sync puts in both groups.
SYNCED_ROLE = AppointmentRole.EDITOR

# (app label, model, codename, the name Django would give it). Rows are made if missing, because a data
# migration on a new database runs before Django makes the permissions for each model.
ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
)
_ADD_PAGE = ("wagtailcore", "page", "add_page", "Can add page")
_CHANGE_PAGE = ("wagtailcore", "page", "change_page", "Can change page")
PAGE_PERMISSIONS = {
    EDITORS_GROUP: (_ADD_PAGE, _CHANGE_PAGE),
    MODERATORS_GROUP: (
        _ADD_PAGE,
        _CHANGE_PAGE,
        ("wagtailcore", "page", "publish_page", "Publish any page"),
        ("wagtailcore", "page", "lock_page", "Lock/unlock pages you've locked"),
        ("wagtailcore", "page", "unlock_page", "Unlock any page"),
    ),
}


def _permission(apps: Any, spec: tuple[str, str, str, str]) -> Any:
    app_label, model, codename, name = spec
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def hub_groups_ensure(hub: Any | None, *, apps: Any = global_apps) -> None:
    """Make both groups if they are missing and give each its permissions of a kind (admin access, documents and
    images in the root collection, pages under `hub`) when it has none of that kind. A group an administrator
    has deliberately changed in Wagtail keeps their changes. Costs one query when everything is in place."""
    GroupModel = apps.get_model("auth", "Group")
    page_filter = Q(page_permissions__page_id=hub.pk) if hub is not None else Q(pk__in=[])
    found = {
        group.name: group
        for group in GroupModel.objects.filter(name__in=HUB_GROUPS).annotate(
            model_permissions=Count("permissions", distinct=True),
            collection_permissions_count=Count("collection_permissions", distinct=True),
            hub_permissions=Count("page_permissions", filter=page_filter, distinct=True),
        )
    }
    for name in HUB_GROUPS:
        group = found.get(name)
        if group is None:
            group = GroupModel.objects.create(name=name)
            group.model_permissions = group.collection_permissions_count = group.hub_permissions = 0
        if not group.model_permissions:
            group.permissions.add(_permission(apps, ADMIN_ACCESS))
        if not group.collection_permissions_count:
            root = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
            if root is not None:
                GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
                for spec in COLLECTION_PERMISSIONS:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root, permission=_permission(apps, spec)
                    )
        if hub is not None and not group.hub_permissions:
            GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
            for spec in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=hub.pk, permission=_permission(apps, spec)
                )


@transaction.atomic
def hub_groups_sync(*, user_ids: Iterable[int] | None = None) -> tuple[int, int]:
    """Put knowledge hub editors in both groups and take out people the sync put in who no longer are one.
    Only the given people, or everyone when `user_ids` is None. Returns (places given, places taken away).
    A fixed number of queries however many people there are."""
    hub_groups_ensure(HubIndexPage.objects.first())
    groups = list(Group.objects.filter(name__in=HUB_GROUPS))
    Membership = User.groups.through
    appointments = Appointment.objects.filter(role=SYNCED_ROLE)
    memberships = Membership.objects.filter(group__in=groups)
    synced = SyncedGroupMembership.objects.filter(group__in=groups)
    if user_ids is not None:
        user_ids = set(user_ids)
        appointments = appointments.filter(user_id__in=user_ids)
        memberships = memberships.filter(user_id__in=user_ids)
        synced = synced.filter(user_id__in=user_ids)
    wanted = set(appointments.values_list("user_id", flat=True))
    current = set(memberships.values_list("user_id", "group_id"))
    given = set(synced.values_list("user_id", "group_id"))

    to_add = {(user_id, group.pk) for user_id in wanted for group in groups} - current
    to_remove = {(user_id, group_id) for user_id, group_id in given if user_id not in wanted}
    Membership.objects.bulk_create([Membership(user_id=u, group_id=g) for u, g in to_add], ignore_conflicts=True)
    SyncedGroupMembership.objects.bulk_create(
        [SyncedGroupMembership(user_id=u, group_id=g) for u, g in to_add], ignore_conflicts=True
    )
    if to_remove:
        removing = Q()
        for user_id, group_id in to_remove:
            removing |= Q(user_id=user_id, group_id=group_id)
        Membership.objects.filter(removing).delete()
        SyncedGroupMembership.objects.filter(removing).delete()
    return len(to_add), len(to_remove)
