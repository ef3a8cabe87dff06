"""What learning offers the monthly digest: modules published since the last issue."""

from __future__ import annotations

from datetime import datetime

from wayfinder.comms.registry import DigestEntry, register_digest_section
from wayfinder.hub.digest import pages_published_since
from wayfinder.learning.models import ModulePage

# The most the editor is offered; the first issue offers the latest this many.
OFFERED = 10


def new_modules(since: datetime | None) -> list[DigestEntry]:
    return pages_published_since(ModulePage, "learning.module", since, OFFERED)


def register() -> None:
    register_digest_section("learning.modules", title="New learning modules", propose=new_modules)
