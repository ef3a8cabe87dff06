"""A network votes on two purpose statements and its lead adopts one, which shows on the network's page with the
date; a lead asks a peer network to get in touch and its lead accepts, so both see each other's contact details;
a person lists themselves in the member directory. Each flow runs with JavaScript (every page checked with axe and
at 320px wide) and without it."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from tests.community.peers_world import peers_world
from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in_browser
from wayfinder.community.peers_models import ContactStatus, PeerContact
from wayfinder.community.purpose_models import PurposeStatement, PurposeVote

pytestmark = pytest.mark.django_db(transaction=True)

JS = pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])


def person(new_context: Any, base: str, email: str, javascript: bool) -> Any:
    page = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(page, base, email, check=javascript)
    return page


def checker(javascript: bool) -> Any:
    def check(page: Any) -> None:
        if javascript:  # axe needs JavaScript
            assert_accessible(page)
            assert_fits_320(page)

    return check


@JS
def test_a_network_votes_on_two_statements_and_adopts_one(
    live_server: Any, new_context: Any, world: SimpleNamespace, javascript: bool
) -> None:
    base, check = live_server.url, checker(javascript)
    member = person(new_context, base, world.member.email, javascript)
    member.goto(f"{base}/networks/riverside-pcn/")
    go(member, member.get_by_role("link", name="Shared purpose"))
    check(member)
    go(member, member.get_by_role("button", name="Add your statement"))
    assert "Write your purpose statement" in member.content()
    check(member)
    for text in ("We join up care for everyone in Riverside", "We learn from each other and from our patients"):
        member.get_by_label("Propose a purpose statement").fill(text)
        go(member, member.get_by_role("button", name="Add your statement"))
    assert PurposeStatement.objects.count() == 2
    check(member)

    lead = person(new_context, base, world.lead.email, javascript)
    lead.goto(f"{base}/community/networks/riverside-pcn/purpose/")
    go(lead, lead.get_by_role("button", name="Open the vote"))
    check(lead)

    member.reload()
    go(member, member.get_by_role("button", name="Vote for this statement (statement 1)"))
    go(member, member.get_by_role("button", name="Vote for this statement (statement 2)"))  # changes the vote
    check(member)
    go(lead, lead.get_by_role("button", name="Vote for this statement (statement 2)"))
    assert PurposeVote.objects.filter(statement__text__startswith="We learn").count() == 2

    go(lead, lead.get_by_role("button", name="Close the vote"))
    check(lead)
    member.reload()
    assert "Vote for this statement" not in member.content()
    go(lead, lead.get_by_role("button", name="Adopt this statement (statement 2)"))
    check(lead)

    lead.goto(f"{base}/networks/riverside-pcn/")
    text = lead.content()
    assert "We learn from each other and from our patients" in text
    assert f"Adopted on {date_format(timezone.localdate(), 'j F Y')}" in text
    check(lead)


@JS
def test_a_lead_asks_a_peer_network_and_its_lead_accepts(
    live_server: Any, new_context: Any, world: SimpleNamespace, mailbox: Mailbox, javascript: bool
) -> None:
    base, check = live_server.url, checker(javascript)
    built = peers_world(world)
    lead = person(new_context, base, world.lead.email, javascript)
    lead.goto(f"{base}/rounds/{built.round.pk}/results/")
    assert "Networks that could help" in lead.content()
    check(lead)
    go(lead, lead.get_by_role("link", name="Ask Hillview PCN to get in touch"))
    check(lead)
    lead.get_by_label("Your message to their lead").fill("How did you set up one rota for every practice?")
    go(lead, lead.get_by_role("button", name="Send the request"))
    check(lead)
    message = mailbox.wait_for(built.helper.lead.email, subject_contains="would like to learn from")
    link = next(url for url in mailbox.links(message) if "/community/peer-contacts/" in url)
    path = urlsplit(link).path  # the mail names the site's own address; the test server has another

    peer = person(new_context, base, built.helper.lead.email, javascript)
    peer.goto(f"{base}{path}")
    assert world.lead.email not in peer.content()
    check(peer)
    go(peer, peer.get_by_role("button", name="Accept"))
    assert world.lead.email in peer.content()
    check(peer)
    assert PeerContact.objects.get().status == ContactStatus.ACCEPTED
    mailbox.wait_for(world.lead.email, subject_contains="accepted")

    lead.reload()
    assert built.helper.lead.email in lead.content()
    go(lead, lead.get_by_role("link", name=re.compile("Open the private discussion")))
    check(lead)
    lead.goto(f"{base}/community/networks/riverside-pcn/peers/")
    check(lead)
    go(lead, lead.get_by_role("link", name="Change what your network shares"))
    check(lead)
    lead.get_by_label("Yes, other networks' leads can find us and ask to get in touch").check()
    go(lead, lead.get_by_role("button", name="Save what you share"))
    assert "Say what your network could help other networks with" in lead.content()
    check(lead)


@JS
def test_a_person_lists_themselves_in_the_member_directory(
    live_server: Any, new_context: Any, world: SimpleNamespace, javascript: bool
) -> None:
    base, check = live_server.url, checker(javascript)
    outsider = person(new_context, base, world.outsider.email, javascript)
    outsider.goto(f"{base}/community/directory/")
    assert "Nobody is listed yet" in outsider.content()
    check(outsider)
    go(outsider, outsider.get_by_role("link", name="Add yourself to the directory"))
    check(outsider)
    outsider.get_by_label("Yes, list me in the directory").check()
    outsider.get_by_label("Job title").fill("Care coordinator")
    outsider.get_by_label("Topics you would talk to others about").fill("frailty, carers")
    go(outsider, outsider.get_by_role("button", name="Save your directory profile"))
    assert "Olive Outsider" in outsider.content() and "Care coordinator" in outsider.content()
    check(outsider)
    outsider.get_by_label("Search by name, job, organisation or topic").fill("carers")
    go(outsider, outsider.get_by_role("button", name="Search"))
    assert "1 person" in outsider.content()
    check(outsider)
