"""Pages drawn once and kept in the shared cache (home, a network's page, a round's results, a person's reach)
follow every change made through the services, at once."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.factories import build_version
from tests.signing_in import sign_in
from wayfinder.accounts import services as accounts
from wayfinder.assessments import services as assessments
from wayfinder.assessments.models import Perspective
from wayfinder.frameworks.models import Dimension
from wayfinder.networks import services as networks
from wayfinder.networks.models import Appointment, AppointmentRole, NetworkRole, Privacy

pytestmark = pytest.mark.django_db


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return str(response.content.decode())


def test_a_home_page_is_drawn_once_and_again_when_the_person_joins_or_leaves(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    extra = f.NetworkFactory.create(name="Canalside Network", privacy=Privacy.OPEN, system=world.system_a)
    sign_in(client, world.member)
    assert "Canalside Network" not in page(client, "/")
    with django_assert_max_num_queries(2):  # the session and the person: the page itself comes from the cache
        page(client, "/")
    networks.network_join(user=world.member, network=extra)
    assert "Canalside Network" in page(client, "/")
    networks.network_leave(user=world.member, network=extra)
    assert "Canalside Network" not in page(client, "/")


def test_a_round_closed_early_leaves_its_raters_to_do_lists(client: Client, world: SimpleNamespace) -> None:
    today = timezone.localdate()
    round_ = f.RoundFactory.create(
        network=world.open,
        version=build_version(dimensions=2, levels=3),
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=10),
        title="Caching round",
    )
    assessments.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    sign_in(client, world.member)
    assert "Caching round" in page(client, "/")
    assessments.round_close_early(round_=round_, user=world.lead)
    assert "Caching round" not in page(client, "/")


def test_a_new_rating_shows_on_the_results_at_once(client: Client, world: SimpleNamespace) -> None:
    today = timezone.localdate()
    version = build_version(dimensions=2, levels=3)
    round_ = f.RoundFactory.create(
        network=world.open, version=version, opens_on=today - timedelta(days=2), closes_on=today + timedelta(days=10)
    )
    rater, _ = assessments.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    sign_in(client, world.lead)
    assert "No one has saved a rating yet" in page(client, f"/rounds/{round_.pk}/results/")
    dimension = Dimension.objects.filter(version=version).order_by("position").first()
    level = version.levels.order_by("position").first()
    assert dimension is not None and level is not None
    assessments.rating_save(rater=rater, dimension_id=dimension.pk, level_id=level.pk)
    results = page(client, f"/rounds/{round_.pk}/results/")
    assert "No one has saved a rating yet" not in results
    assert "1 of 1 invited rater" in results


def test_a_members_new_name_shows_on_their_networks_page(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.lead)
    assert "Max Member" in page(client, "/networks/riverside-pcn/")
    accounts.profile_update(
        user=world.member, full_name="Maxine Member", job_title="", organisation="", professional_group=""
    )
    network_page = page(client, "/networks/riverside-pcn/")
    assert "Maxine Member" in network_page
    assert "Max Member<" not in network_page


def test_a_network_renamed_shows_its_new_name_on_its_page_and_its_members_homes(
    client: Client, world: SimpleNamespace
) -> None:
    sign_in(client, world.member)
    page(client, "/")
    page(client, "/networks/riverside-pcn/")
    networks.network_update(network=world.open, name="Riverside and Canal PCN")
    assert "Riverside and Canal PCN" in page(client, "/networks/riverside-pcn/")
    assert "Riverside and Canal PCN" in page(client, "/")


def test_a_revoked_role_takes_effect_on_the_next_request(client: Client) -> None:
    person = f.UserFactory.create()
    f.AppointmentFactory.create(user=person, role=AppointmentRole.SITE_ADMIN)
    sign_in(client, person)
    assert client.get("/networks/import/").status_code == 200
    Appointment.objects.filter(user=person).delete()
    assert client.get("/networks/import/").status_code in (403, 404)


def test_a_person_deactivated_is_signed_out_on_their_next_request(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.member)
    assert client.get("/accounts/profile/").status_code == 200
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_network_page_once_drawn_costs_one_query_for_the_network(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, world.lead)
    page(client, "/networks/qi-circle/")
    # The session, the person and the network the lead may see: their roles, requests to join and the page's
    # drawn parts come from the cache.
    with django_assert_max_num_queries(3):
        page(client, "/networks/qi-circle/")


@pytest.mark.parametrize("person", ["member", "outsider", "system_lead", "regional_lead", "national", "admin"])
def test_a_network_page_once_drawn_costs_one_query_for_the_network_whoever_looks(
    client: Client, world: SimpleNamespace, person: str, django_assert_max_num_queries: Any
) -> None:
    # A regional lead's network is read with its system (whose region says whether they oversee it), in the same query.
    sign_in(client, getattr(world, person))
    page(client, "/networks/qi-circle/")
    with django_assert_max_num_queries(3):
        assert "Contacts for " + world.system_a.name in page(client, "/networks/qi-circle/")


def test_a_round_results_page_once_drawn_costs_one_query_for_the_round(
    client: Client, world: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    today = timezone.localdate()
    round_ = f.RoundFactory.create(
        network=world.open,
        version=build_version(dimensions=2, levels=3),
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=10),
    )
    sign_in(client, world.member)
    page(client, f"/rounds/{round_.pk}/results/")
    # The session, the person and the round with its network: the results and the panels come from the cache.
    with django_assert_max_num_queries(3):
        page(client, f"/rounds/{round_.pk}/results/")


def test_a_request_to_join_shows_at_once_to_the_one_who_asked_and_to_the_leads_only(
    client: Client, world: SimpleNamespace
) -> None:
    asker, other = Client(), Client()
    sign_in(asker, world.outsider)
    sign_in(other, f.UserFactory.create())
    sign_in(client, world.lead)
    assert "Ask to join" in page(asker, "/networks/qi-circle/")
    assert "waiting for a decision" not in page(client, "/networks/qi-circle/")
    request = networks.join_request_create(user=world.outsider, network=world.restricted, message="")
    assert "You asked to join on" in page(asker, "/networks/qi-circle/")
    # Drawn for the lead first: the count of requests waiting is the leads' alone, and the date the asker's alone.
    assert "(1 waiting for a decision)" in page(client, "/networks/qi-circle/")
    sign_in(client, world.member)
    member_page = page(client, "/networks/qi-circle/")
    assert "waiting for a decision" not in member_page and "You asked to join" not in member_page
    other_page = page(other, "/networks/qi-circle/")
    assert "You asked to join" not in other_page and "Ask to join" in other_page
    networks.join_request_decide(join_request=request, decided_by=world.lead, approve=True)
    assert "You are a member" in page(asker, "/networks/qi-circle/")
    sign_in(client, world.lead)
    assert "waiting for a decision" not in page(client, "/networks/qi-circle/")


def test_a_role_changed_by_a_lead_takes_effect_on_the_next_request(client: Client, world: SimpleNamespace) -> None:
    sign_in(client, world.member)
    assert "Edit the network's details" not in page(client, "/networks/riverside-pcn/")
    assert client.get("/networks/riverside-pcn/edit/").status_code == 404
    membership = world.open.memberships.get(user=world.member)
    networks.membership_change_role(membership=membership, role=NetworkRole.LEAD, changed_by=world.lead)
    assert "Edit the network's details" in page(client, "/networks/riverside-pcn/")
    assert client.get("/networks/riverside-pcn/edit/").status_code == 200
    networks.membership_remove(membership=membership, removed_by=world.lead)
    assert "You are a" not in page(client, "/networks/riverside-pcn/")
    assert client.get("/networks/riverside-pcn/edit/").status_code == 404
