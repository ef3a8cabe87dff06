"""What the community adds to the home page: for moderators, the reports and new members' posts waiting in the
spaces they moderate. Two queries, and none for people who moderate nothing."""

from __future__ import annotations

from django.urls import reverse

from wayfinder.community.models import Post, PostStatus, Report
from wayfinder.community.permissions import is_editor, moderated_spaces_condition
from wayfinder.core.home import ToDo, Viewer
from wayfinder.core.roles import NetworkRole


def moderation_waiting(viewer: Viewer) -> list[ToDo]:
    if not (viewer.network_ids(NetworkRole.LEAD) or is_editor(viewer.user)):
        return []
    reports = Report.objects.filter(resolved_at__isnull=True).filter(
        moderated_spaces_condition(viewer.user, "post__space__")
    )
    pending = Post.objects.filter(moderated_spaces_condition(viewer.user, "space__"), status=PostStatus.PENDING)
    waiting = reports.count() + pending.count()
    if not waiting:
        return []
    return [
        ToDo(
            title="Community moderation",
            action="Check",
            href=reverse("community:moderation"),
            detail=f"{waiting} report{'' if waiting == 1 else 's'} or new post{'' if waiting == 1 else 's'} waiting",
            rank=20,
        )
    ]
