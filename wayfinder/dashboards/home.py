"""What the dashboards add to the home page: for system and regional leads, the systems where networks have not
assessed in the last 12 months (one query); for everyone who oversees networks, links to their dashboards."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from wayfinder.assessments.home import assessed_since
from wayfinder.assessments.models import Round
from wayfinder.core.home import Link, Section, ToDo, Viewer
from wayfinder.networks.models import Network, Privacy

# How many networks a to-do names before it says "and N more".
NAMED_NETWORKS = 3


def networks_not_assessed(viewer: Viewer) -> list[ToDo]:
    """One to-do per system the person leads, or that is in a region they lead, where some networks have not
    assessed in the last 12 months (`assessments.home.assessed_since`). Confidential networks are never counted:
    they are hidden from their system. The national team sees England's dashboard instead of 42 to-dos."""
    reach = viewer.reach
    if not (reach.system_ids or reach.region_ids):
        return []
    recent = Round.objects.filter(assessed_since(viewer.today), network_id=OuterRef("pk"))
    rows = (
        Network.objects.filter(Q(system_id__in=reach.system_ids) | Q(system__region_id__in=reach.region_ids))
        .exclude(privacy=Privacy.CONFIDENTIAL)
        .annotate(assessed=Exists(recent))
        .order_by("system__name", "system_id", "name", "pk")
        .values_list("system_id", "system__name", "name", "assessed")
    )
    totals: dict[int, int] = defaultdict(int)
    waiting: dict[int, list[str]] = defaultdict(list)
    system_names: dict[int, str] = {}
    for system_id, system_name, network_name, assessed in rows:
        system_names[system_id] = system_name
        totals[system_id] += 1
        if not assessed:
            waiting[system_id].append(network_name)
    return [
        _not_assessed_to_do(system_id, system_names[system_id], names, totals[system_id], explain=n == 0)
        for n, (system_id, names) in enumerate(waiting.items())
    ]


def _not_assessed_to_do(system_id: int, system_name: str, names: list[str], total: int, *, explain: bool) -> ToDo:
    count = len(names)
    rule = ". A network counts as assessed when a round closed in the last 12 months or one is open now"
    return ToDo(
        title=f"{count} of {total} {'network' if total == 1 else 'networks'} in {system_name} "
        f"{'has' if count == 1 else 'have'} not assessed in the last 12 months",
        action="Open the system dashboard",
        href=reverse("dashboards:system", kwargs={"system_id": system_id}),
        detail=listed(names) + (rule if explain else ""),
        rank=60,
    )


def listed(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 more"."""
    if len(names) > NAMED_NETWORKS:
        return ", ".join(names[:NAMED_NETWORKS]) + f" and {len(names) - NAMED_NETWORKS} more"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def dashboard_sections(viewer: Viewer) -> list[Section]:
    """England's dashboard for the national team; each region's and each system's for their leads."""
    sections = []
    if viewer.reach.national:
        sections.append(
            Section(
                key="england",
                heading="England",
                links=(
                    Link(
                        text="National dashboard",
                        href=reverse("dashboards:national"),
                        description="Every region's networks rolled up: who has assessed, levels and movement",
                    ),
                ),
                order=10,
            )
        )
    for region_id, name in viewer.regions.items():
        href = reverse("dashboards:region", kwargs={"region_id": region_id})
        description = "Every system in the region rolled up: who has assessed, levels and movement"
        link = Link(text=f"{name} dashboard", href=href, description=description)
        sections.append(Section(key=f"region:{region_id}", heading=name, links=(link,), order=20))
    for system_id, name in viewer.systems.items():
        href = reverse("dashboards:system", kwargs={"system_id": system_id})
        description = "Every network in the system: its last assessment, plan, levels and support needs"
        link = Link(text=f"{name} dashboard", href=href, description=description, rank=10)
        sections.append(Section(key=f"system:{system_id}", heading=name, links=(link,), order=30))
    return sections
