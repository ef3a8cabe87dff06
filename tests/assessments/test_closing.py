"""When a round closed: the day it was closed early, else its closing date once that has passed. Pages say
"Closed early on ...", "Closed on ..." or "Closes on ...", never a planned date for a round closed early."""

from __future__ import annotations

import io
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from tests.assessments.test_rounds import open_round
from tests.signing_in import sign_in
from wayfinder.assessments import models, services
from wayfinder.assessments.models import Perspective, Round

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 5)


def day(value: date) -> str:
    return date_format(value, "j F Y")


@pytest.mark.parametrize(
    ("closes_on", "closed_early_on", "expected"),
    [
        (DAY + timedelta(days=14), DAY - timedelta(days=2), "Closed early on 3 December 2026"),
        (DAY - timedelta(days=1), None, "Closed on 4 December 2026"),
        (DAY, None, "Closes on 5 December 2026"),  # open all day on its closing date
        (DAY + timedelta(days=14), None, "Closes on 19 December 2026"),
    ],
)
def test_a_round_says_when_it_closed_or_closes(closes_on: date, closed_early_on: date | None, expected: str) -> None:
    assert models.closing_text(closes_on=closes_on, closed_early_on=closed_early_on, today=DAY) == expected


def test_a_round_has_closed_when_closed_early_or_after_its_closing_date(world: SimpleNamespace) -> None:
    round_ = open_round(world)
    today = timezone.localdate()
    assert not round_.has_closed(today)
    assert round_.closing_date == round_.closes_on
    assert round_.has_closed(round_.closes_on + timedelta(days=1))
    assert not round_.has_closed(round_.closes_on)
    services.round_close_early(round_=round_, user=world.lead)
    assert round_.has_closed(today)
    assert round_.closing_date == round_.closed_early_on == today


@pytest.fixture
def closed_early(world: SimpleNamespace) -> Round:
    """A round planned to close in 14 days, closed early today, with the member invited."""
    round_ = open_round(world)
    services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    return services.round_close_early(round_=round_, user=world.lead)


@pytest.mark.parametrize(
    "path",
    ["/rounds/{id}/", "/rounds/{id}/results/", "/networks/qi-circle/rounds/"],
)
def test_pages_say_a_round_closed_early_and_when(
    client: Client, world: SimpleNamespace, closed_early: Round, path: str
) -> None:
    sign_in(client, world.lead)
    html = client.get(path.format(id=closed_early.pk)).content.decode()
    assert f"Closed early on {day(timezone.localdate())}" in html
    assert day(closed_early.closes_on) not in html  # the planned date is not shown as when it closed


def test_the_rater_pages_say_a_round_closed_early_and_when(
    client: Client, world: SimpleNamespace, closed_early: Round
) -> None:
    sign_in(client, world.member)
    dimension = closed_early.version.dimensions.order_by("position").first()
    assert dimension is not None
    for path in (f"/rounds/{closed_early.pk}/rate/", f"/rounds/{closed_early.pk}/rate/{dimension.pk}/"):
        html = client.get(path).content.decode()
        assert f"Closed early on {day(timezone.localdate())}" in html
        assert day(closed_early.closes_on) not in html


def test_the_results_workbook_says_the_round_closed_early(
    client: Client, world: SimpleNamespace, closed_early: Round
) -> None:
    sign_in(client, world.lead)
    book = load_workbook(io.BytesIO(client.get(f"/rounds/{closed_early.pk}/results.xlsx").content))
    about = [str(cell) for row in book.worksheets[0].iter_rows(max_row=4, values_only=True) for cell in row if cell]
    assert any(f"Closed early on {day(timezone.localdate())}" in line for line in about)


def test_pages_say_closed_on_after_the_closing_date_and_closes_on_before(
    client: Client, world: SimpleNamespace
) -> None:
    today = timezone.localdate()
    passed = open_round(world)
    Round.objects.filter(pk=passed.pk).update(opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=2))
    running = open_round(world)
    sign_in(client, world.lead)
    assert f"Closed on {day(today - timedelta(days=2))}" in client.get(f"/rounds/{passed.pk}/").content.decode()
    html = client.get(f"/rounds/{running.pk}/").content.decode()
    assert f"Closes on {day(running.closes_on)}" in html
