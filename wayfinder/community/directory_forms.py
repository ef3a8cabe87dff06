"""Forms for the member directory: a person's directory profile, and the search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from wayfinder.accounts.models import ProfessionalGroup
from wayfinder.community.directory_services import TOPICS_MAX

LISTED = [("yes", "Yes, list me in the directory"), ("no", "No, do not list me")]


class DirectoryProfileForm(forms.Form):
    listed = forms.ChoiceField(
        label="Do you want to be listed in the member directory?",
        choices=LISTED,
        widget=forms.RadioSelect,
        help_text="Only people who are signed in can see the directory. You can take yourself out at any time.",
        error_messages={"required": "Choose whether to be listed", "invalid_choice": "Choose whether to be listed"},
    )
    full_name = forms.CharField(
        label="Your name",
        max_length=150,
        required=False,
        error_messages={"max_length": "Your name must be 150 characters or fewer"},
    )
    job_title = forms.CharField(
        label="Job title",
        max_length=150,
        required=False,
        error_messages={"max_length": "Your job title must be 150 characters or fewer"},
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        required=False,
        error_messages={"max_length": "Your organisation must be 200 characters or fewer"},
    )
    professional_group = forms.ChoiceField(
        label="Professional group",
        choices=[("", "Choose a group"), *ProfessionalGroup.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a professional group from the list"},
    )
    dimension_keys = forms.MultipleChoiceField(
        label="Parts of the maturity matrix you are interested in",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose dimensions from the list"},
    )
    domain_keys = forms.MultipleChoiceField(
        label="Support domains you are interested in",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose support domains from the list"},
    )
    topics = forms.CharField(
        label="Topics you would talk to others about",
        required=False,
        max_length=TOPICS_MAX,
        help_text="Separate them with commas, for example: social prescribing, estates, recruiting nurses",
        error_messages={"max_length": f"Topics must be {TOPICS_MAX} characters or fewer"},
    )

    def __init__(
        self, *args: Any, dimensions: Sequence[tuple[str, str]], domains: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension_keys"].choices = dimensions  # type: ignore[attr-defined]
        self.fields["domain_keys"].choices = domains  # type: ignore[attr-defined]


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label="Search by name, job, organisation or topic", required=False, max_length=200)
    group = forms.ChoiceField(
        label="Professional group", choices=[("", "Any group"), *ProfessionalGroup.choices], required=False
    )
    dimension = forms.ChoiceField(label="Interested in this part of the matrix", required=False)
    domain = forms.ChoiceField(label="Interested in this support domain", required=False)

    def __init__(
        self, *args: Any, dimensions: Sequence[tuple[str, str]], domains: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [("", "Any"), *dimensions]  # type: ignore[attr-defined]
        self.fields["domain"].choices = [("", "Any"), *domains]  # type: ignore[attr-defined]
