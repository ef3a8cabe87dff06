"""Demo readiness ticks and a support request waiting for the system lead, for `manage.py seed_demo`, as
`demo.yaml` describes them. Made once: rows that already exist are left as they are."""

from __future__ import annotations

from pathlib import Path

from wayfinder.accounts.models import User
from wayfinder.core.datafiles import read_yaml
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import Network
from wayfinder.support import services
from wayfinder.support.content import READINESS_ITEMS
from wayfinder.support.models import ReadinessTick, SupportRequest

DEMO = read_yaml(Path(__file__).resolve().parent / "demo.yaml")


def seed() -> list[str]:
    request = DEMO["support_request"]
    network = Network.objects.filter(slug=DEMO["network"]).first()
    lead = User.objects.filter(email=f"{DEMO['lead']}@{DEMO_DOMAIN}").first()
    domain = SupportDomain.objects.filter(key=request["domain"]).first()
    if network is None or lead is None or domain is None:
        return []
    if not ReadinessTick.objects.filter(network=network).exists():
        for item, text in zip(READINESS_ITEMS, DEMO["readiness_evidence"], strict=False):
            services.readiness_tick(network=network, item=item.key, evidence=text, user=lead)
    if not SupportRequest.objects.filter(network=network).exists():
        services.support_request_create(
            network=network, requested_by=lead, domain=domain, what=request["what"], why=request["why"]
        )
    ticked = len(DEMO["readiness_evidence"])
    return [
        f"Demo support: {network.name} has {ticked} of {len(READINESS_ITEMS)} readiness items done "
        "and a request waiting for its system."
    ]
