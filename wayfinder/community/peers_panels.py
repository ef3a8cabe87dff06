"""The "networks that could help" panel under a network's results and its plan (core/panels.py), for its leads.
Three queries at most, however many networks there are."""

from __future__ import annotations

from dataclasses import replace

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from wayfinder.community import peers_queries as queries
from wayfinder.core.panels import Panel, Place
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Privacy

WEAKEST = 3


def peers_panel(place: Place) -> Panel | None:
    if place.role != NetworkRole.LEAD or not place.levels:
        return None
    framework_id: int | None
    if place.framework_id is not None and place.network is not None:
        framework_id, privacy = place.framework_id, place.network.privacy
    else:
        framework_id, privacy = queries.framework_of(round_id=place.round_id, plan_id=place.plan_id)
    if framework_id is None or privacy == Privacy.CONFIDENTIAL:
        return None
    weakest = place.weakest(WEAKEST)
    peers = queries.could_help(
        network_id=place.network_id,
        framework_id=framework_id,
        levels=place.levels,
        weakest=weakest,
        names=place.dimension_names,
        today=timezone.localdate(),
    )
    if peers:
        # The requests this network sent are its own, read on each request (one query).
        contacts = queries.latest_contacts(place.network_id)
        peers = [replace(peer, contact=contacts.get(peer.network_id)) for peer in peers]
    body = render_to_string(
        "community/peers/_panel.jinja",
        {
            "peers": peers,
            "place": place,
            "weakest": [place.dimension_names.get(key, key) for key in weakest],
        },
    )
    # Safe: drawn by an autoescaping Jinja template.
    return Panel(key="community:peers", heading="Networks that could help", body=Markup(body), rank=30)  # noqa: S704


def peers_link(place: Place) -> Panel | None:
    """On a network's page, its leads get a link to their contact requests and what the network shares."""
    if place.role != NetworkRole.LEAD:
        return None
    url = reverse("community:peers", kwargs={"slug": place.network_slug})
    return Panel(key="community:peers-link", heading="", body=Markup(""), links=[("Peers to learn from", url)])
