"""Which Wagtail site a request is for, looked up once per process instead of once per request.

Wagtail finds the site for every request that serves a page or works out a page's address: one query that ranks
every site by how its host and port match, loading the site's root page with it, and costing more to build and
read (about 1.5 ms) than a search of the hub. The answer changes only when a site is edited, so each process keeps
the sites it has found, as plain values, under a generation that saving or deleting a site bumps (hub/signals.py),
and gives Wagtail a fresh Site built from them (its root page is read when used, so an edited front page always
shows). Without a shared cache another process's bump is not seen, so an answer is also looked up again once it
is a minute old.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http.request import split_domain_port
from django.urls import reverse
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from wayfinder.core import generations

GENERATION_KEY = "hub:sites:generation"
SITES_SECONDS = 60
# A process sees a handful of hosts (ALLOWED_HOSTS has already refused any other); bounded all the same.
MAX_HOSTS = 64
FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def _look_up(key: tuple[str, int]) -> dict[str, Any] | None:
    try:
        site = get_site_for_hostname(*key)
    except Site.DoesNotExist:
        return None
    return {name: getattr(site, name) for name in FIELDS}


_found: generations.Kept[tuple[str, int], dict[str, Any] | None] = generations.Kept(
    GENERATION_KEY, SITES_SECONDS, _look_up, most=MAX_HOSTS
)


def sites_changed(**kwargs: Any) -> None:
    """Signal receiver: a site was saved or deleted, so every process looks its sites up again."""
    generations.bump([GENERATION_KEY])


def site_for_request(request: HttpRequest) -> Site | None:
    """The site Wagtail's Site.find_for_request would give for this request (None if there is none)."""
    # As Wagtail does: the raw host, since the host has already been checked against ALLOWED_HOSTS.
    key = (split_domain_port(request._get_raw_host())[0], int(request.get_port()))  # type: ignore[attr-defined]
    values = _found.get(key)
    return Site(**values) if values is not None else None


class SiteMiddleware:
    """Gives each request for a page Wagtail serves its site from site_for_request, where Wagtail looks for it
    first (`request._wagtail_site`). Other requests are left alone: most never need a site, and the health checks
    must not touch the database. After CommonMiddleware, which refuses hosts outside ALLOWED_HOSTS."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        self.pages_prefix: str | None = None

    def __call__(self, request: HttpRequest) -> Any:
        if self.pages_prefix is None:
            # Where Wagtail's pages are served from (wayfinder/urls.py), once the URLs can be read.
            self.pages_prefix = reverse("wagtail_serve", args=[""])
        if request.path_info.startswith(self.pages_prefix):
            request._wagtail_site = site_for_request(request)  # type: ignore[attr-defined]
        return self.get_response(request)
