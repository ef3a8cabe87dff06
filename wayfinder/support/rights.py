"""What support holds about a person, for "download my data": their Clinical Director development plans and the
support requests they made. Deleting the account deletes their own development plans (only they and their
development lead ever saw them); a support request is the network's and stays, no longer naming them."""

from __future__ import annotations

from typing import Any

from wayfinder.comms.registry import DataFile
from wayfinder.support.models import ClinicalDirectorPlan, SupportRequest


def export(user: Any) -> list[DataFile]:
    plans = (
        ClinicalDirectorPlan.objects.filter(person=user)
        .select_related("network")
        .prefetch_related("ratings", "progress", "support_domains")
        .order_by("pk")
    )
    requests = SupportRequest.objects.filter(requested_by=user).select_related("network", "domain").order_by("pk")
    return [
        DataFile(
            name="support/clinical-director-plans.json",
            data=[
                {
                    "network": plan.network.name,
                    "needs": plan.needs,
                    "support_domains": sorted(domain.name for domain in plan.support_domains.all()),
                    "support_notes": plan.support_notes,
                    "ratings": {rating.item: rating.rating for rating in plan.ratings.all()},
                    "progress": [
                        {"written": note.created_at.isoformat(), "text": note.text} for note in plan.progress.all()
                    ],
                    "created": plan.created_at.isoformat(),
                }
                for plan in plans
            ],
        ),
        DataFile(
            name="support/support-requests-you-made.csv",
            header=["Network", "Support domain", "What", "Why", "Status", "Made"],
            rows=[
                [item.network.name, item.domain.name, item.what, item.why, item.get_status_display(), item.created_at]
                for item in requests
            ],
        ),
    ]


def erase(user: Any) -> None:
    ClinicalDirectorPlan.objects.filter(person=user).delete()
    SupportRequest.objects.filter(requested_by=user).update(requested_by=None)
