"""The adopted purpose statement on a network's page (core/panels.py), drawn outside the page's cache so it shows
as soon as it is adopted. One query."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from markupsafe import Markup

from wayfinder.community.purpose_queries import adopted_purpose
from wayfinder.core.panels import Panel, Place


def purpose_panel(place: Place) -> Panel | None:
    """Everyone who may see the network's page sees the purpose it adopted; members get a link to the votes."""
    statement = adopted_purpose(place.network_id)
    url = reverse("community:purpose", kwargs={"slug": place.network_slug})
    links = [("Shared purpose", url)] if place.role else []
    if statement is None:
        return Panel(key="community:purpose", heading="", body=Markup(""), links=links) if links else None
    body = render_to_string(
        "community/purpose/_panel.jinja", {"statement": statement, "url": url, "member": bool(place.role)}
    )
    # Safe: drawn by an autoescaping Jinja template.
    return Panel(key="community:purpose", heading="Our purpose", body=Markup(body), rank=10, links=links)  # noqa: S704
