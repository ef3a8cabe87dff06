"""The digest's "For your network" part: for each subscriber, knowledge hub resources for the weakest dimensions of
their network's latest closed round, from the round summaries the dashboards keep (never the ratings)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.utils import timezone

from wayfinder.comms.registry import DigestEntry, register_digest_section
from wayfinder.dashboards.models import RoundSummary
from wayfinder.dashboards.queries import closed_summaries
from wayfinder.hub.recommend import recommend_for
from wayfinder.networks.models import Membership

# How many resources each subscriber is offered.
PER_PERSON = 3


def latest_levels(summaries: Sequence[RoundSummary]) -> dict[int, tuple[date, int, dict[str, float]]]:
    """For each network, its latest closed round (by closing day, then id) and that round's level on each dimension
    that has one. Pure: takes the summaries, any order."""
    latest: dict[int, RoundSummary] = {}
    for summary in summaries:
        kept = latest.get(summary.network_id)
        if kept is None or (summary.closed_on, summary.round_id) > (kept.closed_on, kept.round_id):
            latest[summary.network_id] = summary
    return {
        network_id: (
            summary.closed_on,
            summary.round_id,
            {
                key: float(level["value"])
                for key, level in summary.levels.items()
                if isinstance(level, dict) and level.get("value") is not None
            },
        )
        for network_id, summary in latest.items()
    }


def for_your_network(users: Sequence[Any]) -> Mapping[int, Sequence[DigestEntry]]:
    """A few resources for each person, for the network of theirs whose round closed last. A fixed number of
    queries for the batch, and one or two for each different round among them (the hub's recommendations)."""
    user_ids = [user.pk for user in users]
    networks_of: dict[int, list[int]] = {}
    for user_id, network_id in Membership.objects.filter(user_id__in=user_ids).values_list("user_id", "network_id"):
        networks_of.setdefault(user_id, []).append(network_id)
    network_ids = {network_id for ids in networks_of.values() for network_id in ids}
    if not network_ids:
        return {}
    summaries = closed_summaries(timezone.localdate()).filter(network_id__in=network_ids)
    levels = latest_levels(list(summaries.only("round_id", "network_id", "closed_on", "levels")))
    entries_for_round: dict[int, list[DigestEntry]] = {}
    result: dict[int, list[DigestEntry]] = {}
    for user_id, ids in networks_of.items():
        known = [levels[network_id] for network_id in ids if network_id in levels]
        if not known:
            continue
        _, round_id, dimension_levels = max(known, key=lambda found: (found[0], found[1]))
        if round_id not in entries_for_round:
            entries_for_round[round_id] = [
                DigestEntry(ref=f"hub.recommended:{r.url}", title=r.title, url=r.url, summary=r.summary)
                for r in recommend_for(dimension_levels, [], PER_PERSON)
            ]
        if entries_for_round[round_id]:
            result[user_id] = entries_for_round[round_id]
    return result


def register() -> None:
    register_digest_section("dashboards.for-your-network", title="For your network", personal=for_your_network)
