"""What support adds to the home page's to-do list: support requests waiting for a decision in the systems the
person leads. One query."""

from __future__ import annotations

from django.urls import reverse

from wayfinder.core.home import Link, Section, ToDo, Viewer, day
from wayfinder.networks.models import Privacy
from wayfinder.support.models import RequestStatus, SupportRequest

# At most this many requests are listed, oldest first; past that, a link to the system's list.
MOST_REQUESTS = 10


def requests_to_decide(viewer: Viewer) -> list[ToDo]:
    """Requests waiting for the system in the person's systems (those they may decide: never a confidential
    network's, see `permissions.can_decide_support_request`)."""
    if not viewer.reach.system_ids:
        return []
    waiting = list(
        SupportRequest.objects.filter(status=RequestStatus.PENDING, network__system_id__in=viewer.reach.system_ids)
        .exclude(network__privacy=Privacy.CONFIDENTIAL)
        .select_related("network", "domain")
        .order_by("created_at", "pk")[: MOST_REQUESTS + 1]
    )
    to_dos = [
        ToDo(
            title=f"{request.network.name}: {request.domain.name}",
            action="Decide",
            href=request.get_absolute_url(),
            detail=f"Support request waiting since {day(request.created_at)}",
            rank=15,
        )
        for request in waiting[:MOST_REQUESTS]
    ]
    if len(waiting) > MOST_REQUESTS:
        system_id = waiting[MOST_REQUESTS].network.system_id
        to_dos.append(
            ToDo(
                title="More support requests are waiting",
                action="See every request",
                href=reverse("support:system-requests", kwargs={"system_id": system_id}),
                rank=16,
            )
        )
    return to_dos


def system_sections(viewer: Viewer) -> list[Section]:
    """Each system the person leads gets links to its support requests and its PCNs' readiness (the dashboards add
    the system's dashboard to the same section)."""
    return [
        Section(
            key=f"system:{system_id}",
            heading=name,
            links=(
                Link(
                    text=f"Support requests in {name}",
                    href=reverse("support:system-requests", kwargs={"system_id": system_id}),
                    description="What networks have asked for, what was decided and what was commissioned",
                    rank=20,
                ),
                Link(
                    text=f"PCN readiness in {name}",
                    href=reverse("support:system-readiness", kwargs={"system_id": system_id}),
                    description="How far each PCN is through its first-year checklist",
                    rank=30,
                ),
            ),
            order=30,
        )
        for system_id, name in viewer.systems.items()
    ]
