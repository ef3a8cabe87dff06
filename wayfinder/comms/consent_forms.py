"""Forms for consent: publishing a new version, and starting a re-consent campaign."""

from __future__ import annotations

from django import forms

from wayfinder.comms.consent_models import PolicyKind


class PublishForm(forms.Form):
    kind = forms.ChoiceField(
        label="What to publish",
        widget=forms.RadioSelect,
        choices=PolicyKind.choices,
        error_messages={"required": "Choose the privacy notice or the mailing consent"},
    )
    text = forms.CharField(
        label="The words people agree to",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Leave a blank line between paragraphs",
        error_messages={"required": "Enter the words people will agree to"},
    )
    changes = forms.CharField(
        label="What has changed", required=False, max_length=500, help_text="One sentence people will see first"
    )


class CampaignForm(forms.Form):
    deadline = forms.DateField(
        label="Confirm by",
        help_text="Everyone who has not confirmed before this date is unsubscribed on it",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the date", "invalid": "Enter a real date"},
    )
    message = forms.CharField(
        label="A message to put in the email",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why you are asking, in a sentence or two",
    )
