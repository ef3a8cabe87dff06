"""The form for creating a personal API token."""

from __future__ import annotations

from django import forms

from wayfinder.api.services import NAME_MAX_LENGTH

NEVER = "never"
EXPIRY_CHOICES = [
    ("30", "30 days"),
    ("90", "90 days"),
    ("365", "1 year"),
    (NEVER, "Never (revoke it yourself when you no longer need it)"),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX_LENGTH,
        help_text="What the token is for, so you can recognise it later. For example, 'Quarterly report script'.",
        error_messages={
            "required": "Enter a name for the token",
            "max_length": f"The name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    expires = forms.ChoiceField(
        label="When should the token stop working?",
        choices=EXPIRY_CHOICES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose when the token should stop working",
            "invalid_choice": "Choose when the token should stop working",
        },
    )

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError("Enter a name for the token")
        return name

    def expires_in_days(self) -> int | None:
        value = self.cleaned_data["expires"]
        return None if value == NEVER else int(value)
