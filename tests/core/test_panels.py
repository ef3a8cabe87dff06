"""Panels other apps add to a network's page, a round's results and a plan (core/panels.py)."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.test import Client
from markupsafe import Markup

from tests.factories import add_raters, build_round, build_version
from tests.plans.support import start_plan
from tests.signing_in import sign_in
from wayfinder.core import panels
from wayfinder.core.panels import Panel, Place


def place(**overrides: object) -> Place:
    values: dict[str, object] = {
        "page": "results",
        "user": None,
        "network_id": 1,
        "network_slug": "riverside",
        "network_name": "Riverside",
    }
    values.update(overrides)
    return Place(**values)  # type: ignore[arg-type]


@pytest.fixture
def seen() -> Iterator[list[Place]]:
    """A provider registered on every page for one test, which records where it was asked and says so."""
    asked: list[Place] = []

    def provider(where: Place) -> Panel:
        asked.append(where)
        weakest = ", ".join(where.dimension_names.get(key, key) for key in where.weakest(2))
        return Panel(
            key="test:seen",
            heading="Seen by a test",
            body=Markup("<p>Weakest: {}</p>").format(weakest or "none"),
            parts={pk: Markup("<p>Part for {}</p>").format(pk) for pk in where.priority_ids},
            links=[("A test link", "/test-link/")],
        )

    for page in panels.PAGES:
        panels.register(page, provider)
    yield asked
    for page in panels.PAGES:
        panels.providers[page].remove(provider)


def test_weakest_is_lowest_first_with_ties_in_the_matrix_order() -> None:
    where = place(levels={"a": 3.0, "b": 1.0, "c": 2.0, "d": 1.0})
    assert where.weakest(3) == ["b", "d", "c"]
    assert place().weakest() == []


def test_panels_come_in_rank_order_and_none_is_left_out() -> None:
    def first(where: Place) -> Panel:
        return Panel(key="a", heading="A", body=Markup("a"), rank=10)

    def second(where: Place) -> Panel:
        return Panel(key="b", heading="B", body=Markup("b"), rank=5, parts={7: Markup("seven")})

    def nothing(where: Place) -> None:
        return None

    for provider in (first, second, nothing):
        panels.register("plan", provider)
    panels.register("plan", first)  # registering twice changes nothing
    try:
        shown = panels.panels_for(place(page="plan"))
        assert [p.key for p in shown] == ["b", "a"]
        assert panels.parts_for(shown, 7) == ["seven"] and panels.parts_for(shown, 8) == []
    finally:
        for provider in (first, second, nothing):
            panels.providers["plan"].remove(provider)


def test_an_unknown_page_is_refused() -> None:
    with pytest.raises(ValueError, match="No page called 'home'"):
        panels.register("home", lambda where: None)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_results_plan_and_network_pages_show_the_panels(
    world: SimpleNamespace, client: Client, seen: list[Place]
) -> None:
    round_ = build_round(world.open, build_version(dimensions=3))
    add_raters(round_, [[3, 1, 2]])
    plan = start_plan(world.open, world.lead)
    sign_in(client, world.lead)

    html = client.get(f"/rounds/{round_.pk}/results/").content.decode()
    assert "Seen by a test" in html and "Weakest: Dimension 2 of the matrix, Dimension 3 of the matrix" in html
    assert seen[-1].page == "results" and seen[-1].round_id == round_.pk and seen[-1].role == "lead"

    html = client.get(f"/plans/{plan.pk}/").content.decode()
    priority_ids = list(plan.priorities.order_by("position", "pk").values_list("pk", flat=True))
    assert seen[-1].page == "plan" and seen[-1].plan_id == plan.pk
    assert sorted(seen[-1].priority_ids) == sorted(priority_ids)
    for pk in priority_ids:
        assert f"<p>Part for {pk}</p>" in html

    html = client.get(world.open.get_absolute_url()).content.decode()
    assert "Seen by a test" in html and "For this network" in html and 'href="/test-link/"' in html
    assert seen[-1].page == "network" and seen[-1].network_id == world.open.pk
