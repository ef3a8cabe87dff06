"""How allauth fits Wayfinder: our own wording, links to our site address, and two-factor rules by role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.urls import reverse

from wayfinder.core import links, permissions

SITE_NAME = "Wayfinder"

# Who sends account mail (confirming an address, resetting a password, a sign-in code): `comms` sets this in its
# ready() to its mail pipeline, so every mail Wayfinder sends goes one way and accounts never imports comms. It is
# called with the template's name, the address, the subject and the plain-text body.
AccountMailSender = Callable[..., None]
account_mail_sender: AccountMailSender | None = None


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """A full address for a link in an account mail: the host the request came to, as allauth builds its own
    links, or SITE_URL when there is none."""
    if request is not None:
        return request.build_absolute_uri(path)
    return links.absolute_url(path)


class AccountAdapter(DefaultAccountAdapter):
    # allauth raises these by key; the wording is ours (NHS.UK style: say what happened and what to do).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account has been closed. Contact the Wayfinder team if you need it back.",
        "cannot_remove_primary_email": "You cannot remove the email address we send your mail to.",
        "duplicate_email": "This email address is already on your account.",
        "email_password_mismatch": "The email address or password is not right. Check them and try again.",
        "email_taken": (
            "An account with this email address already exists. Sign in, or reset your password if you have "
            "forgotten it."
        ),
        "enter_current_password": "Enter your current password",
        "incorrect_code": "The code is not right. Check it and try again.",
        "incorrect_password": "The password is not right. Check it and try again.",
        "invalid_or_expired_key": "This link has expired or has already been used.",
        "invalid_login": "The email address or password is not right. Check them and try again.",
        "invalid_password_reset": "This password reset link has expired or has already been used.",
        "max_email_addresses": "You cannot add more than %d email addresses.",
        "too_many_login_attempts": (
            "You have tried to sign in too many times. Wait 5 minutes, then try again, or reset your password."
        ),
        "unknown_email": "We cannot find an account with this email address.",
        "unverified_primary_email": "Confirm your email address before you make it your main address.",
        "same_as_current": "Enter a different value from the one you have now.",
        "rate_limited": "You have sent too many requests. Wait a few minutes, then try again.",
    }

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Our mail templates sign off with the service name and address, never the Sites framework's.
        ctx = {"site_name": SITE_NAME, "site_url": absolute_url(allauth_context.request, "/"), **context}
        if account_mail_sender is None:
            super().send_mail(template_prefix, email, ctx)
            return
        # What allauth's own send_mail gives its templates, before rendering the message ourselves.
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **ctx}
        message = self.render_mail(template_prefix, email, ctx)
        account_mail_sender(template=template_prefix, to=email, subject=str(message.subject), text=str(message.body))

    def get_email_confirmation_url(self, request: HttpRequest | None, emailconfirmation: Any) -> str:
        # allauth builds the link from the request; without one (a background task) it would fall back to
        # the Sites framework's domain, so we use SITE_URL there instead.
        if request is None and allauth_context.request is None:
            return absolute_url(None, reverse("account_confirm_email", args=[emailconfirmation.key]))
        return super().get_email_confirmation_url(request, emailconfirmation)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": (
            "You cannot add an email address while two-factor authentication is on. Turn it off first."
        ),
        "cannot_delete_authenticator": (
            "Your role needs two-factor authentication, so you cannot turn it off. Contact the Wayfinder team "
            "if your role has changed."
        ),
        "cannot_generate_recovery_codes": "Turn on two-factor authentication before you create recovery codes.",
        "incorrect_code": "The code is not right. Enter the 6-digit code your authenticator app shows now.",
        "unverified_email": "Confirm your email address before you turn on two-factor authentication.",
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # National-team and site-admin roles must keep their authenticator app.
        if authenticator.type == Authenticator.Type.TOTP and permissions.needs_two_factor(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
