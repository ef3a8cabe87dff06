"""manage.py seed_scale_support: delivered support for a share of the generated PCNs, for `make bench`, so the
"support and progress" views are measured at England scale.

On top of `seed_scale` and `seed_bench_assessments` (a baseline that closed about 390 days ago and a progress check
that closed about 30 days ago), every third generated PCN gets one piece of delivered support on the PCN Maturity
Matrix: a support request marked delivered and what the system commissioned for it, in one of the six support
domains, from one of a handful of providers, on one to two dimensions. Most ran between the two rounds; every
sixth supported PCN's support ended after the progress check, so it has no round after it yet. Written with bulk
inserts; does nothing if it has run before, so it is safe to run on data that already has it.
"""

from __future__ import annotations

import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from wayfinder.core.changes import changed
from wayfinder.frameworks.models import Dimension, FrameworkVersion, SupportDomain, VersionStatus
from wayfinder.networks.demo.scale import SLUG_PREFIX
from wayfinder.networks.models import Network
from wayfinder.support.models import CommissionedSupport, FundingSource, RequestStatus, SupportRequest

# Every generated request's text starts with this, so the command can tell whether it has run already.
WHAT_PREFIX = "Benchmark support"
EVERY = 3
PROVIDERS = (
    "Northern Leadership Academy",
    "Fells Data Partnership",
    "Collaborative Care Consultants",
    "Community Connectors CIC",
    "Primary Care Development Unit",
    "Population Health Analytics Ltd",
    "Organisational Change Partners",
    "Social Prescribing Network Trust",
)
SPEND_CATEGORY = "commissioned-provider"
BATCH_SIZE = 1000


def bench_support_exists() -> bool:
    return SupportRequest.objects.filter(network__slug__startswith=SLUG_PREFIX, what__startswith=WHAT_PREFIX).exists()


class Command(BaseCommand):
    help = "Add delivered support for every third generated PCN (after seed_scale and seed_bench_assessments)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=EVERY, help="Support one PCN in this many (default 3).")

    def handle(self, *args: Any, **options: Any) -> None:
        if bench_support_exists():
            self.stdout.write("Benchmark support is already in the database: nothing to do.")
            return
        started = time.perf_counter()
        with transaction.atomic():
            written = self._write(max(1, options["every"]))
        self.stdout.write(f"Benchmark support written in {time.perf_counter() - started:.1f}s: {written} pieces.")

    def _write(self, every: int) -> int:
        version = (
            FrameworkVersion.objects.filter(framework__slug="pcn-maturity-matrix", status=VersionStatus.PUBLISHED)
            .order_by("-number")
            .first()
        )
        if version is None:
            return 0
        dimensions = list(Dimension.objects.filter(version=version).order_by("position").values_list("pk", flat=True))
        domains = list(SupportDomain.objects.order_by("position"))
        networks = list(
            Network.objects.filter(slug__startswith=SLUG_PREFIX, is_pcn=True, system__isnull=False)
            .order_by("pk")
            .values_list("pk", "created_by_id")
        )[::every]
        if not networks or not dimensions or not domains:
            return 0
        today, now = timezone.localdate(), timezone.now()
        requests = SupportRequest.objects.bulk_create(
            [
                SupportRequest(
                    network_id=network_id,
                    domain=domains[n % len(domains)],
                    what=f"{WHAT_PREFIX}: {domains[n % len(domains)].name.lower()}",
                    why="Generated for the benchmark",
                    status=RequestStatus.DELIVERED,
                    requested_by_id=created_by,
                    decided_at=now,
                    delivered_at=now,
                )
                for n, (network_id, created_by) in enumerate(networks)
            ],
            batch_size=BATCH_SIZE,
        )
        through = SupportRequest.dimensions.through
        through.objects.bulk_create(
            [
                through(supportrequest_id=request.pk, dimension_id=dimensions[(n + k) % len(dimensions)])
                for n, request in enumerate(requests)
                for k in range(1 + n % 2)
            ],
            batch_size=BATCH_SIZE,
        )
        funding = FundingSource.values
        CommissionedSupport.objects.bulk_create(
            [
                CommissionedSupport(
                    request_id=request.pk,
                    provider=PROVIDERS[n % len(PROVIDERS)],
                    cost=Decimal(2000 + 500 * (n % 17)),
                    funding_source=funding[n % len(funding)],
                    spend_category=SPEND_CATEGORY,
                    # Between the baseline (closed ~390 days ago) and the progress check (closed ~30 days ago);
                    # every sixth ends after the progress check, so has no round after it yet.
                    starts_on=today - timedelta(days=360 - n % 60),
                    ends_on=today - timedelta(days=10 if n % 6 == 5 else 90 + n % 60),
                )
                for n, request in enumerate(requests)
            ],
            batch_size=BATCH_SIZE,
        )
        changed(networks=[network_id for network_id, _ in networks])
        return len(requests)
