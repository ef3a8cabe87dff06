"""Forms for measures. Forms check the shape of what was sent; the services apply the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from wayfinder.core.tabular import UploadField
from wayfinder.measures.models import Area, Direction, Frequency, Measure
from wayfinder.measures.periods import FORMATS


class MeasureForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the measure's name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        label="What it counts and how",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="Where the numbers come from, what is counted and what is left out",
        error_messages={"required": "Say what the measure counts and how"},
    )
    unit = forms.CharField(
        label="Unit",
        max_length=60,
        help_text="For example: appointments, days, % of patients, £",
        error_messages={"required": "Enter the unit", "max_length": "The unit must be 60 characters or fewer"},
    )
    area = forms.ChoiceField(
        label="Area",
        choices=Area.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the area it measures"},
    )
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which way is better"},
    )
    frequency = forms.ChoiceField(
        label="How often is it measured?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often it is measured"},
    )
    target = forms.CharField(
        label="Target",
        required=False,
        max_length=30,
        help_text="A number in the measure's unit. Leave it blank if there is none.",
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # Values are kept by period, so the frequency cannot change once a measure exists.
            del self.fields["frequency"]


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.plan.title})"


class LinkForm(forms.Form):
    priorities = PriorityChoiceField(
        label="Plan priorities this measure shows progress on",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose priorities from your network's plans"},
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["priorities"]).queryset = queryset


class ValueForm(forms.Form):
    period = forms.CharField(label="Period", max_length=20, error_messages={"required": "Enter the period"})
    value = forms.CharField(label="Value", max_length=30, error_messages={"required": "Enter the value"})
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Anything that explains this period, such as a new way of working starting",
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].help_text = f"Write {FORMATS[measure.frequency]}"


class AnnotateForm(forms.Form):
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What happened in this period, such as “new triage model started”",
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )
    step_change = forms.BooleanField(
        label="The process changed from this period: work out new limits from here",
        required=False,
    )


class BaselineForm(forms.Form):
    baseline_end = forms.ChoiceField(label="Fix the limits on the values up to", required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["baseline_end"]).choices = [("", "No baseline: use every value"), *choices]


class ImportForm(forms.Form):
    file = UploadField(
        label="CSV or Excel file",
        help_text="Columns: measure, period, value, and if you want note and step_change. Up to 5 MB.",
        choose="Choose a CSV or Excel file to upload",
        extensions=(".csv", ".txt", ".xlsx"),
        wrong_kind="The file must be a CSV file or an Excel workbook (.xlsx)",
        too_big="The file must be 5 MB or smaller. Split it into smaller files.",
    )
    dry_run = forms.BooleanField(
        label="Check the file without saving",
        required=False,
        initial=True,
        help_text="Untick this when the check finds no problems and you want to save the values.",
    )


class TopFiveForm(forms.Form):
    measures: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label="Your top five",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose up to five. They show first on your network's page, in the order listed here.",
        error_messages={"invalid_choice": "Choose measures your network keeps"},
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["measures"]).queryset = queryset

    def clean_measures(self) -> Any:
        chosen = self.cleaned_data["measures"]
        if len(chosen) > 5:
            raise forms.ValidationError("Choose up to five measures")
        return chosen


class LibraryForm(forms.Form):
    name = forms.CharField(label="Library name", max_length=200, error_messages={"required": "Enter a name"})
    description = forms.CharField(
        label="What it is for", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
