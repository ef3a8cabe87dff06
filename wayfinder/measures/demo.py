"""Demo measures for `manage.py seed_demo`, as `demo.yaml` describes them: a national library of a balanced set,
a demo network keeping four of them with 24 months of values (one with a marked step change, linked to a priority
of the network's plan) and the lead's top five. Made once: a network that already keeps measures is left as it
is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.core.datafiles import read_yaml
from wayfinder.measures import services
from wayfinder.measures.models import Definition, Library, Measure
from wayfinder.networks.demo.content import DEMO_DOMAIN
from wayfinder.networks.models import Network
from wayfinder.plans.models import Priority

DEMO = read_yaml(Path(__file__).resolve().parent / "demo.yaml")


def months_to_last(count: int, today: dt.date) -> list[dt.date]:
    """The first days of the `count` months up to and including last month, oldest first."""
    year, month = today.year, today.month
    result = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        result.append(dt.date(year, month, 1))
    return result[::-1]


def seed() -> list[str]:
    network = Network.objects.filter(slug=DEMO["network"]).first()
    lead = User.objects.filter(email=f"{DEMO['lead']}@{DEMO_DOMAIN}").first()
    if network is None or lead is None:
        return []
    spec = DEMO["library"]
    library = Library.objects.filter(system=None, name=spec["name"]).first() or services.library_create(
        name=spec["name"], description=spec["description"], system=None
    )
    for item in DEMO["definitions"]:
        if not library.definitions.filter(name=item["name"]).exists():
            services.definition_create(library=library, **{**item, "target": item.get("target")})
    if Measure.objects.filter(network=network).exists():
        return []
    priority = Priority.objects.filter(plan__network=network).order_by("-plan__starts_on", "position").first()
    kept = []
    for item in DEMO["measures"]:
        definition = Definition.objects.get(library=library, name=item["name"])
        measure = services.measure_adopt(network=network, definition=definition, by=lead)
        days = months_to_last(len(item["values"]), timezone.localdate())
        for number, (day, value) in enumerate(zip(days, item["values"], strict=True), start=1):
            step = number == item.get("step_change")
            note = item["note"] if number in (item.get("step_change"), item.get("note_month")) else None
            services.value_set(measure=measure, period=day, value=value, note=note, step_change=step, by=lead)
        if item.get("priority") and priority is not None:
            services.measure_link(measure=measure, priority_ids=[priority.pk])
        kept.append(measure)
    services.top_five_set(person=lead, network=network, measure_ids=[m.pk for m in kept])
    return [
        f"Demo measures: {network.name} keeps {len(kept)} measures from {library.name} with 24 months of values "
        "(one with a step change, linked to its plan)."
    ]
