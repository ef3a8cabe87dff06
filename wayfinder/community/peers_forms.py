"""Forms for peers to learn from. The services apply the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from wayfinder.community.peers_services import MESSAGE_MAX, NOTE_MAX

YES_NO = [("yes", "Yes, other networks' leads can find us and ask to get in touch"), ("no", "No")]


class SharingForm(forms.Form):
    contactable = forms.ChoiceField(
        label="Can other networks ask to learn from yours?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no", "invalid_choice": "Choose yes or no"},
    )
    dimension_keys = forms.MultipleChoiceField(
        label="Which levels can they see?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Your latest agreed level on each dimension you tick. Nothing else from your results is shown.",
        error_messages={"invalid_choice": "Choose dimensions from the list"},
    )
    note = forms.CharField(
        label="What could your network help others with?",
        required=False,
        widget=forms.Textarea,
        max_length=NOTE_MAX,
        help_text="For example, how you set up shared rotas or run your steering group",
        error_messages={"max_length": f"What you could help with must be {NOTE_MAX} characters or fewer"},
    )

    def __init__(self, *args: Any, dimensions: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension_keys"].choices = dimensions  # type: ignore[attr-defined]


class ContactForm(forms.Form):
    message = forms.CharField(
        label="Your message to their lead",
        widget=forms.Textarea,
        max_length=MESSAGE_MAX,
        help_text="Say what you would like to learn and how you would like to talk",
        error_messages={
            "required": "Write a message to the other network's lead",
            "max_length": f"Your message must be {MESSAGE_MAX:,} characters or fewer",
        },
    )


ANSWERS = [("accept", "Accept"), ("decline", "Decline")]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=ANSWERS,
        error_messages={"required": "Choose accept or decline", "invalid_choice": "Choose accept or decline"},
    )
