"""Every learning test starts with the hub's front page and the built-in programme, even after a browser test
emptied the tables."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from wayfinder.hub import services as hub_services
from wayfinder.learning import builtin, services
from wayfinder.learning.models import ModulePage, UnitPage


@pytest.fixture(autouse=True)
def learning(db: Any) -> SimpleNamespace:
    hub_services.hub_index_ensure()
    builtin.load_builtin()
    pcns = ModulePage.objects.get(slug="building-successful-pcns")
    networks = ModulePage.objects.get(slug="leading-networks")
    return SimpleNamespace(
        pcns=pcns,
        networks=networks,
        pcn_units=list(UnitPage.objects.child_of(pcns).order_by("path")),
        network_units=list(UnitPage.objects.child_of(networks).order_by("path")),
    )


def full_answers(unit: UnitPage, text: str = "We agreed a purpose in May") -> dict[str, Any]:
    """A form post answering every activity of the unit: words, a rating of 3, the first checklist item."""
    data: dict[str, Any] = {}
    for block in unit.activities:
        name = f"activity-{block.id}"
        if block.block_type == "question":
            data[name] = f"{text} ({block.id})"
        elif block.block_type == "rating":
            data[name] = "3"
        else:
            data[name] = ["0"]
            data[f"{name}-shown"] = "1"
    return data


def complete_unit(person: Any, unit: UnitPage, text: str = "We agreed a purpose in May") -> Any:
    services.answers_save(person=person, unit=unit, data=full_answers(unit, text))
    return services.unit_complete(person=person, unit=unit)


def first_question(unit: UnitPage) -> str:
    return next(str(block.id) for block in unit.activities if block.block_type == "question")
