"""Working out and storing each round's summary (RoundSummary): the level per dimension that the dashboards show.

The rule is the dashboards' own: the level agreed in consensus where one was recorded, else the median of the
ratings. `refresh_round` serves the background task after a single change; `rebuild` does many rounds in a few
queries per thousand rounds, for after a bulk load or as a repair (`manage.py rebuild_dashboard_summaries`).
After writing, each summary's neighbours among its network's summaries on the same framework are worked out again
(`link`: its change since the round before, and when the rounds either side closed; see chain.py).
Only summaries that changed are written, and only the dashboards showing their networks are invalidated (through
wayfinder.core.changes, like every other write)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from wayfinder.assessments import scoring
from wayfinder.assessments.models import Consensus, Rating, Round
from wayfinder.assessments.queries import with_closing_date
from wayfinder.core import changes
from wayfinder.dashboards import chain
from wayfinder.dashboards.models import RoundSummary
from wayfinder.frameworks.models import Dimension

CHUNK = 1000
FIELDS = [
    "network",
    "framework",
    "purpose",
    "closed_on",
    "closed_early",
    "levels",
    "cells",
    "version",
    "ordered_values",
    "rater_count",
    "computed_at",
]


def cells_text(levels: dict[str, dict[str, Any]]) -> str:
    """What the dashboards read of a round's levels (RoundSummary.cells), as compact JSON text: each dimension's value
    by key, and the keys whose level was agreed in consensus, `[{"data": 1.5, "leadership": 2.0}, ["leadership"]]`.
    Parsed, it is three containers a round, where `levels` is one per dimension and more: the national dashboard
    reads thousands of rounds, and every container it keeps alive brings Python's garbage collector round sooner."""
    keys = sorted(levels)
    return json.dumps(
        [{key: levels[key]["value"] for key in keys}, [key for key in keys if levels[key]["agreed"]]],
        separators=(",", ":"),
    )


# RoundSummary.ordered_values holds levels in halves (twice the level): every value is a whole level or halfway
# between two (a median, or an agreed level), so they are whole numbers, which JSON reads back several times faster
# than fractions. Doubling is exact, so sums and averages come out the same to the last bit (group_queries).
HALVES = 2


def half_levels(value: float | None) -> float | None:
    """A level in halves: 2.5 is 5. A value that is not a whole level or a half stays a fraction, doubled."""
    if value is None:
        return None
    doubled = value * HALVES
    return int(doubled) if doubled == int(doubled) else doubled


def ordered_values_text(levels: dict[str, dict[str, Any]], keys: list[str]) -> str:
    """A round's values in its framework version's order (RoundSummary.ordered_values), as compact JSON text: the value
    of each of the version's dimension `keys` (by position) in halves (`half_levels`), null where not rated: levels
    1.5, 2, not rated and 3 are `[3,4,null,6]`. The regional and national views read only this of each latest round:
    a few bytes, parsed for thousands of rounds in one go into one list each, and lined up with the dimensions shown
    once per version."""
    return json.dumps(
        [half_levels(levels[key]["value"]) if key in levels else None for key in keys], separators=(",", ":")
    )


def version_keys(version_ids: Iterable[int]) -> dict[int, list[str]]:
    """One query: each version's dimension keys in order (by position)."""
    keys: dict[int, list[str]] = defaultdict(list)
    for version_id, key in (
        Dimension.objects.filter(version_id__in=set(version_ids))
        .order_by("version_id", "position")
        .values_list("version_id", "key")
    ):
        keys[version_id].append(key)
    return keys


def compute(round_ids: list[int]) -> dict[int, tuple[dict[str, dict[str, Any]], int]]:
    """Each round's levels by dimension key and how many people rated in it (three queries)."""
    counts: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for round_id, key, position, n in (
        Rating.objects.filter(rater__round_id__in=round_ids)
        .values("rater__round_id", "dimension__key", "level__position")
        .annotate(n=Count("id"))
        .values_list("rater__round_id", "dimension__key", "level__position", "n")
        .order_by()
    ):
        counts[round_id][key].extend([position] * n)
    levels: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for round_id, by_key in counts.items():
        for key, positions in by_key.items():
            levels[round_id][key] = {
                "value": scoring.summarise(positions).median,
                "agreed": False,
                "raters": len(positions),
            }
    for round_id, key, position in Consensus.objects.filter(round_id__in=round_ids).values_list(
        "round_id", "dimension__key", "level__position"
    ):
        raters = levels[round_id].get(key, {}).get("raters", 0)
        levels[round_id][key] = {"value": float(position), "agreed": True, "raters": raters}
    raters = dict(
        Rating.objects.filter(rater__round_id__in=round_ids)
        .values("rater__round_id")
        .annotate(n=Count("rater_id", distinct=True))
        .values_list("rater__round_id", "n")
        .order_by()
    )
    return {round_id: (levels.get(round_id, {}), raters.get(round_id, 0)) for round_id in round_ids}


def _chunks(round_ids: Iterable[int] | None) -> Iterator[list[int]]:
    if round_ids is not None:
        ids = sorted(set(round_ids))
        for start in range(0, len(ids), CHUNK):
            yield ids[start : start + CHUNK]
        return
    last = 0
    while True:
        ids = list(Round.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:CHUNK])
        if not ids:
            return
        yield ids
        last = ids[-1]


def _same(old: RoundSummary | None, new: RoundSummary) -> bool:
    return old is not None and all(
        getattr(old, name) == getattr(new, name)
        for name in (
            "network_id",
            "framework_id",
            "purpose",
            "closed_on",
            "closed_early",
            "levels",
            "cells",
            "version_id",
            "ordered_values",
            "rater_count",
        )
    )


def rebuild(round_ids: Iterable[int] | None = None) -> int:
    """Bring the summaries of these rounds (all rounds when None) up to date; returns how many changed.
    Safe to run again and again: an unchanged summary is neither written nor invalidated."""
    changed = 0
    for chunk in _chunks(round_ids):
        changed += _rebuild_chunk(chunk)
    return changed


def _rebuild_chunk(round_ids: list[int]) -> int:
    now = timezone.now()
    with transaction.atomic():
        rounds = list(
            with_closing_date(Round.objects.filter(pk__in=round_ids)).values_list(
                "pk", "network_id", "version_id", "version__framework_id", "purpose", "closed_on", "closed_early_at"
            )
        )
        present = [r[0] for r in rounds]
        old = {s.pk: s for s in RoundSummary.objects.filter(round_id__in=present)}
        worked_out = compute(present)
        keys = version_keys(r[2] for r in rounds)
        fresh: list[RoundSummary] = []
        networks: set[int] = set()
        # (network, framework) of every summary written, before and after: their chains are worked out again.
        pairs: set[tuple[int, int]] = set()
        for round_id, network_id, version_id, framework_id, purpose, closed_on, closed_early_at in rounds:
            levels, rater_count = worked_out[round_id]
            summary = RoundSummary(
                round_id=round_id,
                network_id=network_id,
                framework_id=framework_id,
                purpose=purpose,
                closed_on=closed_on,
                closed_early=closed_early_at is not None,
                levels=levels,
                cells=cells_text(levels),
                version_id=version_id,
                ordered_values=ordered_values_text(levels, keys[version_id]),
                rater_count=rater_count,
                computed_at=now,
            )
            before = old.get(round_id)
            if _same(before, summary):
                continue
            fresh.append(summary)
            networks.add(network_id)
            pairs.add((network_id, framework_id))
            if before is not None:
                networks.add(before.network_id)
                pairs.add((before.network_id, before.framework_id))
        if fresh:
            RoundSummary.objects.bulk_create(
                fresh, update_conflicts=True, unique_fields=["round"], update_fields=FIELDS, batch_size=500
            )
            link(pairs)
        # Delivered after the write is committed, so a reader that sees the new generation also sees the new
        # summaries.
        changes.changed(networks=networks)
    return len(fresh)


LINK_FIELDS = list(chain.Link._fields)


def link(pairs: Iterable[tuple[int, int]]) -> int:
    """Work out again what the summaries of these (network, framework) pairs know of their neighbours (the fields
    of chain.Link) and write those that differ; returns how many were written. Two queries at most: one read of every
    summary of the pairs' networks, in order, and one bulk update."""
    wanted = set(pairs)
    if not wanted:
        return 0
    by_pair: dict[tuple[int, int], list[tuple[RoundSummary, chain.Step]]] = defaultdict(list)
    for summary in (
        RoundSummary.objects.filter(
            network_id__in={network for network, _ in wanted}, framework_id__in={framework for _, framework in wanted}
        )
        .only("pk", "network_id", "framework_id", "closed_on", "closed_early", "cells", *LINK_FIELDS)
        .order_by("network_id", "framework_id", "closed_on", "round_id")
    ):
        pair = (summary.network_id, summary.framework_id)
        if pair in wanted:
            by_pair[pair].append((summary, (summary.closed_on, summary.closed_early, json.loads(summary.cells)[0])))
    stale = []
    for steps in by_pair.values():
        for (summary, _), fresh in zip(steps, chain.links([step for _, step in steps]), strict=True):
            if chain.Link(*(getattr(summary, name) for name in LINK_FIELDS)) != fresh:
                for name, value in zip(LINK_FIELDS, fresh, strict=True):
                    setattr(summary, name, value)
                stale.append(summary)
    if stale:
        RoundSummary.objects.bulk_update(stale, LINK_FIELDS, batch_size=500)
    return len(stale)


def refresh_round(round_id: int) -> bool:
    """Bring one round's summary up to date; True when it changed. A round that is gone has no summary (its
    summary is deleted with it)."""
    return rebuild([round_id]) > 0
