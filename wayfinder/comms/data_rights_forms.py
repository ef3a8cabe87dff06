"""Forms for my data: confirming an account's deletion, and a site admin choosing whose data to act on."""

from __future__ import annotations

from typing import Any

from django import forms


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        help_text="To be sure it is you",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    understood = forms.BooleanField(
        label="I understand that my account will be deleted and cannot be brought back",
        error_messages={"required": "Tick the box to say you understand your account cannot be brought back"},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Enter the password you sign in with.")
        return password


class OnBehalfForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="The address they sign in with",
        error_messages={
            "required": "Enter the email address of the person",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    kind = forms.ChoiceField(
        label="What to do",
        widget=forms.RadioSelect,
        choices=[
            ("export", "Send them a copy of their data"),
            ("erasure", "Delete their account"),
        ],
        error_messages={"required": "Choose what to do"},
    )


class ConfirmErasureForm(forms.Form):
    understood = forms.BooleanField(
        label="I have checked this is the right person, and their account cannot be brought back",
        error_messages={"required": "Tick the box to confirm"},
    )
