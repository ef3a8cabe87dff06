"""The header every page shares: drawn once per person and section, with a sign-out form that works every time."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_out_form(html: str) -> tuple[str, str]:
    pattern = r'<form class="nhsuk-header__account-form" method="post" action="([^"]+)">(.*?)</form>'
    form = re.search(pattern, html, re.S)
    assert form is not None
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2))
    assert token is not None
    return form.group(1), token.group(1)


def test_each_person_sees_their_own_name_and_a_sign_out_form_that_works() -> None:
    first = UserFactory.create(full_name="Ada Okafor")
    second = UserFactory.create(full_name="Ben Ruiz")
    for person, other in ((first, second), (second, first)):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        for _ in range(2):  # the second page reuses the header drawn for the first
            html = client.get("/accounts/profile/").content.decode()
            assert person.full_name in html and other.full_name not in html
        action, token = sign_out_form(html)
        assert "<!-- sign out -->" not in html

        response = client.post(action, {"csrfmiddlewaretoken": token})

        assert response.status_code == 302
        assert client.get("/accounts/profile/").status_code == 302  # signed out: sent to sign in


def test_the_section_a_person_is_in_is_marked_in_the_navigation() -> None:
    client = Client()
    client.force_login(UserFactory.create())
    profile = client.get("/accounts/profile/").content.decode()
    networks = client.get("/networks/").content.decode()
    current = r'href="([^"]+)" aria-current="page"'
    assert re.findall(current, profile) == ["/accounts/profile/"]
    assert re.findall(current, networks) == ["/networks/"]
