"""Learning's panel on a round's results and on a development plan: units for the network's weakest dimensions
(and, on a plan, the support domains it chose), each with the reason it is suggested."""

from __future__ import annotations

from django.template.loader import render_to_string
from markupsafe import Markup

from wayfinder.core.panels import Panel, Place
from wayfinder.learning import recommend


def units_for_network(place: Place) -> Panel | None:
    found = recommend.for_network(place.weakest(), place.dimension_names, list(place.domains))
    if not found:
        return None
    body = Markup(render_to_string("learning/_recommendations.jinja", {"recommendations": found}))  # noqa: S704
    return Panel(key="learning:units", heading="Learning for your network", body=body, rank=40)
