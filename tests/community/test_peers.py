"""Peers to learn from: who sees the networks that could help and who sends and answers contact requests (tables);
only networks that chose to be contactable and to share a dimension where they are ahead show, with only what they
shared; a request is answered once, and on accepting both leads see each other's contact details."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories as f
from tests.community.peers_world import helper_network, peers_world, who
from tests.signing_in import sign_in
from wayfinder.comms.models import Delivery
from wayfinder.community import peers_mail
from wayfinder.community import peers_services as services
from wayfinder.community.peers_models import ContactStatus, PeerContact, PeerSharing
from wayfinder.core.changes import changed
from wayfinder.core.permissions import can

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "outsider", "member", "lead", "peer_lead", "system_lead", "national", "admin"]
T, F = True, False


@pytest.fixture
def pw(world: SimpleNamespace) -> SimpleNamespace:
    built = peers_world(world)
    world.version, world.round, world.helper = built.version, built.round, built.helper
    world.peer_lead = built.helper.lead
    world.peer = built.helper.network
    return world


def _contact(pw: SimpleNamespace) -> PeerContact:
    return services.peer_contact_send(
        from_network=pw.open, to_network=pw.peer, user=pw.lead, message="How do you run shared rotas?"
    )


TABLE: dict[tuple[str, str], list[bool]] = {
    #                               anon outs memb lead peer sys  nat  admin
    ("peers.set_sharing", "open"): [F, F, F, T, F, F, F, F],
    ("peers.look", "open"): [F, F, F, T, F, F, F, F],
    ("peers.look", "confidential"): [F, F, F, F, F, F, F, F],
    ("peers.set_sharing", "peer"): [F, F, F, F, T, F, F, F],
}


@pytest.mark.parametrize(("action", "network"), list(TABLE))
def test_who_may_do_what(pw: SimpleNamespace, action: str, network: str) -> None:
    got = [can(who(pw, person), action, getattr(pw, network)) for person in PEOPLE]
    assert dict(zip(PEOPLE, got, strict=True)) == dict(zip(PEOPLE, TABLE[(action, network)], strict=True))


def test_only_the_asked_networks_lead_answers(pw: SimpleNamespace) -> None:
    contact = _contact(pw)
    got = [can(who(pw, person), "peer_contact.answer", contact) for person in PEOPLE]
    assert got == [F, F, F, F, T, F, F, F]


# Who sees the panel under the results: the asking network's leads only.
PANEL = {"outsider": 404, "member": F, "lead": T, "peer_lead": 404, "system_lead": F, "national": F}


@pytest.mark.parametrize("person", list(PANEL))
def test_the_panel_shows_to_the_networks_leads_only(pw: SimpleNamespace, client: Client, person: str) -> None:
    sign_in(client, who(pw, person))
    response = client.get(f"/rounds/{pw.round.pk}/results/")
    if PANEL[person] == 404:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert ("Networks that could help" in response.content.decode()) is PANEL[person]


def test_only_contactable_networks_ahead_on_a_shared_weak_dimension_show(pw: SimpleNamespace, client: Client) -> None:
    sign_in(client, pw.lead)
    html = client.get(f"/rounds/{pw.round.pk}/results/").content.decode()
    panel = html[html.index("Networks that could help") :]
    assert "Hillview PCN" in panel and "level 4 (Established)" in panel and "Rotas" in panel
    # Ahead only where it does not share, not contactable, confidential, or on another framework.
    for hidden in ("Secretive PCN", "Closed Book PCN", "Hidden PCN", "Elsewhere PCN"):
        assert hidden not in panel
    # Hillview shares dimension 2 but is behind there: its level on it is not shown.
    assert "level 1" not in panel
    assert "Ask Hillview PCN to get in touch" in panel


def test_the_panel_shows_under_the_plan_too(pw: SimpleNamespace, client: Client) -> None:
    from tests.plans.support import start_plan

    plan = start_plan(pw.open, pw.lead, round_=pw.round)
    sign_in(client, pw.lead)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Networks that could help" in html and "Hillview PCN" in html


def test_the_results_page_costs_the_same_with_more_peers(
    pw: SimpleNamespace, client: Client, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    sign_in(client, pw.lead)
    url = f"/rounds/{pw.round.pk}/results/"
    counts = []
    for extra in (0, 5):
        for n in range(extra):
            added = helper_network(pw.version, name=f"Extra PCN {n}", agreed={1: 5, 2: 4, 3: 4}, shared=["dimension-1"])
            # As the services say when a round's agreed levels are recorded.
            changed(rounds=[added.round.pk])
        client.get(url)
        with django_assert_max_num_queries(30) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert "Extra PCN 4" in response.content.decode()
    assert counts[0] == counts[1]


def test_a_lead_asks_and_the_other_lead_accepts(pw: SimpleNamespace, client: Client) -> None:
    ask = f"/community/networks/{pw.open.slug}/peers/ask/{pw.peer.slug}/"
    sign_in(client, pw.member)
    assert client.get(ask).status_code == 404
    sign_in(client, pw.lead)
    response = client.post(ask, {"message": ""})
    assert response.status_code == 400 and "Write a message" in response.content.decode()
    response = client.post(ask, {"message": "How do you run shared rotas?"})
    contact = PeerContact.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/community/peer-contacts/{contact.pk}/"
    assert Delivery.objects.filter(kind=peers_mail.CONTACT_RECEIVED, recipient=pw.peer_lead.email).count() == 1
    # Asking again while waiting is refused.
    assert "already asked" in client.post(ask, {"message": "Again"}).content.decode()

    page = f"/community/peer-contacts/{contact.pk}/"
    for person in (pw.member, pw.outsider, pw.system_lead):
        sign_in(client, person)
        assert client.get(page).status_code == 404
    sign_in(client, pw.lead)
    assert pw.peer_lead.email not in client.get(page).content.decode()
    assert client.post(f"{page}answer/", {"answer": "accept"}).status_code == 302  # not theirs to answer
    contact.refresh_from_db()
    assert contact.status == ContactStatus.PENDING

    sign_in(client, pw.peer_lead)
    html = client.get(page).content.decode()
    assert "How do you run shared rotas?" in html and pw.lead.email not in html
    client.post(f"{page}answer/", {"answer": "accept"})
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACCEPTED and contact.decided_by == pw.peer_lead
    assert pw.lead.email in client.get(page).content.decode()
    assert Delivery.objects.filter(kind=peers_mail.CONTACT_ANSWERED, recipient=pw.lead.email).count() == 1

    sign_in(client, pw.lead)
    html = client.get(page).content.decode()
    assert pw.peer_lead.email in html and pw.peer_lead.full_name in html
    with pytest.raises(ValidationError, match="already been answered"):
        services.peer_contact_answer(contact=contact, user=pw.peer_lead, accept=False)

    # The private discussion between the two networks: their members read it, nobody else.
    assert contact.discussion is not None
    discussion = contact.discussion.get_absolute_url()
    assert "Open the private discussion" in html
    for person, status in ((pw.lead, 200), (pw.member, 200), (pw.peer_lead, 200), (pw.outsider, 404)):
        sign_in(client, person)
        assert client.get(discussion).status_code == status


def test_a_declined_request_shares_no_contact_details(pw: SimpleNamespace, client: Client) -> None:
    contact = _contact(pw)
    services.peer_contact_answer(contact=contact, user=pw.peer_lead, accept=False)
    sign_in(client, pw.lead)
    html = client.get(f"/community/peer-contacts/{contact.pk}/").content.decode()
    assert "Declined" in html and pw.peer_lead.email not in html
    contact.refresh_from_db()
    assert contact.discussion is None


def test_requests_to_networks_that_are_not_contactable_are_refused(pw: SimpleNamespace) -> None:
    PeerSharing.objects.filter(network=pw.peer).update(contactable=False)
    with pytest.raises(ValidationError, match="not taking requests"):
        _contact(pw)
    with pytest.raises(ValidationError, match="Only the network's lead"):
        services.peer_contact_send(from_network=pw.open, to_network=pw.peer, user=pw.member, message="Hello")
    with pytest.raises(ValidationError, match="confidential network cannot ask"):
        services.peer_contact_send(from_network=pw.confidential, to_network=pw.peer, user=pw.lead, message="Hi")


def test_a_lead_chooses_what_the_network_shares(pw: SimpleNamespace, client: Client) -> None:
    url = f"/community/networks/{pw.open.slug}/peers/sharing/"
    sign_in(client, pw.member)
    assert client.get(url).status_code == 404
    sign_in(client, pw.lead)
    response = client.post(url, {"contactable": "yes", "note": ""})
    assert response.status_code == 400 and "Say what your network could help" in response.content.decode()
    response = client.post(url, {"contactable": "yes", "dimension_keys": ["dimension-4"], "note": "Social prescribing"})
    assert response.status_code == 302
    sharing = PeerSharing.objects.get(network=pw.open)
    assert sharing.contactable and sharing.dimension_keys == ["dimension-4"]
    response = client.post(url, {"contactable": "yes", "dimension_keys": ["not-a-dimension"], "note": "x"})
    assert response.status_code == 400
    with pytest.raises(ValidationError, match="confidential network cannot be contactable"):
        services.peer_sharing_save(
            network=pw.confidential, user=pw.lead, contactable=True, dimension_keys=[], note="We help"
        )


def test_the_home_page_asks_the_other_lead_to_answer(pw: SimpleNamespace, client: Client) -> None:
    words = "Riverside PCN would like to learn from Hillview PCN"
    contact = _contact(pw)
    sign_in(client, pw.peer_lead)
    assert words in client.get("/").content.decode()
    sign_in(client, pw.lead)
    assert words not in client.get("/").content.decode()
    services.peer_contact_answer(contact=contact, user=pw.peer_lead, accept=True)
    sign_in(client, pw.peer_lead)
    assert words not in client.get("/").content.decode()


def test_a_networks_page_links_its_leads_to_peers(pw: SimpleNamespace, client: Client) -> None:
    link = f'href="/community/networks/{pw.open.slug}/peers/"'
    sign_in(client, pw.lead)
    assert link in client.get(pw.open.get_absolute_url()).content.decode()
    sign_in(client, pw.member)
    assert link not in client.get(pw.open.get_absolute_url()).content.decode()


def test_the_panel_follows_agreed_levels_and_sharing_as_they_change(pw: SimpleNamespace, client: Client) -> None:
    """The agreed levels are read once for everyone and kept; a change to a round or to what a network shares is
    shown at once."""
    from wayfinder.assessments.live import consensus_record
    from wayfinder.assessments.models import Consensus

    sign_in(client, pw.lead)
    url = f"/rounds/{pw.round.pk}/results/"
    assert "Hillview PCN" in client.get(url).content.decode()
    # Hillview stops sharing dimension 1: it no longer shows.
    services.peer_sharing_save(
        network=pw.peer, user=pw.peer_lead, contactable=True, dimension_keys=["dimension-2"], note="Rotas"
    )
    html = client.get(url).content.decode()
    assert "Hillview PCN" not in html[html.index("Networks that could help") :]
    services.peer_sharing_save(
        network=pw.peer, user=pw.peer_lead, contactable=True, dimension_keys=["dimension-1"], note="Rotas"
    )
    assert "level 4 (Established)" in client.get(url).content.decode()
    # Its agreed level on dimension 1 is recorded again, lower than ours: it no longer shows.
    agreed = Consensus.objects.select_related("dimension", "round").get(
        round=pw.helper.round, dimension__key="dimension-1"
    )
    consensus_record(
        round_=agreed.round,
        dimension_id=agreed.dimension_id,
        level_id=f.level(pw.version, 1).pk,
        notes="",
        user=pw.peer_lead,
    )
    html = client.get(url).content.decode()
    assert "Hillview PCN" not in html[html.index("Networks that could help") :]
