"""What the community offers the monthly digest: the shared space's liveliest discussions since the last issue
(never a network's own space, whose threads only its members may read)."""

from __future__ import annotations

from datetime import datetime

from wayfinder.comms.registry import DigestEntry, register_digest_section
from wayfinder.community.queries import lively_threads


def lively(since: datetime | None) -> list[DigestEntry]:
    return [
        DigestEntry(
            ref=f"community.thread:{thread.pk}",
            title=thread.title,
            url=thread.get_absolute_url(),
            summary=f"{thread.recent} new repl{'y' if thread.recent == 1 else 'ies'}",  # type: ignore[attr-defined]
            published_at=thread.created_at,
        )
        for thread in lively_threads(since)
    ]


def register() -> None:
    register_digest_section("community.lively", title="Lively discussions", propose=lively)
