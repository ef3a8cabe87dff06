"""Turn away, with a page in our own look, signed-in people who may not use the Wagtail admin at /cms/.

Wagtail would send them to its sign-in page, which makes no sense to someone already signed in. People who are
signed out are left to Wagtail, which sends them to sign in.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"


class CmsAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(settings.CMS_URL_PREFIX)
            and user is not None
            and user.is_authenticated
            and not user.has_perm(ADMIN_ACCESS_PERMISSION)
        ):
            response = render(
                request,
                "contributions/cms_refused.jinja",
                {"nav_section": "hub", "contribute_url": reverse("contributions:contribute")},
                status=403,
            )
            # Our own page, not Wagtail's: it keeps the site's strict content security policy.
            response.wayfinder_page = True  # type: ignore[attr-defined]
            return response
        return self.get_response(request)
