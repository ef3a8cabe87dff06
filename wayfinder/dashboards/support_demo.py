"""Delivered support for `manage.py seed_demo`, as `support_demo.yaml` describes it: one network supported between
its baseline and a progress check that is still open, and one supported between two closed rounds, so "support and
progress" shows both a network waiting for its round after and a network's movement. Made once: a network that
already has the demo's request is left as it is."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.assessments.models import Consensus, Purpose, Round
from wayfinder.core.changes import changed
from wayfinder.core.datafiles import read_yaml
from wayfinder.frameworks.models import Dimension, FrameworkVersion, SupportDomain, VersionStatus
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import Membership, Network, NetworkRole
from wayfinder.support import services
from wayfinder.support.models import SupportRequest

DEMO = read_yaml(Path(__file__).resolve().parent / "support_demo.yaml")


def _rounds(network: Network, version: FrameworkVersion, rounds: list[dict[str, Any]], lead: User) -> None:
    """Closed rounds whose levels were agreed at a consensus session (no individual ratings)."""
    today = timezone.localdate()
    dimensions = list(version.dimensions.order_by("position"))
    levels = {level.position: level for level in version.levels.all()}
    for data in rounds:
        round_, _ = Round.objects.update_or_create(
            network=network,
            title=data["title"],
            defaults={
                "version": version,
                "purpose": Purpose(data["purpose"]),
                "opens_on": today + timedelta(days=data["opens"]),
                "closes_on": today + timedelta(days=data["closes"]),
                "created_by": lead,
            },
        )
        for dimension, position in zip(dimensions, data["levels"], strict=True):
            Consensus.objects.update_or_create(
                round=round_, dimension=dimension, defaults={"level": levels[position], "recorded_by": lead}
            )
        changed(rounds=[round_.pk])


def _support(network: Network, version: FrameworkVersion, data: dict[str, Any], system_lead: User) -> bool:
    if SupportRequest.objects.filter(network=network, what=data["what"]).exists():
        return False
    lead = Membership.objects.filter(network=network, role=NetworkRole.LEAD).select_related("user").first()
    today = timezone.localdate()
    request = services.support_request_create(
        network=network,
        requested_by=lead.user if lead else system_lead,
        domain=SupportDomain.objects.get(key=data["domain"]),
        what=data["what"],
        why=data["why"],
        dimensions=Dimension.objects.filter(version=version, key__in=data["dimensions"]),
    )
    services.support_request_decide(support_request=request, decided_by=system_lead, decision="accept")
    services.commissioned_support_record(
        support_request=request,
        recorded_by=system_lead,
        provider=data["provider"],
        cost=Decimal(data["cost"]),
        funding_source=data["funding_source"],
        spend_category=data["spend_category"],
        starts_on=today + timedelta(days=data["starts"]),
        ends_on=today + timedelta(days=data["ends"]),
    )
    services.support_request_decide(support_request=request, decided_by=system_lead, decision="deliver")
    return True


def seed() -> list[str]:
    system_lead = User.objects.filter(email=f"{DEMO['system_lead']}@{DEMO_DOMAIN}").first()
    version = (
        FrameworkVersion.objects.filter(framework__slug=DEMO["framework"], status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )
    if system_lead is None or version is None:
        return []
    lines = []
    for data in DEMO["networks"]:
        network = Network.objects.filter(slug=data["network"]).first()
        if network is None:
            continue
        if data.get("rounds"):
            _rounds(network, version, data["rounds"], system_lead)
        if _support(network, version, data, system_lead):
            lines.append(f"Demo support delivered to {network.name}: {data['provider']}.")
    return lines
