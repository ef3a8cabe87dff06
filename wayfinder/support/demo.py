"""Demo readiness ticks and a support request waiting for the system lead, for `manage.py seed_demo`. Made
once: rows that already exist are left as they are."""

from __future__ import annotations

from wayfinder.accounts.models import User
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.models import Network
from wayfinder.support import services
from wayfinder.support.content import READINESS_ITEMS
from wayfinder.support.models import ReadinessTick, SupportRequest


def seed() -> list[str]:
    network = Network.objects.filter(slug="ravensby-central-pcn").first()
    lead = User.objects.filter(email="lead@wayfinder.test").first()
    domain = SupportDomain.objects.filter(key="leadership-development").first()
    if network is None or lead is None or domain is None:
        return []
    if not ReadinessTick.objects.filter(network=network).exists():
        evidence = [
            "Baseline round and plan agreed by the steering group",
            "One rota and shared clinical meetings across the practices",
            "Meets the other PCNs in the place every month",
            "Weekly meeting with community nursing and mental health teams",
        ]
        for item, text in zip(READINESS_ITEMS, evidence, strict=False):
            services.readiness_tick(network=network, item=item.key, evidence=text, user=lead)
    if not SupportRequest.objects.filter(network=network).exists():
        services.support_request_create(
            network=network,
            requested_by=lead,
            domain=domain,
            what="Coaching for the Clinical Director and the practice managers",
            why="Leadership was one of our lowest scores in the baseline round",
        )
    return [f"Demo support: {network.name} has 4 of 9 readiness items done and a request waiting for its system."]
