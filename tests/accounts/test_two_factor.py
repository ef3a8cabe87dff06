"""Two-factor authentication: required for national-team and site-admin roles, set up with an authenticator app."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from tests import factories as f
from tests.accounts.support import error_summary, new_person, page, text, totp_code
from tests.signing_in import sign_in_with_password
from wayfinder.networks.models import AppointmentRole

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def our_mfa_adapter(settings: Any) -> None:
    """allauth uses our MFA adapter (our wording, and the rule that some roles must keep two-factor)."""
    settings.MFA_ADAPTER = "wayfinder.accounts.adapter.MFAAdapter"


def confirm_password(client: Client, path: str) -> None:
    """allauth asks for the password again before any change to two-factor settings; give it."""
    asked = client.get(path)
    assert asked["Location"] == f"/accounts/reauthenticate/?next={quote(path, safe='')}"
    assert client.post(asked["Location"], {"password": f.PASSWORD})["Location"] == path


def secret_on(html: str) -> str:
    """The setup key the activation page shows as text, as a person would type it into their app."""
    match = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html)
    assert match, "the page does not show the setup key"
    return match.group(1).replace(" ", "")


@pytest.mark.parametrize(
    ("person", "redirected"),
    [
        ("national", True),
        ("admin", True),
        ("member", False),
        ("lead", False),
        ("system_lead", False),
        ("regional_lead", False),
    ],
)
def test_only_national_team_and_site_admins_are_sent_to_turn_on_two_factor(
    client: Client, world: SimpleNamespace, person: str, redirected: bool
) -> None:
    client.force_login(getattr(world, person))

    response = client.get("/")

    if redirected:
        assert response.status_code == 302
        assert response["Location"] == "/accounts/two-factor-required/"
    else:
        page(response)


def test_a_site_admin_appointment_needs_two_factor_too(client: Client) -> None:
    person = new_person()
    f.AppointmentFactory(user=person, role=AppointmentRole.SITE_ADMIN)
    client.force_login(person)

    assert client.get("/networks/")["Location"] == "/accounts/two-factor-required/"


def test_account_pages_stay_open_while_two_factor_is_required(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.national)

    required = text(page(client.get("/accounts/two-factor-required/")))
    assert "Turn on two-factor authentication" in required
    assert "national team and site administrators" in required
    for path in ["/accounts/profile/", "/accounts/2fa/", "/accounts/email/"]:
        page(client.get(path))
    assert 'href="/accounts/2fa/totp/activate/"' in page(client.get("/accounts/two-factor-required/"))
    assert client.get("/healthz").status_code == 200


def test_turning_on_two_factor_with_a_code_from_the_app_lifts_the_redirect(
    client: Client, world: SimpleNamespace
) -> None:
    signed_in = sign_in_with_password(client, world.national.email)
    assert client.get(signed_in["Location"])["Location"] == "/accounts/two-factor-required/"
    confirm_password(client, "/accounts/2fa/totp/activate/")

    activate = page(client.get("/accounts/2fa/totp/activate/"))
    assert 'src="data:image/svg+xml;base64,' in activate
    assert 'alt="QR code that adds Wayfinder to your authenticator app"' in activate
    secret = secret_on(activate)
    assert f"otpauth://totp/national%40example.org?secret={secret}&amp;issuer=Wayfinder" in activate

    turned_on = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert turned_on.status_code == 302
    assert turned_on["Location"] == "/accounts/2fa/recovery-codes/"
    codes = page(client.get(turned_on["Location"]))
    assert "Your recovery codes" in codes
    assert len(re.findall(r"<li><code>\w+</code></li>", codes)) == 10
    assert Authenticator.objects.filter(user=world.national, type=Authenticator.Type.TOTP).exists()
    page(client.get("/"))
    assert "Two-factor authentication On" in text(page(client.get("/accounts/profile/")))


@pytest.mark.usefixtures("our_mfa_adapter")
def test_a_wrong_code_shows_the_error_summary_and_turns_nothing_on(client: Client, world: SimpleNamespace) -> None:
    sign_in_with_password(client, world.national.email)
    confirm_password(client, "/accounts/2fa/totp/activate/")
    secret = secret_on(page(client.get("/accounts/2fa/totp/activate/")))
    wrong = "000000" if totp_code(secret) != "000000" else "111111"

    html = page(client.post("/accounts/2fa/totp/activate/", {"code": wrong}))

    assert "The code is not right" in error_summary(html)
    assert 'href="#id_code"' in html
    # The same key is shown again, so the app the person already set up still matches.
    assert secret_on(html) == secret
    assert not Authenticator.objects.filter(user=world.national).exists()
    assert client.get("/")["Location"] == "/accounts/two-factor-required/"


def test_setting_up_two_factor_asks_for_the_password_again(client: Client, world: SimpleNamespace) -> None:
    # allauth asks again before any change to how someone signs in, even just after they signed in.
    sign_in_with_password(client, world.national.email)

    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked["Location"].startswith("/accounts/reauthenticate/")
    assert "Confirm it is you" in page(client.get(asked["Location"]))
    wrong = page(client.post(asked["Location"], {"password": "not-it"}))
    assert 'href="#id_password"' in wrong
    confirmed = client.post(asked["Location"], {"password": f.PASSWORD})

    assert confirmed["Location"] == "/accounts/2fa/totp/activate/"
    page(client.get(confirmed["Location"]))


@pytest.mark.usefixtures("our_mfa_adapter")
def test_signing_in_with_two_factor_asks_for_a_code_from_the_app(client: Client) -> None:
    person = new_person(email="careful@example.org")
    TOTP.activate(person, SECRET)

    asked = sign_in_with_password(client, person.email)

    assert asked["Location"] == "/accounts/2fa/authenticate/"
    code_page = text(page(client.get(asked["Location"])))
    assert "Enter the code from your authenticator app" in code_page
    assert "If you cannot use your phone Enter one of your recovery codes" in code_page
    assert not client.get("/").wsgi_request.user.is_authenticated
    wrong = page(client.post("/accounts/2fa/authenticate/", {"code": "12345"}))
    assert "The code is not right" in error_summary(wrong)
    done = client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})

    assert done.status_code == 302
    assert client.get("/").wsgi_request.user == person


def test_a_member_can_turn_two_factor_off(client: Client, world: SimpleNamespace) -> None:
    TOTP.activate(world.member, SECRET)
    client.force_login(world.member)
    # Turning it off is a change to security settings: allauth asks for the password, or a code, first.
    asked = client.get("/accounts/2fa/totp/deactivate/")
    password_page = page(client.get(asked["Location"]))
    code_address = "/accounts/2fa/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Fdeactivate%2F"
    assert f'href="{code_address}"' in password_page
    assert "Confirm it is you" in page(client.get(code_address))
    assert client.post(code_address, {"code": totp_code(SECRET)})["Location"] == "/accounts/2fa/totp/deactivate/"

    assert "Turn off two-factor authentication" in page(client.get("/accounts/2fa/totp/deactivate/"))
    turned_off = client.post("/accounts/2fa/totp/deactivate/")

    assert turned_off["Location"] == "/accounts/2fa/"
    assert "Two-factor authentication is now off" in text(page(client.get("/accounts/2fa/")))
    assert not Authenticator.objects.filter(user=world.member).exists()


@pytest.mark.usefixtures("our_mfa_adapter")
def test_roles_that_need_two_factor_cannot_turn_it_off(client: Client, world: SimpleNamespace) -> None:
    TOTP.activate(world.national, SECRET)
    sign_in_with_password(client, world.national.email)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    confirm_password(client, "/accounts/2fa/totp/deactivate/")

    html = page(client.get("/accounts/2fa/totp/deactivate/"))
    assert "Your role needs two-factor authentication, so you cannot turn it off" in error_summary(html)
    client.post("/accounts/2fa/totp/deactivate/")

    assert Authenticator.objects.filter(user=world.national, type=Authenticator.Type.TOTP).exists()


def test_the_two_factor_page_shows_what_is_on(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.member)
    off = text(page(client.get("/accounts/2fa/")))
    assert "Authenticator app Off" in off
    assert "Recovery codes" not in off

    TOTP.activate(world.member, SECRET)
    sign_in_with_password(client, world.member.email)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert "Authenticator app On" in text(page(client.get("/accounts/2fa/")))
