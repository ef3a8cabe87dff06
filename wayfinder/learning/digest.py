"""What learning offers the monthly digest: modules published since the last issue."""

from __future__ import annotations

from datetime import datetime

from wayfinder.comms.registry import DigestEntry, register_digest_section
from wayfinder.learning.models import ModulePage

# The most the editor is offered; the first issue offers the latest this many.
OFFERED = 10


def new_modules(since: datetime | None) -> list[DigestEntry]:
    pages = ModulePage.objects.live().exclude(first_published_at__isnull=True)
    if since is not None:
        pages = pages.filter(first_published_at__gt=since)
    return [
        DigestEntry(
            ref=f"learning.module:{page.pk}",
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            published_at=page.first_published_at,
        )
        for page in pages.order_by("-first_published_at", "-pk")[:OFFERED]
        if page.url
    ]


def register() -> None:
    register_digest_section("learning.modules", title="New learning modules", propose=new_modules)
