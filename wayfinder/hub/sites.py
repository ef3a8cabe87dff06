"""Which Wagtail site a request is for, and the hub's front page, looked up once per process instead of once per
request.

Wagtail finds the site for every request that serves a page or works out a page's address: one query that ranks
every site by how its host and port match, loading the site's root page with it, and costing more to build and
read (about 1.5 ms) than a search of the hub. The answer changes only when a site is edited, so each process keeps
the sites it has found, as plain values, under a generation that saving or deleting a site bumps (hub/signals.py),
and gives Wagtail a fresh Site built from them.

Wagtail then reads the site's root page twice for every page it serves (the page, then its specific type) and the
root's ancestors once more to look for view restrictions. When the root is the hub's front page, each process
keeps that page's values and the pages whose restrictions apply to it under the same generation, which saving,
publishing, unpublishing, moving or deleting the front page also bumps, and routes from a fresh page built from
them. The restrictions themselves are always read afresh: making the hub private takes effect at once.

Without a shared cache another process's bump is not seen, so what is kept is also looked up again once it is a
minute old.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.urls import reverse
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
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


@dataclass(frozen=True)
class FrontPage:
    """A site root page that is the hub's front page, as plain values."""

    model: type[Page]
    field_names: tuple[str, ...]
    values: tuple[Any, ...]
    restriction_page_ids: frozenset[int]  # the pages whose view restrictions apply to it (Wagtail's rule)

    def page(self) -> Page:
        page = self.model.from_db("default", self.field_names, self.values)
        page._kept_restriction_page_ids = self.restriction_page_ids  # type: ignore[attr-defined]
        return page


def _front_page(root_page_id: int) -> FrontPage | None:
    from wayfinder.hub.models import HubIndexPage

    found = HubIndexPage.objects.filter(pk=root_page_id).first()
    if found is None:
        return None  # a site whose root is some other page: Wagtail routes it as usual
    fields = tuple(field.attname for field in HubIndexPage._meta.concrete_fields)
    restriction_page_ids = frozenset(HubIndexPage.view_restriction_page_ids(found))
    return FrontPage(HubIndexPage, fields, tuple(getattr(found, name) for name in fields), restriction_page_ids)


_front_pages: generations.Kept[int, FrontPage | None] = generations.Kept(
    GENERATION_KEY, SITES_SECONDS, _front_page, most=MAX_HOSTS
)


def front_page_for(site: Site) -> Page | None:
    """A fresh copy of the site's root page when it is the hub's front page, else None."""
    kept = _front_pages.get(site.root_page_id)
    return kept.page() if kept is not None else None


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
    first (`request._wagtail_site`), and, when the site's root is the hub's front page, the page Wagtail will serve,
    routed from the kept front page, where Wagtail looks for that first (`request._wagtail_route_for_request`).
    Other requests are left alone: most never need a site, and the health checks must not touch the database.
    After CommonMiddleware, which refuses hosts outside ALLOWED_HOSTS."""

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

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        """For a request Wagtail will serve, route as Page.route_for_request does, from the kept front page."""
        site = getattr(request, "_wagtail_site", None)
        if view is not wagtail_views.serve or site is None or not args:
            return
        root = front_page_for(site)
        if root is None:
            return
        try:
            route = root.route(request, [component for component in args[0].split("/") if component])
        except Http404:
            route = None
        request._wagtail_route_for_request = route  # type: ignore[attr-defined]
