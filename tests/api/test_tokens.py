"""Personal API tokens: made on the profile pages, shown once, stored only as a hash, refused once revoked,
expired or tampered with."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.support import call, token_for
from tests.signing_in import with_two_factor
from wayfinder.api import auth, services
from wayfinder.api.models import ApiToken

pytestmark = pytest.mark.django_db

TOKENS = "/accounts/profile/tokens/"


def create_on_the_page(client: Client, name: str = "Reporting script", expires: str = "90") -> str:
    response = client.post(f"{TOKENS}new/", {"name": name, "expires": expires})
    assert response.status_code == 200
    return response.content.decode()


# The pages -----------------------------------------------------------------------------------------------


def test_the_profile_page_links_to_the_tokens_page(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)
    assert TOKENS in client.get("/accounts/profile/").content.decode()


def test_the_tokens_pages_need_a_sign_in(client: Client) -> None:
    for url in (TOKENS, f"{TOKENS}new/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_secret_is_shown_once_and_only_its_hash_is_stored(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)

    page = create_on_the_page(client)

    token = ApiToken.objects.get(user=world.member)
    secret = next(word for word in page.replace('"', " ").split() if word.startswith(services.SECRET_START))
    assert "Copy your token now" in page and "only time we will show it" in page
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[: services.PREFIX_LENGTH]
    stored = [str(value) for value in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert not any(secret in value for value in stored)
    assert token.expires_at is not None and token.expires_at - timezone.now() > timedelta(days=89)
    # Afterwards the list shows the prefix only.
    listing = client.get(TOKENS).content.decode()
    assert token.prefix in listing and secret not in listing and "Reporting script" in listing


def test_the_page_with_the_secret_is_never_cached(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)
    response = client.post(f"{TOKENS}new/", {"name": "Script", "expires": "never"})
    assert response["Cache-Control"] == "no-store"
    assert ApiToken.objects.get(user=world.member).expires_at is None


def test_a_token_needs_a_name(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)
    page = create_on_the_page(client, name="   ")
    assert "There is a problem" in page and "Enter a name for the token" in page
    assert not ApiToken.objects.exists()


def test_a_token_works_with_the_api_as_its_owner(world: SimpleNamespace, client: Client) -> None:
    secret = token_for(world.member)
    response = call(client, "get", "/frameworks", secret)
    assert response.status_code == 200


def test_revoking_asks_first_and_then_the_token_gets_401(world: SimpleNamespace, client: Client) -> None:
    secret = token_for(world.member)
    token = ApiToken.objects.get(user=world.member)
    client.force_login(world.member)

    confirm = client.get(f"{TOKENS}{token.pk}/revoke/")
    assert confirm.status_code == 200 and "Are you sure" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None

    response = client.post(f"{TOKENS}{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None

    refused = call(Client(), "get", "/frameworks", secret)
    assert refused.status_code == 401
    assert refused.json() == {"detail": auth.REVOKED}


def test_someone_elses_token_cannot_be_revoked(world: SimpleNamespace, client: Client) -> None:
    token_for(world.lead)
    token = ApiToken.objects.get(user=world.lead)
    client.force_login(world.member)
    assert client.post(f"{TOKENS}{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_gets_401(world: SimpleNamespace, client: Client) -> None:
    secret = token_for(world.member, expires_in_days=30)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = call(client, "get", "/frameworks", secret)

    assert response.status_code == 401
    assert response.json() == {"detail": auth.EXPIRED}


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Token {secret}",
        "Basic {secret}",
        "Bearer {secret}x",
        "Bearer {tampered}",
        "Bearer {without_start}",
        "Bearer wf_" + "a" * 500,
    ],
)
def test_a_missing_or_tampered_token_gets_401(world: SimpleNamespace, client: Client, header: str | None) -> None:
    secret = token_for(world.member)
    tampered = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    headers = {}
    if header is not None:
        headers["Authorization"] = header.format(
            secret=secret, tampered=tampered, without_start=secret.removeprefix(services.SECRET_START)
        )

    response = client.get("/api/v1/frameworks", headers=headers)

    assert response.status_code == 401
    assert response.json() == {"detail": auth.INVALID}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_deactivated_persons_token_gets_401(world: SimpleNamespace, client: Client) -> None:
    secret = token_for(world.member)
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    assert call(client, "get", "/frameworks", secret).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(world: SimpleNamespace, client: Client) -> None:
    secret = token_for(world.member)

    def updates() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert call(client, "get", "/frameworks", secret).status_code == 200
        return sum(1 for q in queries.captured_queries if q["sql"].startswith("UPDATE"))

    assert updates() == 1
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    assert updates() == 0
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    assert updates() == 1


# Two-factor authentication ---------------------------------------------------------------------------------


def test_roles_needing_two_factor_must_turn_it_on_before_creating_a_token(
    world: SimpleNamespace, client: Client
) -> None:
    client.force_login(world.national)

    page = client.get(f"{TOKENS}new/").content.decode()
    assert "Turn on two-factor authentication" in page and "Create token" not in page
    client.post(f"{TOKENS}new/", {"name": "Script", "expires": "90"})
    assert not ApiToken.objects.exists()

    with_two_factor(world.national)
    assert "wf_" in create_on_the_page(client)
    assert ApiToken.objects.filter(user=world.national).count() == 1


def test_the_service_refuses_a_token_without_two_factor(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError, match="two-factor"):
        services.api_token_create(user=world.admin, name="Script", expires_in_days=30)


def test_a_token_stops_working_when_its_owner_needs_two_factor_and_has_none(
    world: SimpleNamespace, client: Client
) -> None:
    secret = token_for(world.national)
    Authenticator.objects.filter(user=world.national).delete()

    response = call(client, "get", "/frameworks", secret)

    assert response.status_code == 401
    assert response.json() == {"detail": auth.TWO_FACTOR}


def test_there_is_a_limit_on_active_tokens(world: SimpleNamespace) -> None:
    for n in range(services.MAX_ACTIVE_TOKENS):
        token_for(world.member, name=f"Script {n}")
    with pytest.raises(ValidationError, match="Revoke one"):
        token_for(world.member)
    services.api_token_revoke(token=ApiToken.objects.filter(user=world.member)[0])
    token_for(world.member)
