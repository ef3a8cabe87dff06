"""Wayfinder's URLs, with the liveness page at /healthz/live added when the site does not have it yet, and
/bench/whoami, which says who a request's session signs in, so the bench can check each person's cookie works on
the server it measures."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from wayfinder.core import views_health
from wayfinder.urls import urlpatterns as site_urlpatterns

LIVE_PATH = "healthz/live"


def whoami(request: HttpRequest) -> HttpResponse:
    """The signed-in person's email, or nothing for someone signed out."""
    email = request.user.email if request.user.is_authenticated else ""
    return HttpResponse(email, content_type="text/plain; charset=utf-8")


site = cast(list[URLPattern | URLResolver], site_urlpatterns)
urlpatterns: list[URLPattern | URLResolver] = [path("bench/whoami", whoami), *site]
if not any(str(pattern.pattern) == LIVE_PATH for pattern in site):
    urlpatterns.insert(0, path(LIVE_PATH, views_health.live, name="healthz-live"))
