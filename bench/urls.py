"""Wayfinder's URLs, with the liveness page at /healthz/live added when the site does not have it yet."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from wayfinder.core import views_health
from wayfinder.urls import urlpatterns as site_urlpatterns

LIVE_PATH = "healthz/live"

urlpatterns: list[URLPattern | URLResolver] = list(site_urlpatterns)
if not any(str(pattern.pattern) == LIVE_PATH for pattern in urlpatterns):
    urlpatterns.insert(0, path(LIVE_PATH, views_health.live, name="healthz-live"))
