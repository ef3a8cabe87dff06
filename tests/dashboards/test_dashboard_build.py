"""A dashboard built from plain values: no database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from wayfinder.dashboards.queries import (
    DashboardFacts,
    DimensionInfo,
    NetworkValues,
    SummaryValues,
    build_dashboard,
    choose_framework,
)

FRAMEWORKS = [(1, "Maturity matrix"), (2, "Readiness check")]
DIMENSIONS = [DimensionInfo("leadership", 1, "Leadership"), DimensionInfo("data", 2, "Data")]


def network(pk: int, name: str, *, pcn: bool = True, system: int | None = 5) -> NetworkValues:
    return (pk, name, name.lower(), pcn, system, "North" if system else None, 9, "North East", None, 3)


def facts(networks: Sequence[NetworkValues], summaries: Sequence[SummaryValues], **changes: object) -> DashboardFacts:
    base = DashboardFacts(
        frameworks=FRAMEWORKS,
        framework=FRAMEWORKS[0],
        framework_ignored=False,
        dimensions=DIMENSIONS,
        levels=[(0, "Not started"), (1, "Emerging"), (2, "Developing")],
        networks=networks,
        summaries=summaries,
        planned=set(),
        priorities={},
        requests={},
        domains=[("workforce", "Workforce"), ("estates", "Estates")],
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_it_chooses_the_framework_asked_for_else_the_default_else_the_first() -> None:
    assert choose_framework(FRAMEWORKS, 2, (1, "Maturity matrix")) == ((2, "Readiness check"), False)
    assert choose_framework(FRAMEWORKS, None, (2, "Readiness check")) == ((2, "Readiness check"), False)
    assert choose_framework(FRAMEWORKS, None, None) == ((1, "Maturity matrix"), False)
    assert choose_framework(FRAMEWORKS, 99, None) == ((1, "Maturity matrix"), True)
    assert choose_framework([], None, None) == (None, False)


def test_it_takes_the_latest_round_and_measures_movement_from_the_one_before() -> None:
    summaries: list[SummaryValues] = [
        (
            1,
            20,
            date(2026, 3, 31),
            {"leadership": {"value": 2.0, "agreed": True}, "data": {"value": 1.5, "agreed": False}},
        ),
        (
            1,
            10,
            date(2025, 3, 31),
            {"leadership": {"value": 1.0, "agreed": True}, "data": {"value": 2.0, "agreed": True}},
        ),
    ]
    data = build_dashboard(facts([network(1, "Alpha"), network(2, "Beta")], summaries))
    alpha, beta = data.networks
    assert (alpha.latest_round_id, alpha.previous_round_id, alpha.last_assessed) == (20, 10, date(2026, 3, 31))
    assert [(c.value, c.agreed) for c in alpha.cells] == [(2.0, True), (1.5, False)]
    assert (alpha.dimensions_up, alpha.dimensions_down, alpha.average_change) == (1, 1, 0.25)
    assert not beta.assessed and [c.value for c in beta.cells] == [None, None]
    assert data.assessed == [alpha] and data.moved == [alpha]


def test_a_dimension_missing_from_a_summary_is_not_rated() -> None:
    data = build_dashboard(
        facts([network(1, "Alpha")], [(1, 20, date(2026, 3, 31), {"data": {"value": 2, "agreed": True}})])
    )
    assert [c.value for c in data.networks[0].cells] == [None, 2]


def test_it_marks_networks_with_a_running_plan_and_counts_needs_by_domain() -> None:
    data = build_dashboard(
        facts(
            [network(1, "Alpha"), network(2, "Beta", pcn=False, system=None)],
            [],
            planned={2},
            priorities={"workforce": 3},
            requests={"workforce": 1, "estates": 2},
        )
    )
    assert [row.has_current_plan for row in data.networks] == [False, True]
    assert data.networks[1].system_name == "" and data.pcns == [data.networks[0]]
    assert [(n.key, n.priorities, n.requests, n.total) for n in data.needs] == [
        ("workforce", 3, 1, 4),
        ("estates", 0, 2, 2),
    ]


def test_without_a_framework_no_network_has_levels() -> None:
    data = build_dashboard(facts([network(1, "Alpha")], [], framework=None, dimensions=[], levels=[]))
    assert data.framework is None and data.networks[0].cells == [] and data.max_level == 0
