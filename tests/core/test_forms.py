"""A service's ValidationError shown on the form that caused it."""

from django import forms
from django.core.exceptions import ValidationError

from wayfinder.core.forms import add_service_errors


class NameForm(forms.Form):
    name = forms.CharField()


def test_it_puts_an_error_under_the_field_it_names() -> None:
    form = NameForm({"name": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError({"name": "Choose another name"}))
    assert form.errors == {"name": ["Choose another name"]}


def test_it_puts_an_error_for_a_field_the_form_lacks_at_the_top() -> None:
    form = NameForm({"name": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError({"owner": "Only a lead may do this"}))
    assert form.non_field_errors() == ["Only a lead may do this"]


def test_it_puts_an_error_that_names_no_field_at_the_top() -> None:
    form = NameForm({"name": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError("The round has closed"))
    assert form.non_field_errors() == ["The round has closed"]
