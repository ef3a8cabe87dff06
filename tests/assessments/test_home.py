"""What counts as a network having assessed recently, which the home page and its system leads' to-dos rely on: a
round that closed in the last 12 months, on its closing date or early, or one open now."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests import factories as f
from tests.factories import build_version
from wayfinder.assessments.home import assessed_since, open_on
from wayfinder.assessments.models import Round

pytestmark = pytest.mark.django_db


def round_ending(world: SimpleNamespace, days_ago: int, *, early: bool = False, title: str = "") -> Round:
    today = timezone.localdate()
    closes_on = today - timedelta(days=days_ago)
    return f.RoundFactory.create(
        network=world.open,
        version=build_version(dimensions=1, levels=2),
        opens_on=closes_on - timedelta(days=20),
        closes_on=closes_on if not early else today + timedelta(days=30),
        closed_early_at=timezone.make_aware(datetime.combine(closes_on, datetime.min.time())) if early else None,
        title=title,
    )


def test_rounds_closed_within_a_year_or_open_now_count_and_older_ones_do_not(world: SimpleNamespace) -> None:
    round_ending(world, 364, title="closed within a year")
    round_ending(world, 366, title="closed over a year ago")
    round_ending(world, 200, early=True, title="closed early within a year")
    round_ending(world, 400, early=True, title="closed early over a year ago")
    round_ending(world, -10, title="open now")

    titles = set(Round.objects.filter(assessed_since(timezone.localdate())).values_list("title", flat=True))

    assert titles == {"closed within a year", "closed early within a year", "open now"}


def test_a_round_that_has_not_opened_yet_does_not_count(world: SimpleNamespace) -> None:
    today = timezone.localdate()
    f.RoundFactory.create(
        network=world.open,
        version=build_version(dimensions=1, levels=2),
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=30),
    )

    assert not Round.objects.filter(assessed_since(today)).exists()
    assert not Round.objects.filter(open_on(today)).exists()
