"""What the hub offers the monthly digest: resources and case studies published since the last issue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wayfinder.comms.registry import DigestEntry, register_digest_section
from wayfinder.hub.models import CaseStudyPage, ResourcePage

# The most the editor is offered from each section; the first issue offers the latest this many.
OFFERED = 30


def pages_published_since(
    model: type[Any], prefix: str, since: datetime | None, most: int = OFFERED
) -> list[DigestEntry]:
    """Digest entries for the live pages of a Wagtail page model with a `summary`, first published after `since`
    (the latest `most` when there has been no issue yet), newest first. Learning offers its modules through it too."""
    pages = model.objects.live().exclude(first_published_at__isnull=True)
    if since is not None:
        pages = pages.filter(first_published_at__gt=since)
    return [
        DigestEntry(
            ref=f"{prefix}:{page.pk}",
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            published_at=page.first_published_at,
        )
        for page in pages.order_by("-first_published_at", "-pk")[:most]
        if page.url
    ]


def new_resources(since: datetime | None) -> list[DigestEntry]:
    return pages_published_since(ResourcePage, "hub.resource", since)


def new_case_studies(since: datetime | None) -> list[DigestEntry]:
    return pages_published_since(CaseStudyPage, "hub.case-study", since)


def register() -> None:
    register_digest_section("hub.resources", title="New in the knowledge hub", propose=new_resources)
    register_digest_section("hub.case-studies", title="New case studies", propose=new_case_studies)
