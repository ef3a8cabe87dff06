"""The hub's front page, served by Django's URL resolver rather than by Wagtail's routing, on Wagtail's public API.

Wagtail serves a page in three steps, each asking the database on every request: it finds the request's site, routes
the path from the site's root page to a page of its specific type, then runs the `before_serve_page` and
`on_serve_page` hooks (which read the view restrictions of the page and its ancestors) around `page.serve`. For the
hub's front page the first two answers, and whether any restriction applies, are kept in the shared cache
(`queries.front_page_for`), so this view runs the hooks as `wagtail.views.serve` does and serves the kept page.
Whatever it does not own (another site's root, a page that is not live, a restricted hub) it hands to Wagtail.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page

from wayfinder.hub import queries


def front_page(request: HttpRequest) -> HttpResponse:
    page = queries.front_page_for(request)
    if page is None:
        return wagtail_views.serve(request, "")
    try:
        route = page.route(request, [])
    except Http404:
        return wagtail_views.serve(request, "")
    served, args, kwargs = route
    return serve_routed(served, request, args, kwargs)


def serve_routed(page: Page, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
    """What `wagtail.views.serve` does once it has routed a request to `page`."""
    on_serve_chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    response: HttpResponse = on_serve_chain(page, request, args, kwargs)
    return response
