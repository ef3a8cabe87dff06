"""The pairing of the round before and the round after support, movement, the comparison group and the roll-ups:
pure functions tested with plain values and hypothesis properties."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from wayfinder.core.suppression import Figure
from wayfinder.dashboards import support_progress as sp

DAY = date(2026, 1, 1)


def rounds_at(*days: int, level: float = 1.0) -> list[sp.RoundLevels]:
    return [sp.RoundLevels(n, DAY + timedelta(days=d), {"a": level + n, "b": None}) for n, d in enumerate(days)]


def piece(network_id: int, start: int, end: int, **kw: object) -> sp.Piece:
    values: dict[str, object] = {
        "id": network_id * 100 + start,
        "request_id": network_id,
        "network_id": network_id,
        "system_id": 1,
        "region_id": 1,
        "domain_key": "leadership",
        "domain_name": "Leadership development",
        "dimension_keys": ("a",),
        "provider": "Coaches Ltd",
        "cost": Decimal("1000.00"),
        "funding_key": "system",
        "funding_name": "The system's own funds",
        "starts_on": DAY + timedelta(days=start),
        "ends_on": DAY + timedelta(days=end),
    }
    values.update(kw)
    return sp.Piece(**values)  # type: ignore[arg-type]


def test_it_pairs_the_last_round_before_and_the_first_round_after() -> None:
    rounds = rounds_at(0, 10, 50, 100, 200)
    pair = sp.pair_rounds(rounds, DAY + timedelta(days=20), DAY + timedelta(days=60))
    assert pair.before is rounds[1]
    assert pair.after is rounds[3]


def test_a_round_that_closed_on_the_first_or_last_day_of_the_support_counts_as_neither() -> None:
    rounds = rounds_at(20, 60)
    pair = sp.pair_rounds(rounds, DAY + timedelta(days=20), DAY + timedelta(days=60))
    assert pair == sp.Pair(None, None)


def test_movement_is_the_average_change_on_the_dimensions_rated_in_both_rounds() -> None:
    before = sp.RoundLevels(1, DAY, {"a": 1.0, "b": 2.0, "c": None})
    after = sp.RoundLevels(2, DAY + timedelta(days=400), {"a": 3.0, "b": 2.5, "c": 4.0})
    pair = sp.Pair(before, after)
    assert sp.changes(pair, ["a", "b", "c"]) == {"a": 2.0, "b": 0.5}
    assert sp.movement(pair, ["a", "b", "c"]) == 1.25
    assert sp.movement(pair, ["c"]) is None


def test_spread_gives_the_median_lowest_and_highest() -> None:
    assert sp.spread([1.0, -0.5, 2.0, 0.0]) == sp.Spread(0.5, -0.5, 2.0, 4)
    assert sp.spread([]) == sp.Spread(None, None, None, 0)


def test_the_comparison_leaves_out_networks_supported_during_the_period() -> None:
    rounds = {n: rounds_at(0, 300) for n in (1, 2, 3)}
    periods = {2: [(DAY + timedelta(days=100), DAY + timedelta(days=120))]}
    moved = sp.comparison_movements(
        network_ids=[1, 2, 3],
        supported_periods=periods,
        rounds=rounds,
        starts_on=DAY + timedelta(days=50),
        ends_on=DAY + timedelta(days=150),
        keys=["a"],
    )
    assert moved == [1.0, 1.0]  # networks 1 and 3; each went from round 0 (level 1) to round 1 (level 2)


def test_a_roll_up_counts_networks_money_and_movement_beside_the_comparison() -> None:
    rounds = {n: rounds_at(0, 300) for n in range(1, 8)}
    rounds[1] = [sp.RoundLevels(1, DAY, {"a": 1.0}), sp.RoundLevels(2, DAY + timedelta(days=300), {"a": 3.0})]
    pieces = [piece(1, 50, 100), piece(1, 110, 120, cost=Decimal("500")), piece(2, 50, 100, provider="Other")]
    stats = sp.roll_up(
        pieces,
        lambda p: (p.domain_key, p.domain_name),
        network_ids=list(range(1, 8)),
        rounds=rounds,
        order=[("leadership", "Leadership development"), ("pcn-set-up", "PCN set-up")],
    )
    leadership, set_up = stats
    assert leadership.networks == Figure(2, 2)
    assert leadership.pieces == Figure(3, 2)
    assert leadership.spent == Figure(Decimal("2500.00"), 2)
    assert leadership.moved == Figure(sp.Spread(1.5, 1.0, 2.0, 2), 2)
    # Networks 3 to 7 were not supported; each moved +1 over the same period.
    assert leadership.comparison == Figure(sp.Spread(1.0, 1.0, 1.0, 5), 5)
    assert set_up.networks == Figure(0, 0)
    by_provider = sp.roll_up(pieces, lambda p: (p.provider, p.provider), network_ids=[1, 2], rounds=rounds)
    assert [s.name for s in by_provider] == ["Coaches Ltd", "Other"]


def test_a_viewer_who_does_not_oversee_sees_no_figure_from_fewer_than_5_networks() -> None:
    stats = sp.GroupStats(
        "k",
        "K",
        Figure(3, 3),
        Figure(4, 3),
        Figure(Decimal(10), 3),
        Figure(sp.spread([1.0]), 1),
        Figure(sp.spread([0.0] * 6), 6),
        DAY,
        DAY,
    )
    hidden = sp.for_viewer(stats, overseen=False, minimum=5)
    assert hidden.networks.hidden and hidden.spent.hidden and hidden.moved.hidden
    assert not hidden.comparison.hidden
    assert hidden.starts_on is None
    assert sp.for_viewer(stats, overseen=True, minimum=5) == stats


# Properties ------------------------------------------------------------------------------------------------------

days = st.integers(min_value=0, max_value=2000)


@st.composite
def round_lists(draw: st.DrawFn) -> list[sp.RoundLevels]:
    offsets = sorted(draw(st.lists(days, max_size=8)))
    levels = draw(st.lists(st.floats(1, 5), min_size=len(offsets), max_size=len(offsets)))
    return [
        sp.RoundLevels(n, DAY + timedelta(days=d), {"a": v})
        for n, (d, v) in enumerate(zip(offsets, levels, strict=True))
    ]


@given(round_lists(), days, st.integers(0, 400))
def test_support_with_no_later_round_has_no_movement(rounds: list[sp.RoundLevels], start: int, length: int) -> None:
    starts_on, ends_on = DAY + timedelta(days=start), DAY + timedelta(days=start + length)
    earlier = [r for r in rounds if r.closed_on <= ends_on]
    pair = sp.pair_rounds(earlier, starts_on, ends_on)
    assert pair.after is None
    assert sp.movement(pair, ["a"]) is None


@given(round_lists(), days, st.integers(0, 400))
def test_a_round_during_the_support_counts_as_neither(rounds: list[sp.RoundLevels], start: int, length: int) -> None:
    starts_on, ends_on = DAY + timedelta(days=start), DAY + timedelta(days=start + length)
    pair = sp.pair_rounds(rounds, starts_on, ends_on)
    for chosen in (pair.before, pair.after):
        assert chosen is None or not (starts_on <= chosen.closed_on <= ends_on)
    if pair.before is not None:
        assert pair.before.closed_on < starts_on
        assert all(r.closed_on <= pair.before.closed_on or r.closed_on >= starts_on for r in rounds)
    if pair.after is not None:
        assert pair.after.closed_on > ends_on
        assert all(r.closed_on >= pair.after.closed_on or r.closed_on <= ends_on for r in rounds)


@given(days, st.integers(0, 400), st.integers(1, 600))
def test_moving_a_round_across_the_support_boundary_moves_it_between_before_and_after(
    start: int, length: int, distance: int
) -> None:
    starts_on, ends_on = DAY + timedelta(days=start), DAY + timedelta(days=start + length)
    before_it = sp.RoundLevels(1, starts_on - timedelta(days=distance), {"a": 1.0})
    after_it = sp.RoundLevels(1, ends_on + timedelta(days=distance), {"a": 1.0})
    assert sp.pair_rounds([before_it], starts_on, ends_on) == sp.Pair(before_it, None)
    assert sp.pair_rounds([after_it], starts_on, ends_on) == sp.Pair(None, after_it)
    on_the_edge = sp.RoundLevels(1, starts_on, {"a": 1.0})
    assert sp.pair_rounds([on_the_edge], starts_on, ends_on) == sp.Pair(None, None)


@given(st.lists(st.tuples(days, st.integers(0, 300)), max_size=6), days, st.integers(0, 300))
def test_a_network_supported_in_the_period_is_never_in_the_comparison(
    periods: list[tuple[int, int]], start: int, length: int
) -> None:
    spans = [(DAY + timedelta(days=s), DAY + timedelta(days=s + n)) for s, n in periods]
    starts_on, ends_on = DAY + timedelta(days=start), DAY + timedelta(days=start + length)
    rounds = {
        1: [
            sp.RoundLevels(1, DAY - timedelta(days=1), {"a": 1.0}),
            sp.RoundLevels(2, DAY + timedelta(days=5000), {"a": 2.0}),
        ]
    }
    moved = sp.comparison_movements(
        network_ids=[1], supported_periods={1: spans}, rounds=rounds, starts_on=starts_on, ends_on=ends_on, keys=["a"]
    )
    overlapping = any(s <= ends_on and e >= starts_on for s, e in spans)
    assert moved == ([] if overlapping else [1.0])
