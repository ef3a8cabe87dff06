"""manage.py seed_scale_support on small generated data: delivered support for every third PCN, once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from wayfinder.dashboards import support_progress as sp
from wayfinder.dashboards.management.commands import seed_scale_support as command
from wayfinder.dashboards.queries import closed_summaries
from wayfinder.dashboards.support_queries import delivered, pieces_of, rounds_of
from wayfinder.frameworks.models import Framework
from wayfinder.networks.demo.scale import SLUG_PREFIX
from wayfinder.networks.models import Network

pytestmark = pytest.mark.django_db


def run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_it_adds_delivered_support_for_a_share_of_pcns_once() -> None:
    run("seed_scale", "--scale", "0.01", "--seed", "3")
    run("seed_bench_assessments")
    pcns = Network.objects.filter(slug__startswith=SLUG_PREFIX, is_pcn=True, system__isnull=False)
    assert "pieces" in run("seed_scale_support")
    supported = delivered(pcns.values("pk"))
    count = supported.count()
    assert count == len(list(pcns.order_by("pk"))[:: command.EVERY]) > 0
    assert "nothing to do" in run("seed_scale_support")
    assert supported.count() == count

    framework = Framework.objects.get(slug="pcn-maturity-matrix")
    today = timezone.localdate()
    assert closed_summaries(today).filter(framework=framework).exists()
    pieces = pieces_of(pcns.values("pk"), framework.pk)
    assert all(p.dimension_keys for p in pieces)
    outcomes = sp.network_outcomes(pieces, rounds_of(pcns.values("pk"), framework.pk, today))
    with_movement = [o for o in outcomes if o.movement is not None]
    waiting = [o for o in outcomes if o.pair.after is None]
    assert with_movement and len(with_movement) + len(waiting) == len(outcomes)
    assert all(o.pair.before is not None for o in outcomes)
