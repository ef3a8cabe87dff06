"""rendered_once draws an NHS.UK component once per set of parameters and gives exactly what the macro gives."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import engines
from markupsafe import Markup

from wayfinder import jinja2 as ours

SELECT = "nhsuk/components/select/macro.jinja"
INPUT = "nhsuk/components/input/macro.jinja"
PAGINATION = "nhsuk/components/pagination/macro.jinja"


@pytest.fixture
def select() -> Any:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    return env.get_template(SELECT).module.select


@pytest.fixture(autouse=True)
def empty() -> Any:
    ours.RENDERED.clear()
    yield
    ours.RENDERED.clear()


def params(selected: Any = True, text: Any = "Any") -> dict[str, Any]:
    return {
        "id": "kind",
        "name": "kind",
        "label": {"text": "Kind of resource"},
        "items": [{"value": "", "text": text, "selected": selected}, {"value": "guide", "text": "Guide"}],
    }


def test_same_markup_as_the_macro_and_drawn_once(select: Any) -> None:
    first = ours.rendered_once(select, params(), SELECT)
    assert first == select(params())
    assert isinstance(first, Markup)
    assert ours.rendered_once(select, params(), SELECT) is first
    assert len(ours.RENDERED) == 1


def test_parameters_that_draw_differently_are_kept_apart(select: Any) -> None:
    plain = ours.rendered_once(select, params(text="<b>Any</b>"), SELECT)
    safe = ours.rendered_once(select, params(text=Markup("<b>Any</b>")), SELECT)
    assert "&lt;b&gt;" in plain and "<b>Any</b>" in safe
    assert ours.rendered_once(select, params(selected=1), SELECT) == select(params(selected=1))
    assert len(ours.RENDERED) == 3


def test_parameters_that_are_not_plain_values_are_drawn_every_time(select: Any) -> None:
    class Label:
        def __str__(self) -> str:
            return "Any"

    assert ours.rendered_once(select, params(text=Label()), SELECT) == select(params(text=Label()))
    assert ours.RENDERED == {}


def test_keeps_at_most_the_limit(select: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ours, "RENDERED_MAX", 3)
    for n in range(5):
        ours.rendered_once(select, params(text=f"Option {n}"), SELECT)
    assert len(ours.RENDERED) == 3


@pytest.mark.parametrize("value", ["care", 'a "quoted" <b>word</b> & O\'Neill', "0", 12, 0, 'value="x"'])
def test_an_input_drawn_once_with_its_value_put_in_is_what_the_macro_draws(value: Any) -> None:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    input_ = env.get_template(INPUT).module.input

    def drawn(shown: Any) -> dict[str, Any]:
        return {"id": "q", "name": "q", "label": {"text": "Search the hub"}, "type": "search", "value": shown}

    slotted = ours.filled(ours.rendered_once(input_, drawn(ours.slot("value")), INPUT), {"value": value})
    assert slotted == input_(drawn(value))
    assert isinstance(slotted, Markup)
    # Another value reuses the same drawing.
    again = ours.filled(ours.rendered_once(input_, drawn(ours.slot("value")), INPUT), {"value": "other"})
    assert again == input_(drawn("other"))
    assert len(ours.RENDERED) == 1


@pytest.mark.parametrize("has_previous", [True, False])
def test_a_pager_drawn_once_with_its_links_put_in_is_what_the_macro_draws(has_previous: bool) -> None:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    pagination = env.get_template(PAGINATION).module.pagination
    links = {
        "previous-href": "/hub/?q=a%22b&amp;page=1",
        "previous-label": "Page 1 of <3>",
        "next-href": "/hub/?q=x&page=3",
        "next-label": "Page 3 of 3",
    }

    def drawn(shown: dict[str, str]) -> dict[str, Any]:
        return {
            "previous": {"href": shown["previous-href"], "labelText": shown["previous-label"]}
            if has_previous
            else None,
            "next": {"href": shown["next-href"], "labelText": shown["next-label"]},
        }

    slotted = ours.filled(
        ours.rendered_once(pagination, drawn({name: ours.slot(name) for name in links}), PAGINATION), links
    )
    assert slotted == pagination(drawn(links))


def test_a_value_holding_another_slots_marker_is_put_in_as_it_is() -> None:
    drawn = Markup(f'<a href="{ours.slot("first")}">{ours.slot("second")}</a>')  # noqa: S704 - fixed test markup
    put_in = ours.filled(drawn, {"first": "/?q=" + ours.slot("second"), "second": "<Next>"})
    assert put_in == f'<a href="/?q={ours.slot("second")}">&lt;Next&gt;</a>'


def test_macros_of_the_same_name_from_different_templates_are_kept_apart(select: Any) -> None:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    other = env.from_string("{% macro select(params) %}<p>{{ params.label.text }}</p>{% endmacro %}").module.select
    assert other.name == select.name
    ours.rendered_once(select, params(), SELECT)
    assert ours.rendered_once(other, params(), "other.jinja") == other(params())
    assert len(ours.RENDERED) == 2
