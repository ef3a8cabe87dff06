"""Forms for a person's own account, and allauth's sign-in forms reworded in our own plain English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.db import transaction
from django.http import HttpRequest

from wayfinder.accounts import signup
from wayfinder.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title", "organisation", "professional_group"]
        labels = {"full_name": "Full name", "job_title": "Job title", "professional_group": "Professional group"}
        help_texts = {
            "full_name": "Other members of your networks will see this.",
            "organisation": "For example, the practice or trust you work for.",
        }
        widgets = {"professional_group": forms.RadioSelect}

    def clean_full_name(self) -> str:
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError("Enter your full name")
        return name


# allauth's forms -----------------------------------------------------------------------------------------
# allauth labels its fields in title case ("Remember Me") with its own hints and errors. These subclasses
# change only the words; settings.ACCOUNT_FORMS and settings.MFA_FORMS point allauth at them.


@dataclass(frozen=True)
class Words:
    """What a person reads about one field: its label, its hint and the error when it is left empty."""

    label: str
    required: str
    hint: str = ""
    invalid: str = ""


EMAIL = Words(
    "Email address",
    required="Enter your email address",
    invalid="Enter an email address in the correct format, like name@example.com",
)
# Hints for new passwords are in the templates (accounts/_words.jinja), which show them with either form.
NEW_PASSWORD = Words("Create a password", required="Create a password")
NEW_PASSWORD_AGAIN = Words("Enter the password again", required="Enter the password again")
CODE = Words(
    "Code from your authenticator app",
    required="Enter the code from your authenticator app",
    hint="Enter the 6-digit code the app shows now, or one of your recovery codes.",
)


def reword(form: forms.BaseForm, words: dict[str, Words]) -> None:
    """Give the form's fields our labels, hints and error messages (fields the form lacks are skipped)."""
    for name, text in words.items():
        field = form.fields.get(name)
        if field is None:
            continue
        field.label = text.label
        field.help_text = text.hint
        messages = {**field.error_messages, "required": text.required}
        if text.invalid:
            messages["invalid"] = text.invalid
        field.error_messages = messages


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(
            self,
            {
                "login": EMAIL,
                "password": Words("Password", required="Enter your password"),
                "remember": Words("Keep me signed in on this device", required=""),
            },
        )


class SignupForm(account_forms.SignupForm):
    """Email address, password twice, and a checkbox for each thing a new person agrees to (accounts/signup.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(self, {"email": EMAIL, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN})
        self.agreements = [agreement for agreement in signup.agreements if agreement.available()]
        for agreement in self.agreements:
            self.fields[f"agree_{agreement.key}"] = forms.BooleanField(
                label=agreement.label,
                required=agreement.required,
                error_messages={"required": agreement.required_message},
            )

    def agreement_fields(self) -> list[tuple[signup.Agreement, forms.BoundField, tuple[str, str] | None]]:
        """Each agreement with its checkbox and the link to read first, for the template."""
        return [(a, self[f"agree_{a.key}"], a.link() if a.link else None) for a in self.agreements]

    def save(self, request: HttpRequest) -> Any:
        # The account and what the person agreed to are written together, or not at all.
        with transaction.atomic():
            user = super().save(request)
            for agreement in self.agreements:
                agreement.record(user, bool(self.cleaned_data.get(f"agree_{agreement.key}")))
        return user


class AddEmailForm(account_forms.AddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(self, {"email": Words("Email address", required="Enter the email address you want to add")})


class ChangePasswordForm(account_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(
            self,
            {
                "oldpassword": Words("Current password", required="Enter your current password"),
                "password1": Words("New password", required="Enter a new password"),
                "password2": Words("Enter the new password again", required="Enter the new password again"),
            },
        )


class SetPasswordForm(account_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(self, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN})


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(self, {"email": EMAIL})


class ResetPasswordKeyForm(account_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(
            self,
            {
                "password1": Words("New password", required="Enter a new password"),
                "password2": Words("Enter the new password again", required="Enter the new password again"),
            },
        )


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(self, {"password": Words("Password", required="Enter your password")})


class AuthenticateForm(mfa_forms.AuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(self, {"code": CODE})


class MFAReauthenticateForm(mfa_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(self, {"code": CODE})


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reword(
            self,
            {
                "code": Words(
                    "Code from your authenticator app",
                    required="Enter the code from your authenticator app",
                    hint="Enter the 6-digit code the app shows after you add Wayfinder to it.",
                )
            },
        )
