"""Delete my account (after pretix's shredder): names, addresses and free text go, ratings stay in their rounds
without a name, so a round's results, a system's dashboard and the national view are the same data before and
after; the only lead of a network hands it over first; site admins can do it for someone."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.dashboards.conftest import committed, default_stand_in, grow
from tests.signing_in import sign_in
from wayfinder.accounts.models import User
from wayfinder.assessments.models import Rater, Rating, Round
from wayfinder.assessments.queries import round_results
from wayfinder.comms import data_rights
from wayfinder.comms.data_rights_models import DataRequest, DataRequestKind
from wayfinder.comms.models import Delivery, DeliveryStatus
from wayfinder.contributions.models import ResourceFeedback
from wayfinder.core import changes
from wayfinder.core.roles import NetworkRole
from wayfinder.dashboards.models import RoundSummary
from wayfinder.networks.models import Membership, SystemContact
from wayfinder.plans.models import PlanEvent

pytestmark = pytest.mark.django_db

EVIDENCE = "Ezra External here: our practice meets every Tuesday"


@pytest.fixture
def rated(world: SimpleNamespace) -> SimpleNamespace:
    """Two networks of system A with closed rounds on the dashboards' framework; the external rater (a member of
    the restricted network only) rated in its round with evidence, beside two others."""
    version = default_stand_in(dimensions=3, levels=5)
    grow(world.open, version)
    with committed():
        round_ = f.build_round(world.restricted, version, opens_on=timezone.localdate() - timedelta(days=40))
        f.add_raters(round_, [[2, 3, 5]], users=[world.external], evidence=EVIDENCE)
        f.add_raters(round_, [[3, 3, 3], [4, 2, 4]], evidence="We agree on most things")
        changes.changed(rounds=[round_.pk])
    world.round = round_
    return world


def results_data(round_id: int) -> dict[str, Any]:
    round_ = Round.objects.select_related("network", "version__framework").get(pk=round_id)
    return dataclasses.asdict(round_results(round_))


def without(value: Any, text: str) -> Any:
    """The same data with the free text `text` emptied wherever it is a value."""
    if isinstance(value, dict):
        return {key: without(item, text) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(without(item, text) for item in value)
    return "" if value == text else value


def test_results_and_dashboards_are_the_same_after_a_rater_deletes_their_account(
    rated: SimpleNamespace, client: Client
) -> None:
    sign_in(client, rated.national)
    before = {
        "results": results_data(rated.round.pk),
        "results.csv": client.get(f"/rounds/{rated.round.pk}/results.csv").content,
        "system": client.get(f"/systems/{rated.system_a.pk}/dashboard/?format=csv").content,
        "national": client.get("/national/dashboard/?format=csv").content,
    }
    assert b"Quality Improvement Circle" in before["system"]

    with committed():
        data_rights.account_erase(user=rated.external, requested_by=rated.external)
    # Drawn again from what is left, not served from a copy made before.
    cache.clear()
    RoundSummary.objects.filter(round=rated.round).delete()
    with committed():
        changes.changed(rounds=[rated.round.pk], networks=[rated.restricted.pk], systems=[rated.system_a.pk])
    assert RoundSummary.objects.filter(round=rated.round).exists()

    after_results = results_data(rated.round.pk)
    # Every number, level, count and comment is the same; only the erased person's own words are gone.
    assert after_results == without(before["results"], EVIDENCE)
    assert EVIDENCE in str(before["results"]) and EVIDENCE not in str(after_results)
    assert client.get(f"/systems/{rated.system_a.pk}/dashboard/?format=csv").content == before["system"]
    assert client.get("/national/dashboard/?format=csv").content == before["national"]
    results_csv = client.get(f"/rounds/{rated.round.pk}/results.csv").content
    assert results_csv == before["results.csv"]
    assert Rating.objects.filter(rater__round=rated.round).count() == 9, "every rating stays"


def test_the_erased_raters_name_and_address_are_gone_from_every_page(rated: SimpleNamespace, client: Client) -> None:
    sign_in(client, rated.lead)
    round_page = f"/rounds/{rated.round.pk}/"
    assert "Ezra External" in client.get(round_page).content.decode()
    # The network's page, drawn once and kept, names them before.
    assert "Ezra External" in client.get(f"/networks/{rated.restricted.slug}/").content.decode()
    with committed():
        data_rights.account_erase(user=rated.external, requested_by=rated.external)
    for page in (
        round_page,
        f"/rounds/{rated.round.pk}/results/",
        f"/rounds/{rated.round.pk}/results.csv",
        f"/networks/{rated.restricted.slug}/",
        f"/networks/{rated.restricted.slug}/members/",
    ):
        text = client.get(page).content.decode("utf-8-sig")
        for trace in ("Ezra External", "external@example.org", EVIDENCE):
            assert trace not in text, (trace, page)
    rater = Rater.objects.get(round=rated.round, email__startswith="erased-")
    assert rater.user is None and rater.name == "" and rater.email.endswith("@erased.invalid")
    assert not User.objects.filter(email="external@example.org").exists()


def test_names_and_free_text_go_but_anonymous_answers_stay(world: SimpleNamespace) -> None:
    page = f.hub_resource("working-together")
    ResourceFeedback.objects.create(page=page, user=world.member, useful=False, comment="Max thinks it is too long")
    plan = f.PlanFactory.create(network=world.open)
    PlanEvent.objects.create(
        plan=plan,
        actor=world.lead,
        kind="action_added",
        summary="Added the action “Call” owned by Max Member",
        changes={"Owner": ["Nobody", "Max Member"]},
    )
    Delivery.objects.create(
        key="welcome",
        recipient="member@example.org",
        user=world.member,
        kind="x",
        subject="Welcome, Max",
        text="Hello Max",
    )
    f.SystemContactFactory.create(system=world.system_a, email="member@example.org")
    f.SystemContactFactory.create(system=world.system_a, email="team@example.org")
    data_rights.account_erase(user=world.member, requested_by=world.member)

    assert list(SystemContact.objects.values_list("email", flat=True)) == ["team@example.org"]
    feedback = ResourceFeedback.objects.get()
    assert (feedback.useful, feedback.comment, feedback.user) == (False, "", None)
    event = PlanEvent.objects.get()
    assert event.summary == "Added the action “Call” owned by a former member"
    assert event.changes == {"Owner": ["Nobody", "a former member"]} and event.actor == world.lead
    delivery = Delivery.objects.get()
    assert delivery.recipient.endswith("@erased.invalid") and delivery.subject == delivery.text == ""
    assert delivery.status == DeliveryStatus.SKIPPED, "a mail not sent yet is never sent"
    entry = DataRequest.objects.get(kind=DataRequestKind.ERASURE)
    assert entry.person == f"Deleted account {entry.account_id}" and entry.user is None


def test_the_only_lead_of_a_network_must_hand_it_over_first(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.lead)
    page = client.get("/accounts/my-data/delete/").content.decode()
    assert "You are the only lead of Riverside PCN. Make another member a lead of it first" in page
    assert "Delete my account" not in page
    with pytest.raises(ValidationError, match="only lead of Hillside Care Network"):
        data_rights.account_erase(user=world.lead, requested_by=world.lead)
    Membership.objects.filter(user=world.member).update(role=NetworkRole.LEAD)
    assert data_rights.erasure_blockers(world.lead) == []


def test_a_person_deletes_their_own_account_with_their_password(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.member)
    page = client.post("/accounts/my-data/delete/", {"password": "wrong", "understood": "on"})
    assert "The password is not right" in page.content.decode()
    page = client.post("/accounts/my-data/delete/", {"password": f.PASSWORD})
    assert "Tick the box to say you understand" in page.content.decode()
    assert User.objects.filter(pk=world.member.pk).exists()

    response = client.post("/accounts/my-data/delete/", {"password": f.PASSWORD, "understood": "on"})
    assert response.status_code == 302 and response["Location"] == "/accounts/my-data/deleted/"
    assert not User.objects.filter(pk=world.member.pk).exists()
    assert "Your account has been deleted" in client.get("/accounts/my-data/deleted/").content.decode()
    assert client.get("/accounts/profile/").status_code == 302, "signed out"


def test_a_site_admin_deletes_an_account_for_someone(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.admin)
    response = client.post("/accounts/my-data/requests/", {"email": "member@example.org", "kind": "erasure"})
    assert response["Location"] == f"/accounts/my-data/requests/delete/{world.member.pk}/"
    blocked = client.get(f"/accounts/my-data/requests/delete/{world.lead.pk}/").content.decode()
    assert "They are the only lead of Riverside PCN" in blocked
    response = client.post(f"/accounts/my-data/requests/delete/{world.member.pk}/", {"understood": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.member.pk).exists()
    entry = DataRequest.objects.get()
    assert entry.on_behalf and entry.requested_by == world.admin
    assert "member@example.org" not in client.get("/accounts/my-data/requests/").content.decode()


def test_an_eraser_that_fails_undoes_them_all(world: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> None:
    from wayfinder.comms import registry

    def broken(user: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setitem(
        registry._erasers, "zz-broken", registry.Eraser(key="zz-broken", label="x", erase=broken, order=999)
    )
    feedback_page = f.hub_resource("working-together")
    ResourceFeedback.objects.create(page=feedback_page, user=world.member, useful=True, comment="Kept")
    with pytest.raises(RuntimeError):
        data_rights.account_erase(user=world.member, requested_by=world.member)
    assert ResourceFeedback.objects.get().comment == "Kept"
    assert User.objects.filter(pk=world.member.pk).exists() and not DataRequest.objects.exists()


def test_a_network_page_drawn_before_no_longer_names_them(world: SimpleNamespace, client: Client) -> None:
    sign_in(client, world.lead)
    page = f"/networks/{world.open.slug}/"
    assert "Max Member" in client.get(page).content.decode()
    with committed():
        data_rights.account_erase(user=world.member, requested_by=world.member)
    assert "Max Member" not in client.get(page).content.decode()


def test_a_draft_they_shared_goes_with_its_revisions_and_their_opt_outs_go_too(world: SimpleNamespace) -> None:
    from wagtail.models import Page, Revision

    from wayfinder.comms.models import AddressOptOut
    from wayfinder.contributions import services as contributions

    shared: dict[str, Any] = {
        "title": "Huddle agenda we use",
        "kind": "template",
        "summary": "Max Member's one-page agenda for a morning huddle.",
        "body": "We start with safety.",
        "external_link": "https://example.org/huddle",
        "dimension_keys": [],
        "support_domain_keys": [],
    }
    draft = contributions.contribution_submit_resource(contributor=world.member, **shared).page
    published = contributions.contribution_submit_resource(contributor=world.member, **{**shared, "title": "Kept"}).page
    assert draft is not None and published is not None
    published.save_revision(user=world.admin).publish(user=world.admin)
    AddressOptOut.objects.create(email="Member@example.org", kind="comms.digest")
    AddressOptOut.objects.create(email="someone@example.org", kind="comms.digest")

    data_rights.account_erase(user=world.member, requested_by=world.member)

    assert not Page.objects.filter(pk=draft.pk).exists()
    assert not Revision.page_revisions.filter(object_id=str(draft.pk)).exists()
    kept = Page.objects.get(pk=published.pk)
    assert kept.live and kept.owner is None
    assert not Revision.page_revisions.filter(object_id=str(published.pk), user__isnull=False, user_id=world.member.pk)
    assert list(AddressOptOut.objects.values_list("email", flat=True)) == ["someone@example.org"]
