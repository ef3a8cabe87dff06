"""A person's own profile: what it shows, changing the details, and what it costs in queries."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.accounts.support import error_summary, new_person, page, text
from wayfinder.accounts.models import ProfessionalGroup
from wayfinder.networks.models import NetworkRole

pytestmark = pytest.mark.django_db


def test_the_profile_shows_details_sign_in_settings_and_networks(client: Client, world: SimpleNamespace) -> None:
    world.lead.job_title = "Clinical director"
    world.lead.professional_group = ProfessionalGroup.GP
    world.lead.save(update_fields=["job_title", "professional_group"])
    client.force_login(world.lead)

    html = page(client.get("/accounts/profile/"))
    words = text(html)

    assert "Full name Lena Lead" in words
    assert "Job title Clinical director" in words
    assert "Organisation Not given" in words
    assert "Professional group GP" in words
    assert "Email address lead@example.org" in words
    assert "Two-factor authentication Off" in words
    assert 'href="/accounts/profile/edit/"' in html
    assert 'href="/accounts/2fa/"' in html
    for network in (world.open, world.restricted, world.private, world.confidential):
        assert f'href="{network.get_absolute_url()}"' in html
    assert f"{world.restricted.name} Network lead" in words
    assert "Your wider roles" not in words


def test_the_profile_lists_roles_above_network_level(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.system_lead)

    words = text(page(client.get("/accounts/profile/")))

    assert "Your wider roles" in words
    assert "System lead Riverside ICS" in words
    assert "You are not a member of any networks yet" in words


def test_the_national_team_is_told_on_the_profile_to_turn_on_two_factor(client: Client, world: SimpleNamespace) -> None:
    client.force_login(world.national)

    words = text(page(client.get("/accounts/profile/")))

    assert "National team England" in words
    assert "Your role needs two-factor authentication" in words


def test_the_profile_needs_you_to_sign_in(client: Client) -> None:
    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/profile/")


def test_changing_your_details_saves_them(client: Client) -> None:
    person = new_person(full_name="Old Name")
    client.force_login(person)
    assert "Change your details" in page(client.get("/accounts/profile/edit/"))

    response = client.post(
        "/accounts/profile/edit/",
        {
            "full_name": "  Nadia Nurse ",
            "job_title": "Practice nurse",
            "organisation": "Riverside Surgery",
            "professional_group": ProfessionalGroup.NURSE,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    profile = text(page(client.get("/accounts/profile/")))
    assert "Your profile has been updated" in profile
    assert "Full name Nadia Nurse" in profile
    person.refresh_from_db()
    assert (person.full_name, person.job_title, person.organisation, person.professional_group) == (
        "Nadia Nurse",
        "Practice nurse",
        "Riverside Surgery",
        "nurse",
    )


def test_an_empty_name_shows_the_error_summary_and_saves_nothing(client: Client) -> None:
    person = new_person(full_name="Kept Name")
    client.force_login(person)

    html = page(client.post("/accounts/profile/edit/", {"full_name": "   ", "job_title": "Changed"}))

    assert "Enter your full name" in error_summary(html)
    assert 'href="#id_full_name"' in html
    assert "<title>Error: Change your details" in html
    person.refresh_from_db()
    assert (person.full_name, person.job_title) == ("Kept Name", "")


def test_the_profile_costs_the_same_queries_however_many_networks(client: Client) -> None:
    person = new_person()
    f.AppointmentFactory(user=person, system=f.SystemFactory())
    f.MembershipFactory(user=person)
    client.force_login(person)
    page(client.get("/accounts/profile/"))  # what is kept in the shared cache about the person is read once

    with CaptureQueriesContext(connection) as one_network:
        page(client.get("/accounts/profile/"))
    for _ in range(5):
        f.MembershipFactory(user=person, role=NetworkRole.STEERING)
    page(client.get("/accounts/profile/"))  # the new memberships renewed what is kept: read once again
    with CaptureQueriesContext(connection) as six_networks:
        page(client.get("/accounts/profile/"))

    assert len(six_networks) == len(one_network)
