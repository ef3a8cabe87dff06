"""The adopted purpose statement on a network's page (core/panels.py), drawn once for members and once for everyone
else, and kept under the network's generation, which adopting a statement renews. One query when drawn."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from markupsafe import Markup

from wayfinder.community.purpose_queries import adopted_purpose
from wayfinder.core import generations
from wayfinder.core.panels import Panel, Place
from wayfinder.networks.caching import NETWORK_SECONDS, network_generation_key


def purpose_panel(place: Place) -> Panel | None:
    """Everyone who may see the network's page sees the purpose it adopted; members get a link to the votes."""
    url = reverse("community:purpose", kwargs={"slug": place.network_slug})
    member = bool(place.role)
    links = [("Shared purpose", url)] if member else []
    body = generations.remembered(
        network_generation_key(place.network_id),
        f"community:purpose:{place.network_id}:{int(member)}",
        lambda: _drawn(place.network_id, url=url, member=member),
        NETWORK_SECONDS,
    )
    if body is None:
        return Panel(key="community:purpose", heading="", body=Markup(""), links=links) if links else None
    return Panel(key="community:purpose", heading="Our purpose", body=body, rank=10, links=links)


def _drawn(network_id: int, *, url: str, member: bool) -> Markup | None:
    """The statement the network adopted, drawn; None when it has adopted none."""
    statement = adopted_purpose(network_id)
    if statement is None:
        return None
    body = render_to_string("community/purpose/_panel.jinja", {"statement": statement, "url": url, "member": member})
    # Safe: drawn by an autoescaping Jinja template.
    return Markup(body)  # noqa: S704
