"""The preferences page: every kind of mail the apps register, each with its choices; service messages listed as
always sent."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from markupsafe import escape

from wayfinder.comms import kinds, registry, services
from wayfinder.comms.models import MailPreference

pytestmark = pytest.mark.django_db


def test_the_page_lists_every_kind_of_mail_and_service_messages_as_always_sent(
    client: Client, world: SimpleNamespace
) -> None:
    client.force_login(world.member)
    page = client.get("/accounts/mail/").content.decode()
    for kind in registry.mail_kinds():
        assert str(escape(kind.label)) in page
        if kind.is_service:
            assert f'name="{kind.key}"' not in page
        else:
            assert f'name="{kind.key}"' in page
    assert "Emails we always send" in page
    assert 'value="daily"' in page  # notifications can be gathered into one mail a day


def test_a_person_saves_their_choices(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.member)
    choices = {kind.key: kind.default.value for kind in registry.mail_kinds() if not kind.is_service}
    choices[kinds.DIGEST] = "off"
    choices["plans.action-reminder"] = "daily"
    response = client.post("/accounts/mail/", choices, follow=True)
    assert b"Your email choices are saved" in response.content
    saved = dict(MailPreference.objects.filter(user=world.member).values_list("kind", "frequency"))
    assert saved[kinds.DIGEST] == "off" and saved["plans.action-reminder"] == "daily"
    page = client.get("/accounts/mail/").content.decode()
    assert 'value="off" checked' in page


def test_a_choice_a_kind_does_not_offer_is_refused_with_a_clear_message(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.member)
    choices = {kind.key: kind.default.value for kind in registry.mail_kinds() if not kind.is_service}
    choices[kinds.DIGEST] = "daily"  # a monthly digest has no daily summary
    response = client.post("/accounts/mail/", choices)
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not MailPreference.objects.exists()


def test_a_service_message_cannot_be_turned_off(world: SimpleNamespace) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="always sends"):
        services.preference_set(user=world.member, kind="networks.invitation", frequency="off")


def test_signing_in_is_needed(client: Client) -> None:
    assert client.get("/accounts/mail/").status_code == 302


def test_the_page_costs_the_same_few_queries_whatever_a_person_chose(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    client.force_login(world.member)
    client.get("/accounts/mail/")
    with django_assert_max_num_queries(8):
        client.get("/accounts/mail/")
    for kind in registry.mail_kinds():
        if not kind.is_service:
            MailPreference.objects.create(user=world.member, kind=kind.key, frequency="off")
    with django_assert_max_num_queries(8):
        client.get("/accounts/mail/")
