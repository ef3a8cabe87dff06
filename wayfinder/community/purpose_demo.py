"""Demo shared purpose, a contactable peer network and directory entries for `manage.py seed_demo`, as
`purpose_demo.yaml` describes them. Made once: a network that already has purpose votes, a peer round that already
exists and a person already in the directory are left as they are."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.assessments.models import Consensus, Purpose, Round
from wayfinder.community import directory_services, peers_services, purpose_services
from wayfinder.community.directory_models import DirectoryEntry
from wayfinder.community.purpose_models import PurposeBallot, PurposeStatement
from wayfinder.community.purpose_permissions import can_take_part
from wayfinder.core.datafiles import read_yaml
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import Membership, Network, NetworkRole

DEMO = read_yaml(Path(__file__).resolve().parent / "purpose_demo.yaml")


def _person(sign_in: str) -> User | None:
    return User.objects.filter(email=f"{sign_in}@{DEMO_DOMAIN}").first()


def _people(names: list[str]) -> dict[str, User]:
    return {
        user.email.split("@")[0]: user for user in User.objects.filter(email__in=[f"{n}@{DEMO_DOMAIN}" for n in names])
    }


def _vote_on(
    network: Network, lead: User, items: list[dict[str, Any]], people: dict[str, User]
) -> list[PurposeStatement]:
    statements = [
        purpose_services.purpose_propose(network=network, user=people[item["by"]], text=item["text"]) for item in items
    ]
    purpose_services.purpose_voting_open(network=network, user=lead)
    for statement, item in zip(statements, items, strict=True):
        for voter in item["voters"]:
            if voter in people and can_take_part(people[voter], network):
                purpose_services.purpose_vote(statement=statement, user=people[voter])
    return statements


def seed_purpose() -> list[str]:
    data = DEMO["purpose"]
    network = Network.objects.filter(slug=data["network"]).first()
    lead = _person(data["lead"])
    if network is None or lead is None or PurposeBallot.objects.filter(network=network).exists():
        return []
    names = {item["by"] for item in data["adopted"] + data["current"]}
    names |= {voter for item in data["adopted"] + data["current"] for voter in item["voters"]}
    people = _people([*names, data["comment"]["by"]])
    if not {item["by"] for item in data["adopted"] + data["current"]} <= set(people):
        return []
    earlier = _vote_on(network, lead, data["adopted"], people)
    purpose_services.purpose_voting_close(network=network, user=lead)
    purpose_services.purpose_adopt(statement=earlier[0], user=lead)
    current = _vote_on(network, lead, data["current"], people)
    comment = data["comment"]
    purpose_services.purpose_comment(
        statement=current[comment["statement"]], user=people[comment["by"]], text=comment["text"]
    )
    return [f"Demo shared purpose: {network.name} has an adopted purpose and a vote open on two statements."]


def seed_peers() -> list[str]:
    data = DEMO["peers"]
    network = Network.objects.filter(slug=data["network"]).first()
    version = (
        FrameworkVersion.objects.filter(framework__slug=data["framework"], status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )
    lead_membership = Membership.objects.filter(network=network, role=NetworkRole.LEAD).select_related("user").first()
    if network is None or version is None or lead_membership is None:
        return []
    lead = lead_membership.user
    today = timezone.localdate()
    round_, made = Round.objects.get_or_create(
        network=network,
        title=data["title"],
        defaults={
            "version": version,
            "purpose": Purpose.BASELINE,
            "opens_on": today + timedelta(days=data["opens"]),
            "closes_on": today + timedelta(days=data["closes"]),
            "created_by": lead,
        },
    )
    dimensions = list(version.dimensions.order_by("position"))
    if made:
        levels = {level.position: level for level in version.levels.all()}
        Consensus.objects.bulk_create(
            Consensus(round=round_, dimension=dimension, level=levels[position], recorded_by=lead)
            for dimension, position in zip(dimensions, data["agreed"], strict=False)
        )
    peers_services.peer_sharing_save(
        network=network,
        user=lead,
        contactable=True,
        dimension_keys=[dimensions[n - 1].key for n in data["shared"] if n <= len(dimensions)],
        note=data["note"],
    )
    return [f"Demo peers: {network.name} is contactable and shows under Ravensby Central PCN's results."]


def seed_directory() -> list[str]:
    version = (
        FrameworkVersion.objects.filter(framework__slug=DEMO["peers"]["framework"], status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )
    dimensions = list(version.dimensions.order_by("position")) if version is not None else []
    listed = 0
    for item in DEMO["directory"]:
        person = _person(item["sign_in"])
        if person is None or DirectoryEntry.objects.filter(user=person).exists():
            continue
        directory_services.directory_profile_save(
            user=person,
            listed=True,
            full_name=person.full_name,
            job_title=person.job_title,
            organisation=person.organisation,
            professional_group=person.professional_group,
            dimension_keys=[dimensions[n - 1].key for n in item["dimensions"] if n <= len(dimensions)],
            domain_keys=item["domains"],
            topics=item["topics"],
        )
        listed += 1
    return [f"Demo member directory: {listed} people listed."] if listed else []


def seed() -> list[str]:
    return seed_purpose() + seed_peers() + seed_directory()
