"""The dashboards' filter form: a GET form, so a filtered view has its own address and works without JavaScript."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from wayfinder.assessments.models import Purpose
from wayfinder.dashboards.queries import Filters
from wayfinder.frameworks.models import Framework

FILTERS = ("framework", "purpose", "closes_from", "closes_to", "place")


class DashboardFilterForm(forms.Form):
    framework = forms.TypedChoiceField(label="Framework", coerce=int, required=False, empty_value=None)
    purpose = forms.ChoiceField(label="Round purpose", required=False, choices=[("", "Any purpose"), *Purpose.choices])
    closes_from = forms.DateField(
        label="Rounds closed from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, for example 2027-03-31"},
    )
    closes_to = forms.DateField(
        label="Rounds closed by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, for example 2027-03-31"},
    )
    place = forms.TypedChoiceField(label="Place", coerce=int, required=False, empty_value=None)

    def __init__(
        self,
        *args: Any,
        frameworks: Sequence[tuple[int, str]] = (),
        places: Sequence[tuple[int, str]] | None = None,
        default: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        framework = self.fields["framework"]
        assert isinstance(framework, forms.TypedChoiceField)
        framework.choices = [("", f"The default: {default}" if default else "The default"), *frameworks]
        self.fields["framework"].error_messages["invalid_choice"] = "Choose a framework from the list"
        if places is None:
            del self.fields["place"]
        else:
            place = self.fields["place"]
            assert isinstance(place, forms.TypedChoiceField)
            place.choices = [("", "Every place"), *places]
            self.fields["place"].error_messages["invalid_choice"] = "Choose a place from the list"

    @property
    def in_use(self) -> bool:
        """Whether the address chose any filter (an empty value chooses nothing): then the form is shown open."""
        return any(self.data.get(name) for name in FILTERS if name in self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("closes_from"), data.get("closes_to")
        if start and end and end < start:
            self.add_error("closes_to", "The end date must be the same as or after the start date")
        return data

    def filters(self) -> Filters:
        """The valid choices only: anything that did not validate is ignored (and the form says so)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            framework_id=data.get("framework"),
            purpose=data.get("purpose") or None,
            closes_from=data.get("closes_from"),
            closes_to=data.get("closes_to"),
            place_id=data.get("place"),
        )


class DashboardFrameworkForm(forms.Form):
    """A system lead's choice of the framework their system's dashboard shows first."""

    framework = forms.ModelChoiceField(
        label="Framework this dashboard shows first",
        queryset=Framework.objects.none(),
        required=False,
        empty_label="The PCN Maturity Matrix (the default)",
        error_messages={"invalid_choice": "Choose a published framework from the list"},
    )

    def __init__(self, *args: Any, frameworks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = frameworks
