"""Request types for views: what a signed-in request carries, so views and services agree on types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from wayfinder.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedRequest(HtmxRequest):
    """A request behind @login_required: the user is a real account."""

    user: User  # type: ignore[assignment]
