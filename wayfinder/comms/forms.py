"""The forms of the preferences page and the digest editor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from wayfinder.comms.registry import Frequency, MailKind


class PreferencesForm(forms.Form):
    """One question for each kind of mail a person can choose about."""

    def __init__(self, *args: Any, kinds: Sequence[MailKind], current: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = [kind for kind in kinds if not kind.is_service]
        for kind in self.kinds:
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.description,
                choices=[(choice.value, kind.label_for(choice)) for choice in kind.choices],
                widget=forms.RadioSelect,
                initial=current.get(kind.key, kind.default),
                error_messages={"required": f"Choose how you want {kind.label.lower()}"},
            )

    def choices(self) -> dict[str, str]:
        return {kind.key: self.cleaned_data[kind.key] for kind in self.kinds}


class DigestIssueForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title for the issue"})
    introduction = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea,
        help_text="What this issue is about, in a few short paragraphs. Leave a blank line between paragraphs.",
    )


class DigestSendForm(forms.Form):
    when = forms.ChoiceField(
        label="When should it go?",
        choices=[("now", "Send it now"), ("later", "Send it later")],
        widget=forms.RadioSelect,
        initial="now",
        error_messages={"required": "Choose when to send the issue"},
    )
    at = forms.DateTimeField(
        label="Date and time to send it",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="Only if you send it later. For example, 2027-01-05 09:00",
        error_messages={"invalid": "Enter the date and time as, for example, 2027-01-05 09:00"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("when") == "later" and not data.get("at"):
            self.add_error("at", "Enter when to send the issue")
        if data.get("when") == "now":
            data["at"] = None
        return data


FREQUENCIES = list(Frequency)
