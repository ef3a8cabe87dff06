"""Settings for `make bench`: Wayfinder's own settings (production mode comes from the environment), plus the
liveness page if the site's URLs do not have it yet, and a switch that turns every cache off to measure
uncached pages."""

from __future__ import annotations

from wayfinder.settings import *  # noqa: F403
from wayfinder.settings import env_bool

ROOT_URLCONF = "bench.urls"

if not env_bool("BENCH_CACHE", True):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
