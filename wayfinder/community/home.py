"""What the community adds to the home page: for moderators, the reports and new members' posts waiting in the
spaces they moderate. One query, and none for people who moderate nothing."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from wayfinder.community.models import Post, PostStatus
from wayfinder.community.permissions import is_editor, moderated_spaces_condition
from wayfinder.core.home import ToDo, Viewer
from wayfinder.core.roles import NetworkRole


def moderation_waiting(viewer: Viewer) -> list[ToDo]:
    if not (viewer.network_ids(NetworkRole.LEAD) or is_editor(viewer.user)):
        return []
    waiting = (
        Post.objects.filter(moderated_spaces_condition(viewer.user, "space__"))
        .filter(Q(status=PostStatus.PENDING) | Q(reports__resolved_at__isnull=True, reports__isnull=False))
        .values("pk")
        .distinct()
        .count()
    )
    if not waiting:
        return []
    return [
        ToDo(
            title="Community moderation",
            action="Check",
            href=reverse("community:moderation"),
            detail=f"{waiting} post{' is' if waiting == 1 else 's are'} reported or waiting for approval",
            rank=20,
        )
    ]
