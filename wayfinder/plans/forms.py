"""Forms for plans: they parse and check the shape of what was sent; the services decide what is allowed."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from wayfinder.plans.gaps import Proposal
from wayfinder.plans.models import ActionStatus, PriorityKind, Progress

DATE_ERRORS = {"invalid": "Enter a real date, for example 31 March 2027", "required": "Enter a date"}


def _date(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE_ERRORS, **kwargs
    )


class PlanDetailsForm(forms.Form):
    title = forms.CharField(
        label="Name of the plan", max_length=200, error_messages={"required": "Enter a name for the plan"}
    )
    starts_on = _date("Plan year starts")
    ends_on = _date("Plan year ends", help_text="A plan covers one year at most")


class StartPlanForm(PlanDetailsForm):
    """The plan's details, then a tick and a support domain for each proposed dimension."""

    def __init__(self, *args: Any, proposals: list[Proposal], domains: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        domain_choices = [("", "Choose a support domain"), *domains]
        for p in proposals:
            self.fields[f"include_{p.key}"] = forms.BooleanField(label=f"Work on {p.name}", required=False)
            self.fields[f"domain_{p.key}"] = forms.ChoiceField(
                label="Support domain", choices=domain_choices, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [p for p in self.proposals if data.get(f"include_{p.key}")]
        if self.proposals and not chosen:
            raise forms.ValidationError("Choose at least one dimension to work on")
        for p in chosen:
            if not data.get(f"domain_{p.key}"):
                self.add_error(f"domain_{p.key}", f"{p.name}: choose the support domain it links to")
        return data

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"proposal": p, "include": self[f"include_{p.key}"], "domain": self[f"domain_{p.key}"]}
            for p in self.proposals
        ]

    def chosen(self) -> list[tuple[str, str]]:
        return [
            (p.key, self.cleaned_data[f"domain_{p.key}"])
            for p in self.proposals
            if self.cleaned_data.get(f"include_{p.key}")
        ]


class PriorityForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of priority",
        choices=PriorityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of priority this is"},
    )
    title = forms.CharField(label="Priority", max_length=300, error_messages={"required": "Enter the priority"})
    support_domain = forms.ChoiceField(
        label="Support domain", error_messages={"required": "Choose one of the six support domains"}
    )
    dimension = forms.ChoiceField(label="Dimension it works on", required=False)
    goal = forms.CharField(
        label="Goal it serves",
        widget=forms.Textarea,
        required=False,
        help_text="For a service-improvement priority: the change for patients or services you are aiming for",
    )
    measure = forms.CharField(
        label="How you will measure progress",
        widget=forms.Textarea,
        required=False,
        help_text="For a service-improvement priority: the measure, where the figures come from and how often",
    )

    def __init__(
        self,
        *args: Any,
        domains: list[tuple[str, str]],
        dimensions: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["support_domain"]).choices = [("", "Choose a support domain"), *domains]
        if dimensions is None:
            del self.fields["dimension"]
        else:
            cast(forms.ChoiceField, self.fields["dimension"]).choices = [("", "None"), *dimensions]


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300, error_messages={"required": "Enter the action"})
    owner = forms.TypedChoiceField(
        label="Owner",
        coerce=int,
        error_messages={
            "required": "Choose who owns this action",
            "invalid_choice": "Choose an owner who is a member of the network",
        },
    )
    due_on = _date("Due date")
    status = forms.ChoiceField(
        label="Status", choices=ActionStatus.choices, widget=forms.RadioSelect, initial=ActionStatus.NOT_STARTED
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, owners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "Choose an owner"), *owners]


class ActionProgressForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


class ReviewForm(forms.Form):
    reviewed_on = _date("Date of the review")
    round = forms.TypedChoiceField(
        label="Round to compare with",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="The levels from this round show how each priority's dimension has moved since the plan started",
        error_messages={"invalid_choice": "Choose a round of this network on the same framework as the plan"},
    )
    summary = forms.CharField(label="Summary of the review", widget=forms.Textarea, required=False)

    def __init__(
        self, *args: Any, priorities: list[tuple[int, str]], rounds: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.priorities = priorities
        cast(forms.ChoiceField, self.fields["round"]).choices = [("", "No round yet"), *rounds]
        for pk, title in priorities:
            self.fields[f"progress_{pk}"] = forms.ChoiceField(
                label="How is it going?",
                choices=Progress.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"{title}: choose how it is going"},
            )
            self.fields[f"note_{pk}"] = forms.CharField(label="Note", widget=forms.Textarea, required=False)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"pk": pk, "title": title, "progress": self[f"progress_{pk}"], "note": self[f"note_{pk}"]}
            for pk, title in self.priorities
        ]

    def progress(self) -> dict[int, tuple[str, str]]:
        return {
            pk: (self.cleaned_data[f"progress_{pk}"], self.cleaned_data.get(f"note_{pk}", ""))
            for pk, _ in self.priorities
        }
