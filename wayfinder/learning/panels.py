"""Learning's panel on a round's results and on a development plan: units for the network's weakest dimensions
(and, on a plan, the support domains it chose), each with the reason it is suggested."""

from __future__ import annotations

from django.template.loader import render_to_string
from markupsafe import Markup

from wayfinder.core.panels import Panel, Place
from wayfinder.frameworks.models import SupportDomain
from wayfinder.learning import recommend


def units_for_network(place: Place) -> Panel | None:
    weakest = place.weakest()
    domains = (
        dict(SupportDomain.objects.filter(key__in=list(place.domains)).values_list("key", "name"))
        if place.domains
        else {}
    )
    found = recommend.for_network(weakest, place.dimension_names, domains)
    if not found:
        return None
    body = Markup(render_to_string("learning/_recommendations.jinja", {"recommendations": found}))  # noqa: S704
    return Panel(key="learning:units", heading="Learning for your network", body=body, rank=40)
