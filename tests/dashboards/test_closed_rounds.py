"""Dashboards count closed rounds only, dated by the day they closed: "Last assessed" is never in the future, a round
closed early counts at once from the day it closed, and a round whose closing date passes counts from the next day
without anything being written."""

from __future__ import annotations

import csv
import importlib
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from tests.assessments.test_results import add_raters, build_round, sign_in
from tests.dashboards.conftest import committed
from wayfinder.assessments import services
from wayfinder.assessments.models import Round
from wayfinder.core import changes
from wayfinder.dashboards import summaries
from wayfinder.dashboards.models import RoundSummary

pytestmark = pytest.mark.django_db


def system_csv(client: Client, world: SimpleNamespace, query: str = "") -> dict[str, list[str]]:
    response = client.get(f"/systems/{world.system_a.pk}/dashboard/?format=csv{query}")
    return {row[0]: row for row in csv.reader(io.StringIO(response.content.decode()))}


def national_north(client: Client) -> list[str]:
    rows = csv.reader(io.StringIO(client.get("/national/dashboard/?format=csv").content.decode()))
    return next(row for row in rows if row[0] == "North of England")


def open_round_at_5s(world: SimpleNamespace) -> Round:
    """A round of the restricted network that opened 3 days ago and closes in 25 days, rated at the top level."""
    with committed():
        round_ = build_round(world.restricted, world.version, opens_on=timezone.localdate() - timedelta(days=3))
        add_raters(round_, [[5, 5, 5], [5, 5, 5]])
        changes.changed(rounds=[round_.pk])
    return round_


def test_an_open_round_is_not_counted_and_last_assessed_is_never_in_the_future(
    dworld: SimpleNamespace, client: Client
) -> None:
    today = timezone.localdate()
    open_round_at_5s(dworld)
    sign_in(client, dworld.national)
    restricted = system_csv(client, dworld)["Quality Improvement Circle"]
    # Still the round that closed two days ago (opened 30 days ago, 28 days long), at 4s.
    assert restricted[3] == (today - timedelta(days=2)).isoformat()
    assert restricted[5:8] == ["4", "4", "4"]
    assert restricted[8:11] == ["", "", ""]  # no movement: the open round is not a second round
    html = client.get(f"/systems/{dworld.system_a.pk}/dashboard/").content.decode()
    assert 'wf-heat--5 wf-heat--median">5<' not in html
    # The roll-ups average 3 and 4 (not 5) for the first dimension.
    assert national_north(client)[3] == "3.5"


def test_a_round_closed_early_counts_at_once_dated_the_day_it_closed(dworld: SimpleNamespace, client: Client) -> None:
    round_ = open_round_at_5s(dworld)
    with committed():
        services.round_close_early(round_=round_, user=dworld.lead)
    summary = RoundSummary.objects.get(round=round_)
    assert summary.closed_early and summary.closed_on == timezone.localdate()
    sign_in(client, dworld.national)
    restricted = system_csv(client, dworld)["Quality Improvement Circle"]
    assert restricted[3] == timezone.localdate().isoformat()
    assert restricted[5:8] == ["5", "5", "5"]
    assert restricted[8:11] == ["3", "0", "1.0"]  # movement from the round before: 4s to 5s
    assert national_north(client)[3] == "4"


def test_the_date_filters_use_the_day_a_round_closed(dworld: SimpleNamespace, client: Client) -> None:
    round_ = open_round_at_5s(dworld)
    with committed():
        services.round_close_early(round_=round_, user=dworld.lead)
    sign_in(client, dworld.national)
    today = timezone.localdate().isoformat()
    # Closed today, though planned to close in 25 days: a filter up to today finds it.
    restricted = system_csv(client, dworld, f"&closes_from={today}&closes_to={today}")["Quality Improvement Circle"]
    assert restricted[3] == today


def test_a_round_counts_from_the_day_after_its_closing_date_without_a_write(
    dworld: SimpleNamespace, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = timezone.localdate()
    with committed():
        round_ = build_round(dworld.restricted, dworld.version, opens_on=today - timedelta(days=28))
        add_raters(round_, [[5, 5, 5]])
        changes.changed(rounds=[round_.pk])
    assert round_.closes_on == today
    sign_in(client, dworld.system_lead)
    url = f"/systems/{dworld.system_a.pk}/dashboard/"
    assert 'wf-heat--5 wf-heat--median">5<' not in client.get(url).content.decode()  # open all day on its closing date
    tomorrow = today + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    html = client.get(url).content.decode()
    assert 'wf-heat--5 wf-heat--median">5<' in html
    assert system_csv(client, dworld)["Quality Improvement Circle"][3] == today.isoformat()


def test_the_migration_dates_summaries_of_rounds_closed_early_by_the_day_they_closed(
    dworld: SimpleNamespace,
) -> None:
    round_ = open_round_at_5s(dworld)
    closed_at = timezone.now() - timedelta(days=1)
    Round.objects.filter(pk=round_.pk).update(closed_early_at=closed_at)
    # As the summaries stood before: the planned closing date, not marked as closed early.
    RoundSummary.objects.filter(round=round_).update(closed_on=round_.closes_on, closed_early=False)
    migration = importlib.import_module("wayfinder.dashboards.migrations.0002_closed_on")
    migration.closed_early_rounds(apps, None)
    summary = RoundSummary.objects.get(round=round_)
    assert (summary.closed_on, summary.closed_early) == (timezone.localdate(closed_at), True)
    assert summaries.rebuild([round_.pk]) == 0  # what the task would have written
