"""choice_items gives the NHS.UK select and radios the options of a bound choice field, the current one marked."""

from __future__ import annotations

from django import forms

from wayfinder.jinja2 import choice_items


class Filters(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), ("guide", "Guide"), ("tool", "Tool")])
    number = forms.TypedChoiceField(required=False, coerce=int, choices=[(1, "One"), (2, "Two")])


def test_the_chosen_option_is_marked_and_every_option_kept_in_order() -> None:
    bound = Filters({"kind": "tool"})["kind"]
    assert choice_items(bound, "selected") == [
        {"value": "", "text": "Any", "selected": False},
        {"value": "guide", "text": "Guide", "selected": False},
        {"value": "tool", "text": "Tool", "selected": True},
    ]


def test_radios_leave_out_the_empty_choice_and_values_compare_as_text() -> None:
    assert choice_items(Filters({"kind": ""})["kind"], "checked", skip_empty=True) == [
        {"value": "guide", "text": "Guide", "checked": False},
        {"value": "tool", "text": "Tool", "checked": False},
    ]
    # A number chosen arrives as the text "2": still the option whose value is 2.
    assert [item["selected"] for item in choice_items(Filters({"number": "2"})["number"], "selected")] == [False, True]


def test_an_unbound_form_marks_its_initial_value() -> None:
    bound = Filters(initial={"kind": "guide"})["kind"]
    assert [item["value"] for item in choice_items(bound, "selected") if item["selected"]] == ["guide"]
