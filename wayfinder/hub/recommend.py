"""Resources recommended to a network from its weakest dimensions and the support domains it chose.

Takes plain values (dimension key → current level, a list of domain keys) so apps to the right of the hub,
such as assessments and plans, can ask without the hub knowing about rounds or plans.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wayfinder.core import generations
from wayfinder.core.text import number
from wayfinder.frameworks.models import SupportDomain
from wayfinder.hub.models import ResourcePage

# Bumped whenever a resource is saved (published, unpublished, moved, edited) or deleted: hub/signals.py.
GENERATION_KEY = "hub:resources:generation"


@dataclass(frozen=True)
class _Tagged:
    pk: int
    title: str
    dimension_keys: tuple[str, ...]  # in the order the editor gave them
    domain_keys: tuple[str, ...]
    dimensions: frozenset[str]
    domains: frozenset[str]


# Each process keeps the tags of every live resource, checked against the shared generation on every use: ranking
# then needs no query, and a change anywhere (in any process, with a shared cache) is seen on the next request.
# Without a shared cache (locmem, one per process) other processes never see the bump, so the tags are also read
# again once they are this old.
INDEX_SECONDS = 300


@dataclass(frozen=True)
class Recommendation:
    title: str
    url: str
    summary: str
    kind: str
    reason: str


def resources_changed(**kwargs: Any) -> None:
    """Signal receiver: a resource changed, so every process reads the tags again before its next ranking."""
    generations.bump([GENERATION_KEY])


def _read_tagged_resources(_: None) -> list[_Tagged]:
    """Every live resource with at least one tag: one query."""
    rows = ResourcePage.objects.live().values_list("pk", "title", "dimension_keys", "support_domain_keys")
    return [
        _Tagged(
            pk,
            title,
            tuple(dimension_keys or ()),
            tuple(domain_keys or ()),
            frozenset(dimension_keys or ()),
            frozenset(domain_keys or ()),
        )
        for pk, title, dimension_keys, domain_keys in rows.order_by("pk")
        if dimension_keys or domain_keys
    ]


_index: generations.Kept[None, list[_Tagged]] = generations.Kept(GENERATION_KEY, INDEX_SECONDS, _read_tagged_resources)


def _tagged_resources() -> list[_Tagged]:
    """Every live resource with at least one tag, as this process last read them (see INDEX_SECONDS)."""
    return _index.get(None)


def recommend_for(
    dimensions: Mapping[str, float],
    domains: Sequence[str],
    limit: int = 3,
    *,
    dimension_names: Mapping[str, str] | None = None,
    dimension_reason: str = "Because {dimension} is at level {level}",
    domain_reason: str = "Because you chose support with {domain}",
    dimension_reasons: Mapping[str, str] | None = None,
) -> list[Recommendation]:
    """Up to `limit` live resources: those tagged with the lowest-rated dimensions first, then those for the
    chosen support domains. Each comes with the reason it was picked, worded by `dimension_reason` ("{dimension}"
    and "{level}" are filled in), or by `dimension_reasons[key]` for a dimension whose level has another source,
    or, for a resource picked for a domain alone, `domain_reason` ("{domain}"). At most three queries however
    many resources (Wagtail caches the site lookup behind each page's URL), and two when this process already holds
    the hub's current tags."""
    if limit <= 0 or (not dimensions and not domains):
        return []
    names = dimension_names or {}
    reasons = dimension_reasons or {}
    wanted_domains = set(domains)
    domain_names = dict(SupportDomain.objects.filter(key__in=wanted_domains).values_list("key", "name"))
    # Rank first, word the reasons only for the few chosen: thousands of resources may match.
    candidates: list[tuple[tuple[float, int, str], int, str | None, str | None]] = []
    wanted_dimensions = set(dimensions)
    for resource in _tagged_resources():
        if resource.dimensions.isdisjoint(wanted_dimensions) and resource.domains.isdisjoint(wanted_domains):
            continue
        # In the order the editor gave them: the first of equally weak dimensions gives the reason.
        matched = [key for key in resource.dimension_keys if key in wanted_dimensions]
        matched_domains = [key for key in resource.domain_keys if key in wanted_domains]
        weakest = min(matched, key=lambda key: dimensions[key]) if matched else None
        lowest = float(dimensions[weakest]) if weakest is not None else float("inf")
        first_domain = matched_domains[0] if matched_domains else None
        candidates.append(((lowest, -len(matched_domains), resource.title), resource.pk, weakest, first_domain))
    # nsmallest is sorted(...)[:limit]: ties keep the order of the ids.
    chosen: list[tuple[int, str]] = []
    for (lowest, _, _), pk, weakest, domain in heapq.nsmallest(limit, candidates, key=lambda item: item[0]):
        domain_name = domain_names.get(domain, domain) if domain is not None else None
        if weakest is not None:
            name = names.get(weakest, weakest.replace("-", " ").capitalize())
            reason = reasons.get(weakest, dimension_reason).format(dimension=name, level=number(lowest))
            if domain_name is not None:
                reason += f", and it helps with {domain_name}"
        else:
            reason = domain_reason.format(domain=domain_name)
        chosen.append((pk, reason + "."))
    pages = ResourcePage.objects.only("title", "url_path", "summary", "kind").in_bulk([pk for pk, _ in chosen])
    return [
        Recommendation(
            title=pages[pk].title,
            url=pages[pk].get_url() or "",
            summary=pages[pk].summary,
            kind=pages[pk].get_kind_display(),
            reason=reason,
        )
        for pk, reason in chosen
    ]
