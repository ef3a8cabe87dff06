"""The community's part of every page: the person's unread notifications, for the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wayfinder.community.notify import unread_count


def community(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # Worked out only when a page draws the header (one round trip to the cache while nothing changed).
    return {"community_unread": SimpleLazyObject(lambda: unread_count(user))}
