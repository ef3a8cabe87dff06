"""Forms for the support app. Forms check the shape of what was sent; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.support.content import CD_PLAN_ITEMS, CD_RATING_CHOICES, SPEND_CHOICES
from wayfinder.support.models import FundingSource


class ReadinessTickForm(forms.Form):
    evidence = forms.CharField(
        label="Evidence",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What shows this is done: a document, a meeting, a decision, a number",
        error_messages={"required": "Describe the evidence that this item is done"},
    )


class DimensionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SupportRequestForm(forms.Form):
    domain = forms.ModelChoiceField(
        label="Support domain",
        queryset=SupportDomain.objects.order_by("position"),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the support domain this request is about",
            "invalid_choice": "Choose a support domain from the list",
        },
    )
    what = forms.CharField(
        label="What support does the network need?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Describe the support the network needs"},
    )
    why = forms.CharField(
        label="Why does the network need it?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="For example, what your last assessment showed or what the support would let you do",
        error_messages={"required": "Explain why the network needs this support"},
    )
    dimensions = DimensionChoiceField(
        label="Which dimensions of the maturity matrix would it help?",
        queryset=Dimension.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose any that apply",
        error_messages={
            "invalid_choice": "Choose dimensions from the list",
            "invalid_pk_value": "Choose dimensions from the list",
        },
    )

    def __init__(self, *args: Any, dimensions: QuerySet[Dimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].queryset = dimensions  # type: ignore[attr-defined]


DECISION_CHOICES = [("accept", "Accept"), ("decline", "Decline"), ("deliver", "Mark as delivered")]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=DECISION_CHOICES,
        error_messages={
            "required": "Choose whether to accept, decline or mark the request delivered",
            "invalid_choice": "Choose whether to accept, decline or mark the request delivered",
        },
    )
    reason = forms.CharField(label="Reason for declining", required=False, widget=forms.Textarea, max_length=5000)


class CommissionForm(forms.Form):
    provider = forms.CharField(
        label="Provider", max_length=200, error_messages={"required": "Enter who provides the support"}
    )
    cost = forms.DecimalField(
        label="Cost in pounds",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="For example, 4500 or 4500.50",
        error_messages={
            "required": "Enter the cost in pounds",
            "invalid": "Enter the cost as a number, for example 4500",
            "min_value": "Enter a cost of £0 or more",
        },
    )
    funding_source = forms.ChoiceField(
        label="Where the money comes from",
        choices=FundingSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the money comes from"},
    )
    spend_category = forms.ChoiceField(
        label="What kind of spend is it?",
        choices=SPEND_CHOICES,
        widget=forms.RadioSelect,
        help_text="Development funding may pay only for some kinds of spend. We check your choice against the rules.",
        error_messages={"required": "Choose what kind of spend it is", "invalid_choice": "Choose a kind of spend"},
    )
    starts_on = forms.DateField(
        label="Start date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2025-04-01",
        error_messages={"required": "Enter the start date", "invalid": "Enter a real start date"},
    )
    ends_on = forms.DateField(
        label="End date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2026-03-31",
        error_messages={"required": "Enter the end date", "invalid": "Enter a real end date"},
    )


RATING_FIELD_PREFIX = "rating_"


class CDPlanForm(forms.Form):
    """Self-ratings for every skill and area of understanding, then needs and chosen support."""

    needs = forms.CharField(
        label="What do you most need to develop?",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )
    support_domains = forms.ModelMultipleChoiceField(
        label="Which support domains would help?",
        queryset=SupportDomain.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose support domains from the list",
            "invalid_pk_value": "Choose support domains from the list",
        },
    )
    support_notes = forms.CharField(
        label="The support you have chosen",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
        help_text="For example, a leadership course, coaching, or time with another Clinical Director",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in CD_PLAN_ITEMS:
            self.fields[RATING_FIELD_PREFIX + item.key] = forms.TypedChoiceField(
                label=item.title,
                choices=[(str(value), text) for value, text in CD_RATING_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose a rating from the scale"},
            )

    def rating_field(self, key: str) -> forms.BoundField:
        return self[RATING_FIELD_PREFIX + key]

    def ratings(self) -> dict[str, int | None]:
        return {item.key: self.cleaned_data.get(RATING_FIELD_PREFIX + item.key) for item in CD_PLAN_ITEMS}


class ProgressForm(forms.Form):
    text = forms.CharField(
        label="Add a progress note",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Write a note on how the plan is going"},
    )
