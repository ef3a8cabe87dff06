"""Words that agree with their number, in Python and in templates."""

from __future__ import annotations

import pytest
from django.template import engines

from wayfinder.core.text import counted


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
