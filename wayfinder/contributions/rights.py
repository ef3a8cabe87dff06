"""What contributions holds about a person, for "download my data" (what they shared and their feedback on hub
pages), and what "delete my account" takes away: their comments go; each "useful or not" answer stays,
anonymous, so the hub's counts do not change; a draft they shared that was never published goes with its revisions."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from wayfinder.comms.registry import DataFile
from wayfinder.contributions.models import Contribution, ResourceFeedback


def export(user: Any) -> list[DataFile]:
    contributions = Contribution.objects.filter(contributor=user).order_by("created_at", "pk")
    feedback = ResourceFeedback.objects.filter(user=user).select_related("page").order_by("created_at", "pk")
    return [
        DataFile(
            name="hub/contributions.csv",
            header=["Title", "Kind", "Status", "Shared", "Decided", "What the editor said"],
            rows=[
                [
                    item.title,
                    item.get_kind_display(),
                    item.get_status_display(),
                    item.created_at,
                    item.decided_at,
                    item.reason,
                ]
                for item in contributions
            ],
        ),
        DataFile(
            name="hub/feedback.csv",
            header=["Page", "Useful", "Comment", "Given"],
            rows=[
                [item.page.title, "Yes" if item.useful else "No", item.comment, item.updated_at] for item in feedback
            ],
        ),
    ]


def erase(user: Any) -> None:
    ResourceFeedback.objects.filter(user=user).update(comment="", user=None)
    # A draft they shared that was never published is their own words only: the page and its revisions go. What an
    # editor published is the hub's now and stays; Wagtail forgets who wrote it when the account goes (the page's
    # owner and each revision's author are set to nobody).
    drafts = Page.objects.filter(
        pk__in=Contribution.objects.filter(contributor=user, page__isnull=False).values("page_id"),
        first_published_at__isnull=True,
    )
    for page in drafts:
        page.delete()
    Contribution.objects.filter(contributor=user).delete()
