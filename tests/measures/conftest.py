"""Fixtures for measures: the shared world plus a national library, a measure in the open network with 24 months
of values and a step change, and a plan priority to link it to."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tests import factories as f
from wayfinder.measures import services

# 24 months from January 2025: about 40 a month for a year, then about 30 after a new way of working in January 2026.
BEFORE = [41, 39, 42, 40, 38, 41, 40, 43, 39, 40, 42, 41]
AFTER = [31, 29, 30, 32, 28, 31, 30, 29, 31, 30, 32, 29]


def months(count: int, start: dt.date = dt.date(2025, 1, 1)) -> list[dt.date]:
    return [dt.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1) for i in range(count)]


@pytest.fixture
def mworld(world: SimpleNamespace) -> SimpleNamespace:
    library = services.library_create(name="Core primary care measures", system=None)
    world.library = library
    world.definition = services.definition_create(
        library=library,
        name="Did not attend rate",
        description="Appointments not attended as a share of all booked appointments, from the appointment system.",
        unit="%",
        direction="down",
        frequency="monthly",
        area="operations",
        target="5",
    )
    world.measure = services.measure_create(
        network=world.open,
        by=world.lead,
        name="Days to a routine appointment",
        description="Median days from asking to a routine GP appointment, from the booking system each month.",
        unit="days",
        direction="down",
        frequency="monthly",
        area="operations",
        target="36",
    )
    for day, value in zip(months(24), BEFORE + AFTER, strict=True):
        services.value_set(measure=world.measure, period=day, value=value, by=world.lead)
    world.plan = f.PlanFactory.create(network=world.open, title="Riverside plan 2026")
    world.priority = f.PriorityFactory.create(
        plan=world.plan, title="Faster access to routine care", support_domain_id="leadership-development"
    )
    return world
