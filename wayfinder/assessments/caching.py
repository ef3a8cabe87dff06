"""What results pages keep in the shared cache: each round's results drawn once for every viewer, under its
network's generation (networks.caching), which any change to the network's rounds, ratings, agreed levels, raters
or targets bumps, and under the hub's generation for the resources recommended beside them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from wayfinder.assessments.models import Round
from wayfinder.core import generations
from wayfinder.core.changes import Changes
from wayfinder.hub.recommend import GENERATION_KEY as HUB_GENERATION_KEY
from wayfinder.networks.caching import NETWORK_SECONDS, network_generation_key, networks_changed

T = TypeVar("T")


def follow_changes(sender: Any, changes: Changes, **kwargs: Any) -> None:
    """`core.changes.committed` listener: a change to rounds reaches their networks (pages, results, the homes of
    members and of the leads above). The raters whose home it reaches are named by the service that made the
    change (services.rater_people), so saving one rating does not redraw every rater's home."""
    if changes.rounds:
        networks_changed(Round.objects.filter(pk__in=changes.rounds).values_list("network_id", flat=True))


def results_cached(round_: Round, what: tuple[Any, ...], draw: Callable[[], T]) -> T:
    """`draw()` for this round and `what` (plain values: everything else the drawing depends on, such as today)."""
    return generations.cached(
        "assessments:results-page",
        [network_generation_key(round_.network_id), HUB_GENERATION_KEY],
        (round_.pk, *what),
        draw,
        NETWORK_SECONDS,
    )
