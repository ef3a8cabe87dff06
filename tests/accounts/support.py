"""Helpers the account tests share: signing in through the real form, reading pages, and TOTP codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from html import unescape
from typing import TYPE_CHECKING, Any

from tests import factories as f
from wayfinder.accounts.models import User

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

# What allauth would use if settings.ACCOUNT_FORMS and MFA_FORMS point at our reworded forms.
OUR_ACCOUNT_FORMS = {
    "login": "wayfinder.accounts.forms.LoginForm",
    "signup": "wayfinder.accounts.forms.SignupForm",
    "add_email": "wayfinder.accounts.forms.AddEmailForm",
    "change_password": "wayfinder.accounts.forms.ChangePasswordForm",
    "set_password": "wayfinder.accounts.forms.SetPasswordForm",
    "reset_password": "wayfinder.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "wayfinder.accounts.forms.ResetPasswordKeyForm",
    "reauthenticate": "wayfinder.accounts.forms.ReauthenticateForm",
}
OUR_MFA_FORMS = {
    "authenticate": "wayfinder.accounts.forms.AuthenticateForm",
    "reauthenticate": "wayfinder.accounts.forms.MFAReauthenticateForm",
    "activate_totp": "wayfinder.accounts.forms.ActivateTOTPForm",
}


def new_person(**fields: Any) -> User:
    """A person with a confirmed email address, from the factory, typed as the User it is."""
    user = f.UserFactory(**fields)
    assert isinstance(user, User)
    return user


def page(response: TestResponse) -> str:
    """The HTML of a page that rendered: it answered 200 and carries the NHS.UK header."""
    assert response.status_code == 200, f"{response.status_code} for {response.request['PATH_INFO']}"
    html = response.content.decode()
    assert 'class="nhsuk-header' in html, "the page has no NHS.UK header"
    return html


def text(html: str) -> str:
    """A page's words without tags or extra spaces, for checking what a person reads."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def error_summary(html: str) -> str:
    """The words in the page's NHS.UK error summary (it must have one)."""
    match = re.search(r'class="nhsuk-error-summary".*?</ul>', html, re.DOTALL)
    assert match, "the page has no error summary"
    return text(match.group(0))


def totp_code(secret: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows for this secret now (RFC 6238, written out here so the
    test checks allauth against the standard rather than against itself)."""
    key = base64.b32decode(secret.replace(" ", "").upper())
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
