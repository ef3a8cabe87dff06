"""Fixed reference lists for the support app, written in our own words from the prospectus facts (seed 002):
the first-year readiness checklist, the Clinical Director skills and understanding, and the spending categories
of the development funding rules. Plain data, no Django, so tests and pages share one source.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    title: str
    hint: str


# What a primary care network is expected to have done by the end of its first year.
READINESS_ITEMS: tuple[ReadinessItem, ...] = (
    ReadinessItem(
        "knows-its-journey",
        "Knows where it is going",
        "The network has looked at itself with a maturity matrix or a similar tool, knows where it wants to be in "
        "five years and has a development plan.",
    ),
    ReadinessItem(
        "one-team",
        "Works as one team",
        "Practices and staff act more and more as a single team rather than as separate organisations.",
    ),
    ReadinessItem(
        "network-of-networks",
        "Part of a wider group of PCNs",
        "The network joins with other PCNs to shape how the system puts its long-term plans into practice.",
    ),
    ReadinessItem(
        "multi-disciplinary-teams",
        "Multi-disciplinary teams with community partners",
        "Clear teams have been agreed that bring in community providers alongside the practices.",
    ),
    ReadinessItem(
        "local-people",
        "Links with local people",
        "The network has built on existing contacts with residents and community groups to learn what works "
        "best for them.",
    ),
    ReadinessItem(
        "additional-roles",
        "Uses its additional-roles funding",
        "All of the money the network is entitled to for additional roles is being used, as national guidance "
        "sets out.",
    ),
    ReadinessItem(
        "improvement-project",
        "At least one improvement project",
        "Work has begun on a project to improve a service, tied to a goal of the NHS Long Term Plan.",
    ),
    ReadinessItem(
        "future-estate",
        "Thinking about future estate",
        "With community partners, the network has started to plan the buildings and space it will need.",
    ),
    ReadinessItem(
        "service-specifications",
        "Ready for the national service specifications",
        "The network is prepared to deliver the new national service specifications when they start.",
    ),
)
READINESS_KEYS = frozenset(item.key for item in READINESS_ITEMS)
READINESS_BY_KEY = {item.key: item for item in READINESS_ITEMS}


@dataclass(frozen=True)
class PlanItem:
    key: str
    group: str  # "skill" or "understanding"
    title: str


SKILL, UNDERSTANDING = "skill", "understanding"

# What a Clinical Director develops: skills, then understanding.
CD_PLAN_ITEMS: tuple[PlanItem, ...] = (
    PlanItem("leading-change", SKILL, "Leading complicated change so that it delivers results you can measure"),
    PlanItem("using-data", SKILL, "Using data and information to support clinical decisions"),
    PlanItem("finance", SKILL, "Managing money and budgets"),
    PlanItem("building-a-team", SKILL, "Setting up a team and helping it grow"),
    PlanItem(
        "influencing", SKILL, "Influencing and involving staff and partners, from your own team up to the whole system"
    ),
    PlanItem("local-voice", SKILL, "Hearing local citizens, involving them and acting on what they say"),
    PlanItem("workforce", SKILL, "Growing the workforce: day-to-day management and organisational development"),
    PlanItem("newer-roles", SKILL, "Knowing the newer primary care roles and where each one helps most"),
    PlanItem("cd-role", UNDERSTANDING, "What the Clinical Director role involves in practice"),
    PlanItem("telling-the-story", UNDERSTANDING, "Explaining the network's vision to different audiences"),
    PlanItem("the-system", UNDERSTANDING, "Your system: its strategy and how to work with it"),
    PlanItem("trust", UNDERSTANDING, "Building and keeping trust as the base of good relationships"),
    PlanItem("relationships", UNDERSTANDING, "The relationships that matter, and how partners see their world"),
    PlanItem(
        "local-communities",
        UNDERSTANDING,
        "Local communities: what they need, what matters to them and the strengths they already have",
    ),
    PlanItem(
        "own-style", UNDERSTANDING, "Your own leadership style, values and behaviours, and how they shape the role"
    ),
)
CD_PLAN_KEYS = frozenset(item.key for item in CD_PLAN_ITEMS)

# The self-rating scale, lowest first.
CD_RATING_CHOICES: tuple[tuple[int, str], ...] = (
    (1, "Just starting"),
    (2, "Developing"),
    (3, "Confident"),
    (4, "Could help others"),
)


@dataclass(frozen=True)
class SpendCategory:
    key: str
    label: str
    fits: bool
    rule: str  # for categories that do not fit: the rule that refuses them


# What the development funding may and may not pay for.
SPEND_CATEGORIES: tuple[SpendCategory, ...] = (
    SpendCategory("clinical-time", "Freeing up clinicians' time to take part", True, ""),
    SpendCategory("transformation-resource", "Local capacity for transformation", True, ""),
    SpendCategory(
        "nhs-and-partners",
        "Support from NHS bodies, local authorities or the voluntary and community sector",
        True,
        "",
    ),
    SpendCategory("commissioned-provider", "Support commissioned from a provider or partner", True, ""),
    SpendCategory(
        "already-in-contract",
        "Something the GP contract already pays for",
        False,
        "development funding cannot pay for anything the GP contract covers, or for the network's day-to-day running",
    ),
    SpendCategory(
        "already-funded",
        "Something a commissioner or another system partner already funds",
        False,
        "development funding cannot pay twice for work that someone else in the system already funds",
    ),
    SpendCategory(
        "not-transformation",
        "Running costs that do not change how care is given",
        False,
        "development funding is for transformation, not for ordinary running costs",
    ),
    SpendCategory(
        "not-about-the-network",
        "Work that is not about the network",
        False,
        "development funding is only for developing primary care networks and their Clinical Directors",
    ),
)
SPEND_BY_KEY = {category.key: category for category in SPEND_CATEGORIES}
SPEND_CHOICES = [(category.key, category.label) for category in SPEND_CATEGORIES]
