"""Demo rounds for `manage.py seed_demo`, as `demo.yaml` describes them: for Ravensby Central PCN a closed
baseline with agreed levels and priorities and an open progress check the demo lead has not rated yet; for the
Fells Frailty Learning Network a closed round on the Network Maturity Matrix with six raters who differ by two
levels on one dimension. Safe to run again: the same rows come back."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

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
from wayfinder.core.datafiles import read_yaml
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import Membership, Network, NetworkRole

DEMO = read_yaml(Path(__file__).resolve().parent / "demo.yaml")
DOMAIN = "@" + DEMO_DOMAIN
PERSPECTIVE_OF_ROLE: dict[str, str] = {
    NetworkRole.LEAD: Perspective.STEERING,
    NetworkRole.FACILITATOR: Perspective.STEERING,
    NetworkRole.STEERING: Perspective.STEERING,
    NetworkRole.MEMBER: Perspective.MEMBER,
    NetworkRole.EXTERNAL: Perspective.EXTERNAL,
}

# (email local part, perspective, the level each gives the dimensions in order, or None before they rate)
RaterData = tuple[str, str, list[int] | None]


def _rater_rows(round_data: dict[str, Any]) -> list[RaterData]:
    return [(item["sign_in"], Perspective(item["perspective"]), item["levels"]) for item in round_data["raters"]]


def _token_hash() -> str:
    # Demo raters sign in and nobody is sent these links, so each run stores the hash of a fresh random token
    # that nobody knows: a demo site never has a guessable way in.
    return hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()


def _round(network: Network, version: FrameworkVersion, data: dict[str, Any], purpose: str, lead: User) -> Round:
    """The round `data` describes: its title, and the days from today it opens and closes."""
    today = timezone.localdate()
    round_, _ = Round.objects.update_or_create(
        network=network,
        title=data["title"],
        defaults={
            "version": version,
            "purpose": purpose,
            "opens_on": today + timedelta(days=data["opens"]),
            "closes_on": today + timedelta(days=data["closes"]),
            "created_by": lead,
            "closed_early_at": None,
        },
    )
    return round_


def _raters(round_: Round, people: Sequence[RaterData], users: dict[str, User]) -> None:
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
                    "evidence": DEMO["evidence"] if position >= 3 else "",
                    "confidence": Confidence.MEDIUM,
                },
            )


def _maturity_round() -> str | None:
    data = DEMO["maturity"]
    answers_by_rater: list[list[int]] = data["levels"]
    network = Network.objects.filter(slug=data["network"]).first()
    version = FrameworkVersion.objects.filter(framework__slug=data["framework"], status=VersionStatus.PUBLISHED).first()
    if network is None or version is None:
        return None
    # The same six members every time: the lead and facilitator first, then members by email address.
    memberships = sorted(
        Membership.objects.filter(network=network, user__email__endswith=DOMAIN).select_related("user"),
        key=lambda m: (m.role not in (NetworkRole.LEAD, NetworkRole.FACILITATOR), m.user.email),
    )[: len(answers_by_rater)]
    if len(memberships) < len(answers_by_rater):
        return None
    lead = memberships[0].user
    round_ = _round(network, version, data, Purpose.BASELINE, lead)
    people = [
        (m.user.email.removesuffix(DOMAIN), PERSPECTIVE_OF_ROLE.get(m.role, Perspective.MEMBER.value), answers)
        for m, answers in zip(memberships, answers_by_rater, strict=True)
    ]
    _raters(round_, people, {m.user.email: m.user for m in memberships})
    return f"{network.name} has a closed round on the Network Maturity Matrix with six raters."


def seed() -> list[str]:
    network = Network.objects.filter(slug=DEMO["network"]).first()
    version = FrameworkVersion.objects.filter(framework__slug=DEMO["framework"], status=VersionStatus.PUBLISHED).first()
    if network is None or version is None:
        return []
    baseline_raters, progress_raters = _rater_rows(DEMO["baseline"]), _rater_rows(DEMO["progress"])
    emails = {local + DOMAIN for local, _, _ in baseline_raters + progress_raters}
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    lead = users[DEMO["lead"] + DOMAIN]

    baseline_data = DEMO["baseline"]
    baseline = _round(network, version, baseline_data, Purpose.BASELINE, lead)
    _raters(baseline, baseline_raters, users)
    dimensions = list(version.dimensions.order_by("position"))
    by_key = {dimension.key: dimension for dimension in dimensions}
    levels = {level.position: level for level in version.levels.all()}
    for index, dimension in enumerate(dimensions):
        given = [answers[index] for _, _, answers in baseline_raters if answers]
        Consensus.objects.update_or_create(
            round=baseline,
            dimension=dimension,
            defaults={
                "level": levels[min(given)],
                "lowest": min(given),
                "highest": max(given),
                "notes": baseline_data["consensus_notes"],
                "recorded_by": lead,
            },
        )
    baseline.priorities.all().delete()
    Priority.objects.bulk_create(
        [
            Priority(round=baseline, dimension=by_key[item["dimension"]], text=item["text"], position=position)
            for position, item in enumerate(baseline_data["priorities"], start=1)
        ]
    )

    progress = _round(network, version, DEMO["progress"], Purpose.PROGRESS, lead)
    _raters(progress, progress_raters, users)

    for target in DEMO["targets"]:
        Target.objects.update_or_create(
            network=network,
            framework=version.framework,
            dimension_key=by_key[target["dimension"]].key,
            defaults={
                "level_position": target["level"],
                "due_on": timezone.localdate() + timedelta(days=target["due_in_days"]),
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
    slugs = [DEMO["network"], DEMO["maturity"]["network"]]
    changed(rounds=Round.objects.filter(network__slug__in=slugs).values_list("pk", flat=True))
    return lines
