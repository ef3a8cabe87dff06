"""Demo rounds for `manage.py seed_demo`: a closed baseline with agreed levels and priorities, and an open
progress check the demo lead has not rated yet. Safe to run again: the same rows come back."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import timedelta

from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.assessments.models import (
    Confidence,
    Consensus,
    Perspective,
    Priority,
    Purpose,
    Rater,
    Rating,
    Round,
    Target,
)
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.networks.models import Network

NETWORK = "ravensby-central-pcn"
DOMAIN = "@wayfinder.test"

# (email local part, perspective, the level each gives the five PCN matrix dimensions in the baseline)
BASELINE = [
    ("lead", Perspective.STEERING, [2, 1, 2, 1, 1]),
    ("facilitator", Perspective.STEERING, [2, 2, 2, 1, 2]),
    ("steering", Perspective.STEERING, [3, 1, 2, 2, 1]),
    ("member", Perspective.MEMBER, [2, 1, 3, 1, 1]),
    ("external", Perspective.EXTERNAL, [1, 1, 1, 1, 1]),
    ("oluwaseun.barraclough", Perspective.MEMBER, [4, 2, 2, 1, 3]),
]
# In the progress check three people have rated; the demo lead, member and external rater have not.
PROGRESS = [
    ("facilitator", Perspective.STEERING, [3, 2, 3, 2, 2]),
    ("steering", Perspective.STEERING, [3, 2, 2, 2, 2]),
    ("oluwaseun.barraclough", Perspective.MEMBER, [4, 2, 3, 2, 3]),
    ("lead", Perspective.STEERING, None),
    ("member", Perspective.MEMBER, None),
    ("external", Perspective.EXTERNAL, None),
]
EVIDENCE = "Seen in the steering group notes and the last practice managers' meeting."


def _token_hash(round_title: str, email: str) -> str:
    # Demo raters sign in; nobody receives these links, so a fixed, unguessable-enough seed is fine.
    return hashlib.sha256(f"demo:{round_title}:{email}".encode()).hexdigest()


def _round(
    network: Network, version: FrameworkVersion, title: str, purpose: str, opens: int, closes: int, lead: User
) -> Round:
    today = timezone.localdate()
    round_, _ = Round.objects.update_or_create(
        network=network,
        title=title,
        defaults={
            "version": version,
            "purpose": purpose,
            "opens_on": today + timedelta(days=opens),
            "closes_on": today + timedelta(days=closes),
            "created_by": lead,
            "closed_early_at": None,
        },
    )
    return round_


def _raters(round_: Round, people: Sequence[tuple[str, str, list[int] | None]], users: dict[str, User]) -> None:
    dimensions = list(round_.version.dimensions.order_by("position"))
    levels = {level.position: level for level in round_.version.levels.all()}
    now = timezone.now()
    for local, perspective, answers in people:
        email = local + DOMAIN
        user = users[email]
        rater, _ = Rater.objects.update_or_create(
            round=round_,
            email=email,
            defaults={
                "user": None if perspective == Perspective.EXTERNAL else user,
                "name": user.get_full_name(),
                "perspective": perspective,
                "token_hash": _token_hash(round_.title, email),
                "invited_at": now,
                "submitted_at": now if answers else None,
            },
        )
        if not answers:
            rater.ratings.all().delete()
            continue
        for dimension, position in zip(dimensions, answers, strict=True):
            Rating.objects.update_or_create(
                rater=rater,
                dimension=dimension,
                defaults={
                    "level": levels[position],
                    "evidence": EVIDENCE if position >= 3 else "",
                    "confidence": Confidence.MEDIUM,
                },
            )


def seed() -> list[str]:
    network = Network.objects.filter(slug=NETWORK).first()
    version = FrameworkVersion.objects.filter(
        framework__slug="pcn-maturity-matrix", status=VersionStatus.PUBLISHED
    ).first()
    if network is None or version is None:
        return []
    emails = {local + DOMAIN for local, _, _ in BASELINE + PROGRESS}
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    lead = users["lead" + DOMAIN]

    baseline = _round(network, version, "Baseline 2026", Purpose.BASELINE, -200, -180, lead)
    _raters(baseline, BASELINE, users)
    dimensions = list(version.dimensions.order_by("position"))
    levels = {level.position: level for level in version.levels.all()}
    for index, dimension in enumerate(dimensions):
        given = [answers[index] for _, _, answers in BASELINE]
        Consensus.objects.update_or_create(
            round=baseline,
            dimension=dimension,
            defaults={
                "level": levels[min(given)],
                "lowest": min(given),
                "highest": max(given),
                "notes": "Agreed at the steering group's consensus session.",
                "recorded_by": lead,
            },
        )
    baseline.priorities.all().delete()
    Priority.objects.bulk_create(
        [
            Priority(round=baseline, dimension=dimensions[1], text="Share one population health dashboard", position=1),
            Priority(
                round=baseline, dimension=dimensions[3], text="Agree how the network shares its budget", position=2
            ),
        ]
    )

    progress = _round(network, version, "Progress check 2026", Purpose.PROGRESS, -7, 14, lead)
    _raters(progress, PROGRESS, users)

    for dimension, position in ((dimensions[1], 3), (dimensions[3], 3)):
        Target.objects.update_or_create(
            network=network,
            framework=version.framework,
            dimension_key=dimension.key,
            defaults={
                "level_position": position,
                "due_on": timezone.localdate() + timedelta(days=270),
                "set_by": lead,
            },
        )
    return [
        f"Demo rounds: {network.name} has a closed baseline with agreed levels, and an open progress check "
        f"waiting for {lead.email} to rate."
    ]
