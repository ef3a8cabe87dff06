"""Units to learn from, each with the reason: for a network's weakest dimensions and the support domains its plan
chose (the results and plan pages' panels), and for the needs a Clinical Director chose in their development plan
(the learner's own learning page). Ranking is pure (`rank`); reading the units' tags is one query."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.urls import reverse

from wayfinder.core import generations
from wayfinder.frameworks.models import SupportDomain
from wayfinder.learning.models import ModulePage, UnitPage

# Bumped whenever a learning page is saved, published, unpublished, moved or deleted, or a support domain changes.
GENERATION_KEY = "learning:units:generation"
STEP = 4  # the length of one level of a Wagtail page path


@dataclass(frozen=True)
class Tagged:
    """A live unit's tags, as plain values."""

    pk: int
    title: str
    url: str
    module: str
    dimension_keys: tuple[str, ...]
    support_domain_keys: tuple[str, ...]
    cd_skill_keys: tuple[str, ...]


@dataclass(frozen=True)
class Wanted:
    """One thing to find learning for: a tag key of a kind ("dimension", "domain" or "skill"), and the reason to
    give when a unit matches it."""

    kind: str
    key: str
    reason: str


@dataclass(frozen=True)
class Recommendation:
    pk: int
    title: str
    url: str
    module: str
    reasons: tuple[str, ...]


def _read_tagged_units(_: None) -> list[Tagged]:
    """Every live unit with its tags and its module's title: one query. Units are linked through learning's own
    address for a unit (which sends the reader on to the page), so no site lookup is needed to list them."""
    module_title = ModulePage.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEP))
    rows = (
        UnitPage.objects.live()
        .annotate(module_title=Subquery(module_title.values("title")[:1]))
        .order_by("path")
        .values_list("pk", "title", "module_title", "dimension_keys", "support_domain_keys", "cd_skill_keys")
    )
    return [
        Tagged(
            pk=pk,
            title=title,
            url=reverse("learning:unit", kwargs={"unit_id": pk}),
            module=module or "",
            dimension_keys=tuple(dimensions or ()),
            support_domain_keys=tuple(domains or ()),
            cd_skill_keys=tuple(skills or ()),
        )
        for pk, title, module, dimensions, domains, skills in rows
    ]


def _read_domain_names(_: None) -> dict[str, str]:
    return dict(SupportDomain.objects.values_list("key", "name"))


# Each process keeps every live unit's tags (and the support domains' names), checked against the shared generation
# on every use, so the results and plan pages pay no query for their learning panel once read; signals.py bumps it
# when a learning page or a support domain changes. Without a shared cache another process's bump is never seen, so
# they are read again once this old.
INDEX_SECONDS = 300
_units: generations.Kept[None, list[Tagged]] = generations.Kept(GENERATION_KEY, INDEX_SECONDS, _read_tagged_units)
_domains: generations.Kept[None, dict[str, str]] = generations.Kept(GENERATION_KEY, INDEX_SECONDS, _read_domain_names)


def tagged_units() -> list[Tagged]:
    return _units.get(None)


def units_changed(**_: Any) -> None:
    """Signal receiver: a unit, module or support domain changed; every process reads the tags again."""
    generations.bump([GENERATION_KEY])


def rank(units: Sequence[Tagged], wanted: Sequence[Wanted], *, count: int = 3) -> list[Recommendation]:
    """The `count` units that match the most wanted things, earlier wanted things weighing more (they come
    weakest or most needed first); ties keep the units' order."""
    scored: list[tuple[float, int, Tagged, list[str]]] = []
    weights = {index: len(wanted) - index for index in range(len(wanted))}
    for order, unit in enumerate(units):
        keys: Mapping[str, tuple[str, ...]] = {
            "dimension": unit.dimension_keys,
            "domain": unit.support_domain_keys,
            "skill": unit.cd_skill_keys,
        }
        reasons: list[str] = []
        score = 0.0
        for index, want in enumerate(wanted):
            if want.key in keys.get(want.kind, ()):
                score += weights[index]
                if want.reason not in reasons:
                    reasons.append(want.reason)
        if score:
            scored.append((score, order, unit, reasons))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [
        Recommendation(pk=unit.pk, title=unit.title, url=unit.url, module=unit.module, reasons=tuple(reasons[:2]))
        for _, _, unit, reasons in scored[:count]
    ]


def for_network(
    weakest: Sequence[str], dimension_names: Mapping[str, str], domain_keys: Sequence[str]
) -> list[Recommendation]:
    """Units for a network's weakest dimensions (weakest first) and its plan's support domains: no query while
    this process's copy of the tags is current."""
    names = _domains.get(None) if domain_keys else {}
    domains = {key: names.get(key, key) for key in domain_keys}
    wanted = [
        Wanted("dimension", key, f"Helps with {dimension_names.get(key, key)}, one of your network's weakest areas")
        for key in weakest
    ]
    wanted += [Wanted("domain", key, f"Fits {name}, a support domain your plan chose") for key, name in domains.items()]
    if not wanted:
        return []
    return rank(tagged_units(), wanted)


def for_cd_plans(
    plans: Sequence[Any], skill_titles: Mapping[str, str], rating_names: Mapping[int, str]
) -> list[Recommendation]:
    """Units for the needs chosen in a person's Clinical Director plans: the skills they rated lowest (1 or 2)
    first, lowest first, then the support domains they asked for."""
    low: list[tuple[int, str]] = []
    domains: dict[str, str] = {}
    for plan in plans:
        for rating in plan.ratings.all():
            if rating.rating <= 2:
                low.append((rating.rating, rating.item))
        for domain in plan.support_domains.all():
            domains[domain.key] = domain.name
    low.sort()
    wanted = [
        Wanted(
            "skill",
            item,
            f"Your Clinical Director plan: you rated yourself “{rating_names.get(rating, rating)}” on "
            f"{skill_titles.get(item, item).rstrip('.')}",
        )
        for rating, item in low
    ]
    wanted += [
        Wanted("domain", key, f"Your Clinical Director plan asks for support with {name}")
        for key, name in domains.items()
    ]
    if not wanted:
        return []
    return rank(tagged_units(), wanted, count=4)
