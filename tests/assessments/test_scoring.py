"""Properties of the results arithmetic."""

from hypothesis import given
from hypothesis import strategies as st

from wayfinder.assessments import scoring

levels = st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=60)


@given(levels)
def test_the_median_lies_between_the_lowest_and_highest(values: list[int]) -> None:
    result = scoring.summarise(values)
    assert result.lowest is not None and result.highest is not None and result.median is not None
    assert result.lowest <= result.median <= result.highest
    assert result.count == len(values)


@given(levels)
def test_the_flag_is_raised_exactly_when_the_spread_is_two_or_more(values: list[int]) -> None:
    assert scoring.is_disagreement(values) == (max(values) - min(values) >= 2)


@given(levels)
def test_the_default_consensus_is_the_lowest_level(values: list[int]) -> None:
    assert scoring.default_consensus(values) == min(values)


@given(levels, st.permutations(range(5)))
def test_order_of_ratings_does_not_matter(values: list[int], _: list[int]) -> None:
    assert scoring.summarise(values) == scoring.summarise(list(reversed(values)))


def test_no_ratings_give_an_empty_summary() -> None:
    result = scoring.summarise([])
    assert result.count == 0 and result.median is None and not result.flagged


def test_it_flags_a_two_level_disagreement() -> None:
    assert scoring.is_disagreement([2, 4])
    assert not scoring.is_disagreement([2, 3, 3])


def test_an_even_count_takes_the_middle_two() -> None:
    assert scoring.summarise([1, 2, 4, 5]).median == 3.0


@given(st.lists(st.integers(min_value=1, max_value=5), max_size=4))
def test_surveys_hide_results_until_five_people_answer(values: list[int]) -> None:
    assert scoring.survey_summary(values) is None


def test_surveys_show_results_from_five_answers() -> None:
    result = scoring.survey_summary([1, 2, 3, 4, 5])
    assert result is not None and result.median == 3.0


def test_it_warns_when_the_network_rates_itself_consistently_higher() -> None:
    assert scoring.rates_itself_higher([(4, 2), (3, 2), (3.5, 3), (2, 2)])
    assert not scoring.rates_itself_higher([(4, 2), (3, 2), (2, 3), (3, 2)])  # outsiders higher once
    assert not scoring.rates_itself_higher([(4, 2), (3, 2)])  # too few dimensions to say
    assert not scoring.rates_itself_higher([(4, None), (3, None), (5, None)])


@given(st.floats(min_value=1, max_value=5), st.integers(min_value=1, max_value=5))
def test_a_gap_is_never_negative(current: float, target: int) -> None:
    result = scoring.gap(current, target)
    assert result is not None and result >= 0


def test_distribution_counts_each_level() -> None:
    assert scoring.distribution([1, 1, 3, 5, 9], [1, 2, 3, 4, 5]) == [2, 0, 1, 0, 1]
