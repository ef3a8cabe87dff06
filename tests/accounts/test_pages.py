"""Every account page is an NHS.UK page that keeps to the content security policy, in our own words."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from tests import factories as f
from tests.accounts.support import OUR_ACCOUNT_FORMS, OUR_MFA_FORMS, new_person, page, text, totp_code
from tests.signing_in import sign_in_with_password

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

SIGNED_OUT_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/done/",
    "/accounts/password/reset/key/1-not-a-key/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/",
    "/accounts/inactive/",
]
SIGNED_IN_PAGES = [
    "/accounts/profile/",
    "/accounts/profile/edit/",
    "/accounts/two-factor-required/",
    "/accounts/logout/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
]
# Pages for someone with two-factor turned on, who has just confirmed it is them.
TWO_FACTOR_PAGES = [
    "/accounts/2fa/",
    "/accounts/2fa/reauthenticate/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
]


class InlineCode(HTMLParser):
    """Finds what the content security policy would block: inline scripts without a nonce, inline styles."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and not attributes.get("nonce"):
            self.blocked.append("<script> without a nonce")
        if tag == "style":
            self.blocked.append("<style>")
        if "style" in attributes:
            self.blocked.append(f"style attribute on <{tag}>")


def check(response: Any) -> str:
    """The page rendered with the NHS.UK header, and the policy would block nothing on it."""
    html = page(response)
    parser = InlineCode()
    parser.feed(html)
    assert parser.blocked == [], response.request["PATH_INFO"]
    return html


@pytest.mark.parametrize("path", SIGNED_OUT_PAGES)
def test_signed_out_pages_render(client: Client, path: str) -> None:
    check(client.get(path))


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_render(client: Client, world: SimpleNamespace, path: str) -> None:
    sign_in_with_password(client, world.member.email)
    client.post("/accounts/reauthenticate/", {"password": f.PASSWORD})

    check(client.get(path))


@pytest.mark.parametrize("path", TWO_FACTOR_PAGES)
def test_two_factor_pages_render(client: Client, world: SimpleNamespace, path: str) -> None:
    TOTP.activate(world.member, SECRET)
    RecoveryCodes.activate(world.member)
    sign_in_with_password(client, world.member.email)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    client.post("/accounts/reauthenticate/", {"password": f.PASSWORD})

    check(client.get(path))


def test_the_authenticator_page_shows_a_qr_code_and_the_key_as_text(client: Client, world: SimpleNamespace) -> None:
    sign_in_with_password(client, world.member.email)
    client.post("/accounts/reauthenticate/", {"password": f.PASSWORD})

    html = check(client.get("/accounts/2fa/totp/activate/"))

    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"]+"', html)
    key = re.search(r'<code id="totp-secret">([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)</code>', html)
    assert key, "the key is shown as text, in groups of 4 letters and numbers"
    assert client.session["mfa.totp.secret"] == key.group(1).replace(" ", "")


def test_the_recovery_codes_page_lists_the_codes(client: Client, world: SimpleNamespace) -> None:
    TOTP.activate(world.member, SECRET)
    codes = RecoveryCodes.activate(world.member).get_unused_codes()
    sign_in_with_password(client, world.member.email)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    client.post("/accounts/reauthenticate/", {"password": f.PASSWORD})

    html = check(client.get("/accounts/2fa/recovery-codes/"))

    for code in codes:
        assert f"<li><code>{code}</code></li>" in html
    assert Authenticator.objects.filter(user=world.member).count() == 2


def test_with_our_forms_labels_and_errors_are_in_sentence_case(client: Client, settings: Any) -> None:
    settings.ACCOUNT_FORMS = OUR_ACCOUNT_FORMS
    settings.MFA_FORMS = OUR_MFA_FORMS

    login = text(check(client.get("/accounts/login/")))
    signup = text(check(client.get("/accounts/signup/")))
    empty = text(check(client.post("/accounts/signup/", {"email": "", "password1": "", "password2": ""})))
    bad_email = text(check(client.post("/accounts/login/", {"login": "not-an-address", "password": "x"})))

    assert "Email address" in login
    assert "Keep me signed in on this device" in login
    assert "Remember Me" not in login
    assert "Create a password" in signup
    assert "Enter the password again" in signup
    assert "Password (again)" not in signup
    assert "Enter your email address" in empty
    assert "This field is required" not in empty
    assert "Enter an email address in the correct format, like name@example.com" in bad_email


def test_with_our_forms_every_account_flow_still_works(client: Client, settings: Any) -> None:
    settings.ACCOUNT_FORMS = OUR_ACCOUNT_FORMS
    settings.MFA_FORMS = OUR_MFA_FORMS
    person = new_person(email="person@example.org")

    assert sign_in_with_password(client, "person@example.org").status_code == 302
    assert client.post("/accounts/reauthenticate/", {"password": f.PASSWORD}).status_code == 302
    check(client.get("/accounts/2fa/totp/activate/"))
    secret = client.session["mfa.totp.secret"]
    assert client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)}).status_code == 302
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    changed = client.post(
        "/accounts/password/change/",
        {"oldpassword": f.PASSWORD, "password1": "another-long-password-9", "password2": "another-long-password-9"},
    )
    assert changed.status_code == 302


def test_recovery_codes_can_be_downloaded(client: Client, world: SimpleNamespace) -> None:
    TOTP.activate(world.member, SECRET)
    codes = RecoveryCodes.activate(world.member).get_unused_codes()
    sign_in_with_password(client, world.member.email)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    client.post("/accounts/reauthenticate/", {"password": f.PASSWORD})

    response = client.get("/accounts/2fa/recovery-codes/download/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert all(code in response.content.decode() for code in codes)
