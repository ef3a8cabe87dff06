"""Two people saving the same new period at the same moment: one value is kept and neither gets an error. Needs
PostgreSQL's row locks and real concurrent connections, so it is skipped on SQLite."""

from __future__ import annotations

import datetime as dt
import threading
from types import SimpleNamespace

import pytest
from django.db import connection, connections

from wayfinder.measures import services
from wayfinder.measures.models import Value

pytestmark = pytest.mark.django_db(transaction=True)


def test_saving_one_period_twice_at_once_keeps_one_value(world: SimpleNamespace) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time")
    measure = services.measure_create(
        network=world.open,
        by=world.lead,
        name="Waiting days",
        description="Days",
        unit="days",
        direction="down",
        frequency="monthly",
        area="operations",
    )
    day = dt.date(2027, 1, 1)
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def save(value: int) -> None:
        try:
            start.wait()
            services.value_set(measure=measure, period=day, value=value, by=world.lead)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(value,)) for value in (10, 11, 12, 13)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert Value.objects.filter(measure=measure, period=day).count() == 1
