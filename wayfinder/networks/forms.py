"""Forms for networks: the directory filters, creating and editing a network, joining and inviting."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms

from wayfinder.networks.models import Network, NetworkRole, NetworkType, Privacy, Region, Stage, System

PRIVACY_CHOICES = [
    (Privacy.OPEN, "Open – anyone can find it and join straight away"),
    (Privacy.RESTRICTED, "Restricted – anyone can find it; a lead approves each request to join"),
    (Privacy.PRIVATE, "Private – only members and the people who oversee it can see it"),
    (Privacy.CONFIDENTIAL, "Confidential – unlisted; only members can see it"),
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search by name", required=False, max_length=100)
    system = forms.ModelChoiceField(
        label="System", queryset=System.objects.order_by("name"), required=False, empty_label="Any system"
    )
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type"), *NetworkType.choices])
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "Any stage"), *Stage.choices])


class NetworkForm(forms.ModelForm):
    privacy = forms.ChoiceField(
        label="Who can see and join it", choices=PRIVACY_CHOICES, widget=forms.RadioSelect, initial=Privacy.PRIVATE
    )

    class Meta:
        model = Network
        fields = ["name", "network_type", "stage", "privacy", "population", "description"]
        labels = {"name": "Network name", "network_type": "Type of network", "stage": "Life-cycle stage"}
        help_texts = {
            "population": "How many people the network serves, if it serves a population",
            "description": "What the network is for and who it brings together",
        }
        widgets = {"network_type": forms.RadioSelect, "stage": forms.RadioSelect}

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if len(name) < 3:
            raise forms.ValidationError("Enter a network name of at least 3 characters")
        return name


class NetworkCreateForm(NetworkForm):
    system = forms.ModelChoiceField(
        label="System",
        queryset=System.objects.order_by("name"),
        required=False,
        empty_label="Not part of a system",
        help_text="Leave this empty for a network that stands alone",
    )
    is_pcn = forms.BooleanField(label="This is a primary care network (PCN)", required=False)
    code = forms.CharField(label="PCN code", required=False, max_length=16, help_text="For example, U12345")

    class Meta(NetworkForm.Meta):
        fields = [*NetworkForm.Meta.fields]

    def __init__(self, *args: Any, can_create_pcn: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.can_create_pcn = can_create_pcn
        if not can_create_pcn:
            del self.fields["is_pcn"]
            del self.fields["code"]

    def clean_code(self) -> str:
        code: str = self.cleaned_data.get("code", "").strip().upper()
        if code and not (len(code) == 6 and code[0].isalpha() and code[1:].isdigit()):
            raise forms.ValidationError("Enter a PCN code like U12345: a letter followed by 5 numbers")
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_pcn") and not data.get("system"):
            self.add_error("system", "Choose the system this primary care network belongs to")
        return data


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label="Why would you like to join?",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        help_text="The network's leads will see this. You can leave it empty.",
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(label="Role in the network", choices=NetworkRole.choices, initial=NetworkRole.MEMBER)

    def __init__(self, *args: Any, roles: Collection[str], **kwargs: Any) -> None:
        """`roles`: the roles this person may invite someone as (permissions.roles_to_invite_as); only those are
        offered, and the service checks again."""
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [(value, label) for value, label in NetworkRole.choices if value in roles]
        if set(NetworkRole.values) - set(roles):
            role.help_text = "Only a lead can invite someone as a lead, facilitator or steering group member"


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=NetworkRole.choices)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    reason = forms.CharField(required=False, max_length=1000, widget=forms.Textarea, label="Reason (optional)")


class ContactSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by system, place or network",
        help_text="For example, the name of your integrated care system, your town or your primary care network",
        required=False,
        max_length=100,
    )
    region = forms.ModelChoiceField(
        label="Region", queryset=Region.objects.order_by("name"), required=False, empty_label="Any region"
    )


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="A person's full name, or a team's name for a shared address",
        error_messages={"required": "Enter the name of the person or team"},
    )
    job_title = forms.CharField(
        label="Job title", max_length=200, required=False, help_text="For example, network development lead"
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    phone = forms.CharField(label="Telephone", max_length=32, required=False)
