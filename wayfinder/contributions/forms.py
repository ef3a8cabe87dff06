"""Forms members fill in to contribute to the hub, and the "Was this useful?" form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import URLValidator

from wayfinder.contributions.models import COMMENT_MAX_LENGTH, ContributionKind
from wayfinder.hub.models import ResourceKind, dimension_choices, support_domain_choices
from wayfinder.networks.models import Network

PLAIN_TEXT_HINT = (
    "Write in plain text and leave a blank line between paragraphs. Anything that looks like code or HTML "
    "is shown exactly as you typed it."
)


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ContributionKind.choices,
        widget=forms.RadioSelect,
        label="What would you like to share?",
        error_messages={"required": "Select whether you are sharing a resource or a case study"},
    )


class _TaggedForm(forms.Form):
    dimension_keys = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Framework dimensions it helps with"
    )
    support_domain_keys = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Support domains it helps with"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["dimension_keys"]).choices = dimension_choices()
        cast(forms.MultipleChoiceField, self.fields["support_domain_keys"]).choices = support_domain_choices()


def _text(
    label: str, *, max_length: int, required: bool = True, textarea: bool = False, **extra: Any
) -> forms.CharField:
    what = label[0].lower() + label[1:]
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages={
            "required": f"Enter {what}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        **extra,
    )


class ResourceForm(_TaggedForm):
    title = _text("Title", max_length=200)
    kind = forms.ChoiceField(
        choices=ResourceKind.choices,
        label="Kind of resource",
        error_messages={"required": "Select the kind of resource", "invalid_choice": "Select the kind of resource"},
    )
    summary = _text("Summary", max_length=500, textarea=True)
    body = _text("Description", max_length=10_000, required=False, textarea=True)
    external_link = forms.URLField(
        label="Link to the resource",
        required=False,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address that starts with https:// or http://"},
    )
    field_order = ["title", "kind", "summary", "body", "external_link", "dimension_keys", "support_domain_keys"]


class CaseStudyForm(_TaggedForm):
    title = _text("Title", max_length=200)
    network = forms.ModelChoiceField(
        queryset=Network.objects.none(),
        label="Which network is the story about?",
        empty_label=None,
        error_messages={"required": "Select the network", "invalid_choice": "Select one of your networks"},
    )
    summary = _text("Summary", max_length=500, textarea=True)
    problem = _text("The problem you faced", max_length=5_000, textarea=True)
    what_they_did = _text("What you did", max_length=5_000, textarea=True)
    what_changed = _text("What changed", max_length=5_000, textarea=True)
    contact = _text("Who to contact to find out more", max_length=500, required=False, textarea=True)
    field_order = [
        "title",
        "network",
        "summary",
        "problem",
        "what_they_did",
        "what_changed",
        "contact",
        "dimension_keys",
        "support_domain_keys",
    ]

    def __init__(self, *args: Any, networks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["network"]).queryset = networks


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Was this useful?",
        error_messages={"required": "Select yes if this was useful", "invalid_choice": "Select yes or no"},
    )
    comment = _text("Tell us more", max_length=COMMENT_MAX_LENGTH, required=False, textarea=True)
