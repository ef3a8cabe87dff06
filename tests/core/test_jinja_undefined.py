"""Under test a template that uses a name nobody gave it fails, while optional names and parameters still work."""

from __future__ import annotations

import pytest
from django.template import engines
from jinja2 import ChainableUndefined, UndefinedError

from wayfinder.jinja2 import UndefinedNameFails, environment


def render(source: str, **context: object) -> str:
    return str(engines["jinja2"].from_string(source).render(context))


@pytest.mark.parametrize("source", ["{{ nmae }}", "{% if nmae %}x{% endif %}", "{{ nmae.title }}", "{{ nmae == 1 }}"])
def test_a_name_nobody_gave_fails_under_test(source: str) -> None:
    with pytest.raises(UndefinedError, match="'nmae' is undefined"):
        render(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ nmae | default('none given') }}", "none given"),
        ("{% if nmae is defined %}given{% else %}not given{% endif %}", "not given"),
        ("[{{ params.hint.text }}]", "[]"),
        ("{% if params.classes %}classes{% endif %}.", "."),
        ("{% set size = undefined %}{% if size %}sized{% endif %}.", "."),
    ],
)
def test_optional_names_and_missing_parameters_still_work(source: str, expected: str) -> None:
    assert render(source, params={}) == expected


def test_the_nhsuk_components_draw_with_their_optional_parameters_left_out() -> None:
    html = render(
        '{% from "nhsuk/components/button/macro.jinja" import button %}{{ button({"text": "Save"}) }}'
        '{% from "nhsuk/components/card/macro.jinja" import card %}{{ card({"heading": "A card"}) }}'
    )
    assert "Save" in html and "A card" in html


def test_in_use_an_undefined_name_prints_as_nothing() -> None:
    assert engines["jinja2"].env.undefined is UndefinedNameFails  # type: ignore[attr-defined]
    assert environment().undefined is ChainableUndefined
    assert environment().from_string("[{{ nmae }}{{ nmae.title }}]").render() == "[]"
