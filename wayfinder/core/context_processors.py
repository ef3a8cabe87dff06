"""Values every page template needs."""

from typing import Any

from django.http import HttpRequest

from wayfinder.core import permissions


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "site_admin": bool(user and user.is_authenticated and permissions.is_site_admin(user)),
    }
