"""Demo rounds for `manage.py seed_demo`: for Ravensby Central PCN a closed baseline with agreed levels and
priorities and an open progress check the demo lead has not rated yet; for the Fells Frailty Learning Network a
closed round on the Network Maturity Matrix with six raters who differ by two levels on one dimension. Safe to
run again: the same rows come back."""

from __future__ import annotations

import hashlib
import secrets
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
from wayfinder.core.changes import changed
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.networks.models import Membership, Network, NetworkRole

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


# The Network Maturity Matrix round of the frailty network: the level each of six raters gives the eight
# dimensions. On the fourth, knowledge capture and reuse, views run from 2 to 4, so results flag it.
MATURITY_NETWORK = "fells-frailty-learning-network"
MATURITY_TITLE = "Maturity baseline 2026"
MATURITY_ANSWERS = [
    [3, 2, 3, 2, 3, 2, 2, 2],
    [3, 2, 3, 4, 3, 3, 2, 2],
    [2, 2, 3, 3, 3, 2, 2, 1],
    [3, 3, 3, 2, 2, 2, 2, 2],
    [3, 2, 2, 4, 3, 2, 1, 2],
    [2, 2, 3, 3, 3, 3, 2, 2],
]
PERSPECTIVE_OF_ROLE: dict[str, str] = {
    NetworkRole.LEAD: Perspective.STEERING,
    NetworkRole.FACILITATOR: Perspective.STEERING,
    NetworkRole.STEERING: Perspective.STEERING,
    NetworkRole.MEMBER: Perspective.MEMBER,
    NetworkRole.EXTERNAL: Perspective.EXTERNAL,
}


def _token_hash() -> str:
    # Demo raters sign in and nobody is sent these links, so each run stores the hash of a fresh random token
    # that nobody knows: a demo site never has a guessable way in.
    return hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()


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
                "token_hash": _token_hash(),
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


def _maturity_round() -> str | None:
    network = Network.objects.filter(slug=MATURITY_NETWORK).first()
    version = FrameworkVersion.objects.filter(
        framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED
    ).first()
    if network is None or version is None:
        return None
    # The same six members every time: the lead and facilitator first, then members by email address.
    memberships = sorted(
        Membership.objects.filter(network=network, user__email__endswith=DOMAIN).select_related("user"),
        key=lambda m: (m.role not in (NetworkRole.LEAD, NetworkRole.FACILITATOR), m.user.email),
    )[: len(MATURITY_ANSWERS)]
    if len(memberships) < len(MATURITY_ANSWERS):
        return None
    lead = memberships[0].user
    round_ = _round(network, version, MATURITY_TITLE, Purpose.BASELINE, -120, -100, lead)
    people = [
        (m.user.email.removesuffix(DOMAIN), PERSPECTIVE_OF_ROLE.get(m.role, Perspective.MEMBER.value), answers)
        for m, answers in zip(memberships, MATURITY_ANSWERS, strict=True)
    ]
    _raters(round_, people, {m.user.email: m.user for m in memberships})
    return f"{network.name} has a closed round on the Network Maturity Matrix with six raters."


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
    lines = [
        f"Demo rounds: {network.name} has a closed baseline with agreed levels, and an open progress check "
        f"waiting for {lead.email} to rate."
    ]
    maturity = _maturity_round()
    if maturity:
        lines.append(maturity)
    # Written row by row without the services, so say once what changed.
    changed(rounds=Round.objects.filter(network__slug__in=[NETWORK, MATURITY_NETWORK]).values_list("pk", flat=True))
    return lines
