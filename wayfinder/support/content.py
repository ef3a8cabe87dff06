"""Fixed reference lists for the support app, read from `content.yaml`: the first-year readiness checklist, the
Clinical Director skills and understanding, and the spending categories of the development funding rules. Plain
data, no Django, so tests and pages share one source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wayfinder.core.datafiles import read_yaml

_CONTENT = read_yaml(Path(__file__).resolve().parent / "content.yaml")


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    title: str
    hint: str


# What a primary care network is expected to have done by the end of its first year.
READINESS_ITEMS: tuple[ReadinessItem, ...] = tuple(ReadinessItem(**item) for item in _CONTENT["readiness_items"])
READINESS_KEYS = frozenset(item.key for item in READINESS_ITEMS)
READINESS_BY_KEY = {item.key: item for item in READINESS_ITEMS}


@dataclass(frozen=True)
class PlanItem:
    key: str
    group: str  # "skill" or "understanding"
    title: str


SKILL, UNDERSTANDING = "skill", "understanding"

# What a Clinical Director develops: skills, then understanding.
CD_PLAN_ITEMS: tuple[PlanItem, ...] = tuple(
    PlanItem(item["key"], group, item["title"])
    for group in (SKILL, UNDERSTANDING)
    for item in _CONTENT["cd_plan_items"][group]
)
CD_PLAN_KEYS = frozenset(item.key for item in CD_PLAN_ITEMS)

# The self-rating scale, lowest first.
CD_RATING_CHOICES: tuple[tuple[int, str], ...] = tuple(enumerate(_CONTENT["cd_rating_scale"], start=1))


@dataclass(frozen=True)
class SpendCategory:
    key: str
    label: str
    fits: bool
    rule: str = ""  # for categories that do not fit: the rule that refuses them


# What the development funding may and may not pay for.
SPEND_CATEGORIES: tuple[SpendCategory, ...] = tuple(SpendCategory(**item) for item in _CONTENT["spend_categories"])
SPEND_BY_KEY = {category.key: category for category in SPEND_CATEGORIES}
SPEND_CHOICES = [(category.key, category.label) for category in SPEND_CATEGORIES]
