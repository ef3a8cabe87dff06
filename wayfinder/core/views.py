"""Views that belong to no one app (the health check, the NHS.UK asset path) and what every app's views share:
the breadcrumbs above a page's heading."""

from __future__ import annotations

from typing import Protocol

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not (for load balancers and uptime checks)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "not answering"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def nhsuk_asset(request: HttpRequest, path: str) -> HttpResponse:
    """The NHS.UK stylesheet points at /assets/...; those files are served as our static files."""
    return HttpResponsePermanentRedirect(static(f"nhsuk/assets/{path}"))


class Linked(Protocol):
    """Anything with a name and a page of its own, such as a network."""

    name: str

    def get_absolute_url(self) -> str: ...


def breadcrumbs(*links: tuple[str, str]) -> list[dict[str, str]]:
    """The trail above a page's heading, as NHS.UK's breadcrumbs component takes it: Home, then each (address,
    text) in `links`."""
    return [{"href": reverse("home"), "text": "Home"}, *({"href": href, "text": text} for href, text in links)]


def network_breadcrumbs(network: Linked | None = None, *links: tuple[str, str]) -> list[dict[str, str]]:
    """Home, Networks, then the network (when there is one) and each (address, text) in `links`."""
    own = [(network.get_absolute_url(), network.name)] if network is not None else []
    return breadcrumbs((reverse("networks:directory"), "Networks"), *own, *links)
