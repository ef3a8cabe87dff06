"""Properties of small-group suppression: no figure shown to someone who does not oversee the networks behind it is
ever worked out from fewer than 5 networks, and those who oversee them see every figure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wayfinder.core.suppression import (
    Figure,
    GroupFigures,
    NetworkFacts,
    PageFigures,
    for_viewer,
    level_counts,
    page_for_viewer,
    roll_up,
    roll_up_counted,
)

MINIMUM = 5
DIMENSIONS = 4
POSITIONS = (1, 2, 3, 4, 5)

level = st.one_of(st.none(), st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 4.5, 5.0]))


@st.composite
def network(draw: st.DrawFn) -> NetworkFacts:
    assessed = draw(st.booleans())
    levels = tuple(draw(level) if assessed else None for _ in range(DIMENSIONS))
    change = draw(st.one_of(st.none(), st.floats(min_value=-4, max_value=4))) if assessed else None
    is_pcn = draw(st.booleans())
    return NetworkFacts(
        assessed=assessed,
        levels=levels,
        change=change,
        is_pcn=is_pcn,
        ready=is_pcn and bool(draw(st.booleans())),
    )


groups = st.lists(network(), max_size=12)


def sources(networks: list[NetworkFacts]) -> dict[str, int]:
    """How many networks each figure is worked out from, counted here from the networks themselves."""
    counted = {
        "networks": len(networks),
        "assessed": len(networks),
        "average_change": sum(1 for n in networks if n.change is not None),
        "pcns": len(networks),
        "pcns_ready": sum(1 for n in networks if n.is_pcn),
    }
    for index in range(DIMENSIONS):
        counted[f"average {index}"] = sum(1 for n in networks if n.levels[index] is not None)
    return counted


def named(figures: GroupFigures) -> dict[str, Figure]:
    result = {name: getattr(figures, name) for name in ("networks", "assessed", "average_change", "pcns", "pcns_ready")}
    result.update({f"average {index}": f for index, f in enumerate(figures.averages)})
    return result


@given(groups)
def test_no_figure_shown_to_a_non_overseer_comes_from_fewer_than_5_networks(networks: list[NetworkFacts]) -> None:
    shown = named(for_viewer(roll_up(networks, DIMENSIONS), overseen=False, minimum=MINIMUM))
    counted = sources(networks)
    assert set(shown) == set(counted)
    for name, figure in shown.items():
        if not figure.hidden:
            assert counted[name] >= MINIMUM, name
        else:
            assert figure.value is None and counted[name] < MINIMUM, name


@given(groups)
def test_those_who_oversee_a_group_see_every_figure_and_the_figures_are_right(networks: list[NetworkFacts]) -> None:
    figures = for_viewer(roll_up(networks, DIMENSIONS), overseen=True, minimum=MINIMUM)
    assert not any(f.hidden for f in named(figures).values())
    assert figures.networks.value == len(networks)
    assert figures.assessed.value == sum(1 for n in networks if n.assessed)
    assert figures.pcns_ready.value == sum(1 for n in networks if n.ready)
    for index, average in enumerate(figures.averages):
        values = [n.levels[index] for n in networks if n.levels[index] is not None]
        expected = round(sum(v for v in values if v is not None) / len(values), 1) if values else None
        assert average.value == expected


@given(groups, st.booleans())
def test_a_page_shows_no_spread_of_levels_or_needs_from_fewer_than_5_networks(
    networks: list[NetworkFacts], overseen: bool
) -> None:
    page = PageFigures(
        distributions=tuple(
            level_counts([n.levels[index] for n in networks], POSITIONS) for index in range(DIMENSIONS)
        ),
        needs=Figure(["needs"], len(networks)),
    )
    shown = page_for_viewer(page, overseen=overseen, minimum=MINIMUM)
    for index, figure in enumerate(shown.distributions):
        rated = sum(1 for n in networks if n.levels[index] is not None)
        if not figure.hidden:
            assert overseen or rated >= MINIMUM
            assert sum(figure.value) == rated  # every rated network is counted at one level
    assert shown.needs.hidden is (not overseen and len(networks) < MINIMUM)


def test_one_assessed_network_among_five_shows_the_counts_but_not_its_levels() -> None:
    assessed = NetworkFacts(True, (3.0, 2.0, 4.0, 1.0), None, True, True)
    others = [NetworkFacts(False, (None,) * DIMENSIONS, None, False, False)] * 4
    figures = for_viewer(roll_up([assessed, *others], DIMENSIONS), overseen=False, minimum=MINIMUM)
    assert (figures.networks.value, figures.assessed.value, figures.pcns.value) == (5, 1, 1)
    assert all(f.hidden for f in figures.averages)
    assert figures.pcns_ready.hidden and figures.average_change.hidden


@given(groups)
def test_rolling_up_levels_given_in_halves_gives_the_same_figures_to_the_last_bit(
    networks: list[NetworkFacts],
) -> None:
    """What the regional and national views do (group_queries.roll_up): only the assessed networks' levels, in
    halves of a level, and the counts."""
    assessed = [n for n in networks if n.assessed]
    pcns = [n for n in networks if n.is_pcn]
    in_halves = roll_up_counted(
        [[None if v is None else int(v * 2) for v in n.levels] for n in assessed],
        [n.change for n in networks if n.change is not None],
        dimensions=DIMENSIONS,
        size=len(networks),
        assessed=len(assessed),
        pcns=len(pcns),
        ready=sum(1 for n in pcns if n.ready),
        scale=2,
    )
    assert in_halves == roll_up(networks, DIMENSIONS)
