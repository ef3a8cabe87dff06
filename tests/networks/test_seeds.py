"""The demo and scale seed commands: who can sign in, running twice, proportions and determinism."""

from __future__ import annotations

import hashlib
import re
from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client

from wayfinder.accounts.models import User
from wayfinder.core import permissions
from wayfinder.networks.demo import content
from wayfinder.networks.demo.scale import SCALE_DOMAIN, SLUG_PREFIX, plan_scale
from wayfinder.networks.management.commands.seed_demo import invitation_token_hash
from wayfinder.networks.models import (
    Appointment,
    AppointmentRole,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Network,
    NetworkRole,
    Organisation,
    Place,
    Privacy,
    Region,
    Stage,
    System,
    SystemContact,
)

pytestmark = pytest.mark.django_db

TINY = "0.01"


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def seed_scale(*args: str) -> str:
    out = StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    models: list[Any] = [
        User, EmailAddress, Region, System, Place, Network, Organisation, Membership, JoinRequest, Invitation,
        Appointment, Site, SystemContact,
    ]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def scale_digest() -> str:
    """A fingerprint of every generated name and relation, independent of database ids."""
    rows: list[Any] = [
        *Region.objects.order_by("code").values_list("code", "name"),
        *System.objects.order_by("code").values_list("code", "name", "region__code"),
        *Place.objects.order_by("code").values_list("code", "name", "system__code"),
        *Network.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .values_list(
            "slug",
            "name",
            "code",
            "privacy",
            "stage",
            "network_type",
            "population",
            "description",
            "system__code",
            "place__code",
            "created_by__email",
        ),
        *Organisation.objects.order_by("code").values_list("code", "name", "kind", "network__slug"),
        *User.objects.filter(email__endswith=SCALE_DOMAIN)
        .order_by("email")
        .values_list("email", "full_name", "job_title", "organisation", "professional_group", "date_joined"),
        *Membership.objects.order_by("user__email", "network__slug").values_list(
            "user__email", "network__slug", "role"
        ),
        *Appointment.objects.order_by("user__email", "role").values_list(
            "user__email", "role", "system__code", "region__code"
        ),
        *JoinRequest.objects.order_by("user__email", "network__slug").values_list(
            "user__email", "network__slug", "message"
        ),
    ]
    return hashlib.sha256("\n".join(map(repr, rows)).encode()).hexdigest()


def digest_of_a_fresh_run(*args: str) -> str:
    """Seed into an empty database, fingerprint it, then roll back so the next run starts empty too."""
    with transaction.atomic():
        seed_scale(*args)
        digest = scale_digest()
        transaction.set_rollback(True)
    assert not Network.objects.exists()
    return digest


# seed_demo -----------------------------------------------------------------------------------------------


def test_seed_demo_gives_one_sign_in_for_each_role() -> None:
    seed_demo()
    by_label = {person.role_label: User.objects.get(email=person.email) for person in content.ROLE_PEOPLE}

    for label, role in [
        ("Network lead", NetworkRole.LEAD),
        ("Facilitator", NetworkRole.FACILITATOR),
        ("Steering group member", NetworkRole.STEERING),
        ("Member", NetworkRole.MEMBER),
        ("External", NetworkRole.EXTERNAL),
    ]:
        assert Membership.objects.filter(user=by_label[label], role=role).exists(), label
    for label, appointment in [
        ("System lead", AppointmentRole.SYSTEM_LEAD),
        ("Regional lead", AppointmentRole.REGIONAL_LEAD),
        ("National team", AppointmentRole.NATIONAL_TEAM),
        ("Editor", AppointmentRole.EDITOR),
        ("Site admin", AppointmentRole.SITE_ADMIN),
    ]:
        assert Appointment.objects.filter(user=by_label[label], role=appointment).exists(), label

    admin = by_label["Site admin"]
    assert admin.is_superuser and admin.is_staff
    assert not any(user.is_superuser for label, user in by_label.items() if label != "Site admin")
    for user in by_label.values():
        assert user.full_name and user.job_title and user.organisation and user.professional_group
    assert {label for label, user in by_label.items() if permissions.needs_two_factor(user)} == {
        "National team",
        "Site admin",
    }


def test_every_demo_person_has_a_verified_primary_email() -> None:
    seed_demo()
    people = User.objects.filter(email__endswith="@" + content.DEMO_DOMAIN)
    assert people.count() == len(content.PEOPLE) >= 40
    verified = EmailAddress.objects.filter(user__in=people, verified=True, primary=True)
    assert sorted(verified.values_list("email", flat=True)) == sorted(people.values_list("email", flat=True))


def test_running_seed_demo_twice_leaves_the_same_data() -> None:
    seed_demo()
    counts = table_counts()
    memberships = set(Membership.objects.values_list("user__email", "network__slug", "role"))
    networks = set(Network.objects.values_list("slug", "name", "privacy", "stage", "description"))

    seed_demo()

    assert table_counts() == counts
    assert set(Membership.objects.values_list("user__email", "network__slug", "role")) == memberships
    assert set(Network.objects.values_list("slug", "name", "privacy", "stage", "description")) == networks


def test_demo_networks_cover_every_privacy_level_and_stage() -> None:
    seed_demo()
    assert set(Network.objects.values_list("privacy", flat=True)) == set(Privacy.values)
    assert set(Network.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert Network.objects.filter(is_pcn=False).count() >= 4
    assert not Network.objects.annotate(leads=Count("memberships", filter=Q(memberships__role="lead"))).exclude(leads=1)


def test_demo_pcns_have_codes_populations_and_three_to_six_organisations() -> None:
    seed_demo()
    pcns = Network.objects.filter(is_pcn=True).annotate(organisation_count=Count("organisations"))
    assert pcns.count() == 6
    for pcn in pcns:
        assert re.fullmatch(r"U\d{5}", pcn.code or ""), pcn.code
        assert pcn.system_id and pcn.population
        assert 3 <= pcn.organisation_count <= 6, pcn.name
    practices = Organisation.objects.filter(kind="gp_practice").values_list("code", flat=True)
    assert all(re.fullmatch(r"[A-Z]\d{5}", code) for code in practices)
    assert set(Organisation.objects.values_list("kind", flat=True)) >= {
        "gp_practice",
        "community",
        "voluntary",
        "local_authority",
    }


def test_seed_demo_leaves_a_pending_join_request_and_a_pending_invitation() -> None:
    seed_demo()
    request = JoinRequest.objects.get()
    assert request.status == JoinRequestStatus.PENDING
    assert request.network.privacy == Privacy.RESTRICTED
    assert request.user.email == content.JOIN_REQUEST["email"]
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None and invitation.revoked_at is None
    assert invitation.token_hash == invitation_token_hash(content.INVITATION.token)
    assert not User.objects.filter(email=invitation.email).exists()


def test_seed_demo_names_the_site_and_prints_the_password_and_the_table() -> None:
    output = seed_demo()
    site = Site.objects.get(pk=1)
    assert (site.domain, site.name) == ("127.0.0.1:8000", "Wayfinder")
    assert content.DEMO_PASSWORD in output
    for person in content.ROLE_PEOPLE:
        assert person.email in output and person.role_label in output
    assert "two-factor" in output


def test_the_demo_password_passes_the_password_rules_for_everyone() -> None:
    seed_demo()
    assert len(content.DEMO_PASSWORD) >= 12
    for user in User.objects.all():
        validate_password(content.DEMO_PASSWORD, user)


def test_every_role_account_signs_in_through_the_login_page() -> None:
    seed_demo()
    for person in content.ROLE_PEOPLE:
        client = Client()
        response = client.post("/accounts/login/", {"login": person.email, "password": content.DEMO_PASSWORD})
        assert response.status_code == 302, person.email
        assert client.session["_auth_user_id"] == str(User.objects.get(email=person.email).pk), person.email


def test_every_demo_person_can_sign_in() -> None:
    seed_demo()
    client = Client()
    for person in content.PEOPLE:
        assert client.login(email=person.email, password=content.DEMO_PASSWORD), person.email
        client.logout()


# seed_scale ----------------------------------------------------------------------------------------------


def test_tiny_scale_keeps_englands_proportions() -> None:
    output = seed_scale("--scale", TINY, "--seed", "7")

    people = User.objects.filter(email__endswith="@" + SCALE_DOMAIN)
    assert people.count() == 2000
    assert EmailAddress.objects.filter(user__in=people, verified=True, primary=True).count() == 2000
    assert Network.objects.filter(is_pcn=True).count() == 12
    assert Network.objects.filter(is_pcn=False).count() == 12
    memberships = Membership.objects.count()
    assert 1.1 <= memberships / 2000 <= 1.6
    assert 12 * 3 <= Organisation.objects.count() <= 12 * 10
    assert not people.annotate(n=Count("memberships")).filter(n=0).exists()
    assert people.annotate(n=Count("memberships")).filter(n__gt=1).count() > 100
    assert set(Appointment.objects.values_list("role", flat=True)) >= {"system_lead", "regional_lead", "national_team"}
    assert "2,000" in output


def test_every_scale_pcn_has_a_system_a_lead_and_three_to_ten_organisations() -> None:
    seed_scale("--scale", "0.02")
    pcns = Network.objects.filter(is_pcn=True).annotate(
        organisation_count=Count("organisations", distinct=True),
        leads=Count("memberships", filter=Q(memberships__role="lead"), distinct=True),
    )
    assert pcns.count() == 25
    for pcn in pcns:
        assert pcn.system_id is not None, pcn.name
        assert 3 <= pcn.organisation_count <= 10, pcn.name
        assert pcn.leads == 1, pcn.name
        assert pcn.code and pcn.code.startswith("SC-U")
    others = Network.objects.filter(is_pcn=False).annotate(
        leads=Count("memberships", filter=Q(memberships__role="lead"))
    )
    assert all(network.leads == 1 for network in others)
    assert len(set(others.values_list("privacy", flat=True))) >= 3


def test_the_same_seed_gives_the_same_data() -> None:
    first = digest_of_a_fresh_run("--scale", TINY, "--seed", "11")
    second = digest_of_a_fresh_run("--scale", TINY, "--seed", "11")
    other_seed = digest_of_a_fresh_run("--scale", TINY, "--seed", "12")
    assert first == second
    assert first != other_seed


def test_the_plan_depends_only_on_seed_and_scale() -> None:
    assert plan_scale(seed=5, scale=0.005) == plan_scale(seed=5, scale=0.005)


def test_flush_scale_replaces_scale_data_and_leaves_demo_data_alone() -> None:
    seed_demo()
    demo_counts = table_counts()
    seed_scale("--scale", TINY, "--seed", "3")
    digest = scale_digest()

    with pytest.raises(CommandError, match="--flush-scale"):
        seed_scale("--scale", TINY, "--seed", "3")
    seed_scale("--scale", TINY, "--seed", "3", "--flush-scale")

    assert scale_digest() == digest
    call_command("seed_demo", stdout=StringIO())
    generated = {
        "User": 2000,
        "EmailAddress": 2000,
        "Region": 1,
        "System": 1,
        "Place": 2,
        "Network": 24,
    }
    counts = table_counts()
    for model, extra in generated.items():
        assert counts[model] == demo_counts[model] + extra, model


def test_a_generated_person_can_sign_in() -> None:
    seed_scale("--scale", "0.002")
    lead = Membership.objects.filter(role="lead", network__is_pcn=True).select_related("user").first()
    assert lead is not None
    assert Client().login(email=lead.user.email, password=content.DEMO_PASSWORD)


def test_scale_must_be_positive() -> None:
    with pytest.raises(CommandError, match="more than 0"):
        seed_scale("--scale", "0")


def test_every_demo_system_publishes_a_contact() -> None:
    seed_demo()
    without = System.objects.filter(code__in=[system.code for system in content.SYSTEMS], contacts__isnull=True)
    assert not without.exists()
    assert SystemContact.objects.count() == len(content.CONTACTS)
