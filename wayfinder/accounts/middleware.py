"""Holders of national-team and site-admin roles must turn on two-factor authentication first."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from wayfinder.accounts.queries import has_authenticator_app
from wayfinder.core import permissions

# Paths a person who still has to set up two-factor authentication may use: every account page (so they
# can sign out, set up the authenticator app and see their profile), static files and the health check.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/assets/", "/healthz")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and permissions.needs_two_factor(user)
            and not has_authenticator_app(user)
        ):
            return redirect("accounts:two-factor-required")
        return self.get_response(request)
