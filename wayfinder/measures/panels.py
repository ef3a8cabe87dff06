"""What measures add to other apps' pages (core/panels.py): the person's top five on a network's page, and on a
development plan each priority's linked measures, so the plan shows whether the change is real."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from markupsafe import Markup

from wayfinder.core import generations
from wayfinder.core.panels import Panel, Place
from wayfinder.measures import permissions, queries
from wayfinder.measures.display import drawn
from wayfinder.measures.models import Measure
from wayfinder.networks.caching import NETWORK_SECONDS, network_generation_key
from wayfinder.networks.models import Network


def _network(place: Place) -> Network | None:
    """The page's network (read again only when the page did not pass it)."""
    if isinstance(place.network, Network):
        return place.network
    return Network.objects.select_related("system").filter(pk=place.network_id).first()


def _html(template: str, context: dict[str, object]) -> Markup:
    return Markup(render_to_string(template, context))  # noqa: S704 - a Jinja template, which escapes


def top_five(place: Place) -> Panel | None:
    network = _network(place)
    if network is None or not permissions.can_view_measures(place.user, network):
        return None
    link = ("Measures", reverse("measures:network", kwargs={"slug": network.slug}))
    # Who may see it is asked on every request (above); what it shows is drawn once per person and change to the
    # network (its measures, their values and the person's choice all renew the network's generation).
    body = generations.remembered(
        network_generation_key(network.pk),
        f"measures:top-five:{network.pk}:{place.user.pk}",
        lambda: _top_five_body(place.user, network),
        NETWORK_SECONDS,
    )
    if body is None:
        return Panel(key="measures:top-five", heading="Your top five measures", body=Markup(""), links=[link])
    return Panel(key="measures:top-five", heading="Your top five measures", body=body, rank=20, links=[link])


def _top_five_body(person: object, network: Network) -> Markup | None:
    """The person's top five drawn, or None when the network keeps no measures yet."""
    chosen = queries.top_five(person, network)
    if not chosen and not Measure.objects.filter(network=network).exists():
        return None
    charts = [drawn(chart, small=True) for chart in queries.charts_of(chosen)]
    return _html("measures/_panel_top_five.jinja", {"network": network, "charts": charts})


def priority_measures(place: Place) -> Panel | None:
    if not place.priority_ids:
        return None
    network = _network(place)
    if network is None or not permissions.can_view_measures(place.user, network):
        return None
    linked = queries.priority_measures(place.priority_ids)
    if not linked:
        return None
    measures = {m.pk: m for ms in linked.values() for m in ms}
    charts = {chart.measure.pk: chart for chart in queries.charts_of(measures.values())}
    parts = {
        priority_id: _html(
            "measures/_panel_priority.jinja",
            {"priority_id": priority_id, "charts": [drawn(charts[m.pk], small=True) for m in ms]},
        )
        for priority_id, ms in linked.items()
    }
    return Panel(key="measures:priorities", heading="Measures", body=Markup(""), parts=parts)
