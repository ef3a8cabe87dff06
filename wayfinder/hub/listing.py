"""The hub front page's search, filters and list of results, drawn once for each question and kept in the shared
cache under the hub's generation.

What this part of the page shows depends only on the hub page, its address, the question asked (the search words,
the filters and the page of results) and what the hub holds, never on who asks: the list is of live pages,
whoever asks, and the parts that differ from person to person (the header, the invitation to share a resource)
are drawn outside it. Anything that changes what the hub holds or how it is searched bumps the generation
(hub/signals.py): a page published, unpublished, moved, saved or deleted, a dimension or support domain changed, or
the search index updated for a page. So a kept drawing is never shown once it is out of date, on any worker.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from markupsafe import Markup

from wayfinder.core import generations
from wayfinder.hub import queries
from wayfinder.hub.models import HubIndexPage
from wayfinder.hub.recommend import GENERATION_KEY

# The query parameters the list reads; any other is ignored, and so is not part of the key.
PARAMETERS = ("q", "page", *queries.HubFilterForm.base_fields)
# A bump is what makes a drawing out of date; the age bound is for a cache each process keeps for itself (locmem),
# where another process's bump is not seen.
LISTING_SECONDS = 60
TEMPLATE = "hub/_listing.jinja"


def question(request: HttpRequest) -> tuple[Any, ...]:
    """What was asked: each parameter the list reads, with every value given for it, and whether anything at all
    was given (an address with only other parameters submits the form, empty)."""
    return (bool(request.GET), *((name, tuple(request.GET.getlist(name))) for name in dict.fromkeys(PARAMETERS)))


def drawn(index_page: HubIndexPage, request: HttpRequest) -> dict[str, Any]:
    """`listing`, the drawn search form and results, and `filtered`, whether anything was searched or chosen."""
    index_url = index_page.address(request)
    what = (index_page.pk, index_page.url_path, index_url, question(request))

    def draw() -> tuple[bool, str]:
        context = queries.hub_listing(index_page, request.GET, request)
        return bool(context["filtered"]), render_to_string(TEMPLATE, context)

    filtered, html = generations.cached("hub:listing", [GENERATION_KEY], what, draw, LISTING_SECONDS)
    # Safe: drawn by our own template, which escapes what it puts in.
    return {"filtered": filtered, "listing": Markup(html)}  # noqa: S704
