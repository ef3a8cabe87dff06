"""Resources recommended to a network from its weakest dimensions and the support domains it chose.

Takes plain values (dimension key → current level, a list of domain keys) so apps to the right of the hub,
such as assessments and plans, can ask without the hub knowing about rounds or plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Q

from wayfinder.frameworks.models import SupportDomain
from wayfinder.hub.models import ResourcePage


@dataclass(frozen=True)
class Recommendation:
    title: str
    url: str
    summary: str
    kind: str
    reason: str


def _level_text(level: float) -> str:
    return str(int(level)) if float(level).is_integer() else f"{level:.1f}"


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
    many resources (Wagtail caches the site lookup behind each page's URL)."""
    if limit <= 0 or (not dimensions and not domains):
        return []
    names = dimension_names or {}
    reasons = dimension_reasons or {}
    wanted_domains = set(domains)
    domain_names = dict(SupportDomain.objects.filter(key__in=wanted_domains).values_list("key", "name"))
    ranked: list[tuple[tuple[float, int, str], int, str]] = []
    # Only pages tagged with one of the wanted keys come back from the database: the tag lists are stored as JSON
    # text, and a key in quotes matches that key exactly (keys are lowercase slugs), on SQLite and PostgreSQL.
    # They come back as plain values, and only the few chosen are loaded as pages: ranking thousands of tagged
    # resources stays a matter of milliseconds.
    wanted = Q()
    for key in dimensions:
        wanted |= Q(dimension_keys__icontains=f'"{key}"')
    for key in wanted_domains:
        wanted |= Q(support_domain_keys__icontains=f'"{key}"')
    rows = (
        ResourcePage.objects.live().filter(wanted).values_list("pk", "title", "dimension_keys", "support_domain_keys")
    )
    for pk, title, dimension_keys, support_domain_keys in rows:
        matched = [key for key in dimension_keys if key in dimensions]
        matched_domains = [key for key in support_domain_keys if key in wanted_domains]
        if not matched and not matched_domains:
            continue
        if matched:
            weakest = min(matched, key=lambda key: dimensions[key])
            lowest = float(dimensions[weakest])
            name = names.get(weakest, weakest.replace("-", " ").capitalize())
            reason = reasons.get(weakest, dimension_reason).format(dimension=name, level=_level_text(lowest))
        else:
            lowest = float("inf")
            reason = domain_reason.format(domain=domain_names.get(matched_domains[0], matched_domains[0]))
        if matched and matched_domains:
            reason += f", and it helps with {domain_names.get(matched_domains[0], matched_domains[0])}"
        ranked.append(((lowest, -len(matched_domains), title), pk, reason + "."))
    ranked.sort(key=lambda item: item[0])
    chosen = ranked[:limit]
    pages = ResourcePage.objects.only("title", "url_path", "summary", "kind").in_bulk([pk for _, pk, _ in chosen])
    return [
        Recommendation(
            title=pages[pk].title,
            url=pages[pk].get_url() or "",
            summary=pages[pk].summary,
            kind=pages[pk].get_kind_display(),
            reason=reason,
        )
        for _, pk, reason in chosen
    ]
