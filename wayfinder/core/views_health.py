"""The liveness check: answers "ok" without touching the database, so it shows whether the process is up and
serves as the hello-world page `make bench` compares every other page with."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def live(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
