"""Forms for opening a round, inviting raters and rating one dimension."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone

from wayfinder.assessments.models import Confidence, Perspective, Purpose
from wayfinder.frameworks.models import Dimension, FrameworkVersion, Level

DATE_ERRORS = {"required": "Enter a date", "invalid": "Enter a real date, like 2027-03-31"}


class RoundOpenForm(forms.Form):
    version = forms.TypedChoiceField(
        label="Framework",
        coerce=int,
        error_messages={"required": "Choose a framework", "invalid_choice": "Choose a framework from the list"},
    )
    purpose = forms.ChoiceField(
        label="What is this round for?",
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what this round is for"},
    )
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=200,
        help_text="For example, Baseline 2027. Leave blank to use the purpose.",
    )
    opens_on = forms.DateField(
        label="Opens on", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )
    closes_on = forms.DateField(
        label="Closes on", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )
    reminder_days_before = forms.IntegerField(
        label="Remind people who have not finished",
        help_text="Number of days before the round closes",
        min_value=0,
        max_value=60,
        initial=3,
        error_messages={
            "required": "Enter a number of days",
            "invalid": "Enter a whole number of days, like 3",
            "min_value": "Enter a number of days from 0 to 60",
            "max_value": "Enter a number of days from 0 to 60",
        },
    )
    message = forms.CharField(
        label="Message to raters",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Sent with each invitation",
    )

    def __init__(self, *args: Any, versions: list[FrameworkVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.versions = {v.pk: v for v in versions}
        cast(forms.ChoiceField, self.fields["version"]).choices = [("", "Choose a framework")] + [
            (v.pk, f"{v.framework.name} (version {v.number})") for v in versions
        ]
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + timedelta(days=21)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "The closing date must be the same as or after the opening date")
        return data

    def chosen_version(self) -> FrameworkVersion:
        return self.versions[self.cleaned_data["version"]]


class InviteMembersForm(forms.Form):
    members = forms.TypedMultipleChoiceField(
        label="Members to invite",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one member", "invalid_choice": "Choose members from the list"},
    )
    perspective = forms.ChoiceField(
        label="They rate as",
        choices=[(Perspective.MEMBER, "Members"), (Perspective.STEERING, "Steering group")],
        widget=forms.RadioSelect,
        initial=Perspective.MEMBER,
        error_messages={"required": "Choose how they rate"},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["members"]).choices = choices


class InviteExternalForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the email address of the person to invite",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    name = forms.CharField(label="Name", required=False, max_length=150)


class CloseDateForm(forms.Form):
    closes_on = forms.DateField(
        label="New closing date", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS
    )


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a level", "invalid_choice": "Choose one of the levels shown"},
    )
    evidence = forms.CharField(label="Evidence", required=False, max_length=5000, widget=forms.Textarea)
    confidence = forms.ChoiceField(
        label="How sure are you?",
        required=False,
        choices=Confidence.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose how sure you are from the list"},
    )

    def __init__(self, *args: Any, dimension: Dimension, levels: list[Level], survey: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["level"]).choices = [(level.pk, level.name) for level in levels]
        if survey:
            self.fields["level"].label = "How much do you agree?"
            self.fields["level"].error_messages["required"] = "Choose how much you agree"
            self.fields["evidence"].label = "Comments"
            self.fields["evidence"].help_text = "Shown to the network without your name"
        else:
            self.fields["level"].label = "Which level best describes the network now?"
            self.fields["evidence"].help_text = "What you have seen that supports your choice. Shown without your name."
