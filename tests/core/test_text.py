"""Words that agree with their number, in Python and in templates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import engines

from wayfinder.core.text import counted, number


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 problems"), (1, "1 problem"), (2, "2 problems"), (1250, "1,250 problems")]
)
def test_counted_gives_the_number_and_the_word_that_agrees_with_it(count: int, expected: str) -> None:
    assert counted(count, "problem", "problems") == expected


def test_counted_takes_irregular_plurals() -> None:
    assert (counted(1, "person", "people"), counted(3, "person", "people")) == ("1 person", "3 people")


@pytest.mark.parametrize(("count", "expected"), [(1, "1 row. 1 person has"), (2, "2 rows. 2 people have")])
def test_templates_have_the_counted_filter_and_ngettext(count: int, expected: str) -> None:
    template = engines["jinja2"].from_string(
        '{{ n | counted("row", "rows") }}. {{ ngettext("%(num)s person has", "%(num)s people have", n) }}'
    )
    assert template.render({"n": count}) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (0, "0"),
        (2.0, "2"),
        (2.5, "2.5"),
        (1.25, "1.2"),
        (-0.5, "-0.5"),
        (1250, "1,250"),
        (Decimal("4500.00"), "4,500.00"),
    ],
)
def test_number_reads_as_people_write_it(value: float | Decimal | None, expected: str) -> None:
    assert number(value) == expected


def test_templates_have_the_number_filter() -> None:
    template = engines["jinja2"].from_string("{{ a | number }} of {{ b | number }}, median {{ c | number }}")
    assert template.render({"a": 1250, "b": 12000, "c": 2.5}) == "1,250 of 12,000, median 2.5"
