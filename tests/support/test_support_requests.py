"""Support requests: a network asks, its system decides and records what it commissioned within the funding rules,
and the network is told by email."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.conftest import Mailbox
from tests.html import link_texts
from tests.signing_in import sign_in
from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.jinja2 import format_date
from wayfinder.support import queries, services
from wayfinder.support.content import SPEND_CATEGORIES
from wayfinder.support.models import CommissionedSupport, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db

NEW = "/networks/riverside-pcn/support-requests/new/"


def decide_url(support_request: SupportRequest) -> str:
    return f"/support-requests/{support_request.pk}/decision/"


def commission_url(support_request: SupportRequest) -> str:
    return f"/support-requests/{support_request.pk}/commissioned/"


def commission(category: str, **changes: Any) -> dict[str, str]:
    data = {
        "provider": "Leadership Academy",
        "cost": "4500.00",
        "funding_source": "pcn_development",
        "spend_category": category,
        "starts_on": "2025-04-01",
        "ends_on": "2026-03-31",
    }
    data.update(changes)
    return data


def accepted(world: SimpleNamespace) -> SupportRequest:
    return services.support_request_decide(
        support_request=world.request, decided_by=world.system_lead, decision="accept"
    )


# Asking ------------------------------------------------------------------------------------------------------


def test_a_lead_asks_for_support_in_a_domain_with_dimensions(client: Client, sworld: SimpleNamespace) -> None:
    dimensions = list(queries.dimensions_for(sworld.open)[:2])
    assert dimensions, "the PCN matrix is loaded by a data migration"
    sign_in(client, sworld.lead)
    response = client.post(
        NEW,
        {
            "domain": sworld.domain.pk,
            "what": "Facilitated sessions on working with community partners",
            "why": "Our integrating care score is the lowest",
            "dimensions": [d.pk for d in dimensions],
        },
    )
    created = SupportRequest.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/support-requests/{created.pk}/"
    assert created.network == sworld.open
    assert created.status == RequestStatus.PENDING
    assert created.requested_by == sworld.lead
    assert set(created.dimensions.all()) == set(dimensions)


def test_the_system_leads_are_emailed_a_link_to_decide_at_the_site_address(
    client: Client, sworld: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://wayfinder.example"
    sign_in(client, sworld.steering)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW, {"domain": sworld.domain.pk, "what": "Help with data", "why": "We have none"})
    created = SupportRequest.objects.latest("pk")
    message = mailbox.wait_for("system@example.org", subject_contains="asked for support")
    assert f"https://wayfinder.example/support-requests/{created.pk}/" in mailbox.links(message)
    assert "Help with data" in mailbox.body(message)


def test_the_form_offers_the_pcn_matrix_dimensions_for_a_pcn(sworld: SimpleNamespace) -> None:
    dimensions = list(queries.dimensions_for(sworld.open))
    assert len(dimensions) == 5
    assert {d.version.framework.slug for d in dimensions} == {"pcn-maturity-matrix"}


def test_a_tampered_dimension_id_is_refused_and_nothing_is_saved(client: Client, sworld: SimpleNamespace) -> None:
    from_another_matrix = Dimension.objects.exclude(version__framework__slug="pcn-maturity-matrix").first()
    assert from_another_matrix is not None
    before = SupportRequest.objects.count()
    sign_in(client, sworld.lead)
    for bad in (from_another_matrix.pk, 999999, "not-a-number"):
        response = client.post(NEW, {"domain": sworld.domain.pk, "what": "x", "why": "y", "dimensions": [bad]})
        assert response.status_code == 200
        assert "Choose dimensions from the list" in response.content.decode()
    assert SupportRequest.objects.count() == before


def test_a_tampered_domain_id_is_refused(client: Client, sworld: SimpleNamespace) -> None:
    before = SupportRequest.objects.count()
    sign_in(client, sworld.lead)
    response = client.post(NEW, {"domain": 999999, "what": "x", "why": "y"})
    assert "Choose a support domain from the list" in response.content.decode()
    assert SupportRequest.objects.count() == before


def test_what_and_why_are_required(client: Client, sworld: SimpleNamespace) -> None:
    before = SupportRequest.objects.count()
    sign_in(client, sworld.lead)
    page = client.post(NEW, {"domain": sworld.domain.pk, "what": "", "why": ""}).content.decode()
    assert "Describe the support the network needs" in page
    assert "Explain why the network needs this support" in page
    assert SupportRequest.objects.count() == before


# Deciding ----------------------------------------------------------------------------------------------------


def test_accepting_tells_the_network_by_email(
    client: Client, sworld: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, sworld.system_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(sworld.request), {"decision": "accept"})
    assert response.status_code == 302
    sworld.request.refresh_from_db()
    assert sworld.request.status == RequestStatus.ACCEPTED
    assert sworld.request.decided_by == sworld.system_lead
    message = mailbox.wait_for("lead@example.org", subject_contains="accepted")
    assert "Riverside ICS" in mailbox.body(message)
    assert f"/support-requests/{sworld.request.pk}/" in mailbox.body(message)


def test_declining_without_a_reason_is_refused_and_nothing_changes(
    client: Client, sworld: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, sworld.system_lead)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(decide_url(sworld.request), {"decision": "decline", "reason": "  "})
    assert response.status_code == 400
    assert "Give a reason for declining, so the network knows why" in response.content.decode()
    sworld.request.refresh_from_db()
    assert sworld.request.status == RequestStatus.PENDING
    assert sworld.request.decided_by is None
    assert callbacks == []
    assert mailbox.messages == []


def test_declining_with_a_reason_emails_the_reason(
    client: Client, sworld: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, sworld.system_lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(sworld.request), {"decision": "decline", "reason": "Already covered by the ICS offer"})
    sworld.request.refresh_from_db()
    assert sworld.request.status == RequestStatus.DECLINED
    message = mailbox.wait_for("lead@example.org", subject_contains="declined")
    assert "Already covered by the ICS offer" in mailbox.body(message)


def test_marking_delivered_needs_an_accepted_request_and_emails_the_network(
    client: Client, sworld: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, sworld.system_lead)
    response = client.post(decide_url(sworld.request), {"decision": "deliver"})
    assert "Only an accepted request can be marked as delivered" in response.content.decode()
    accepted(sworld)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(sworld.request), {"decision": "deliver"})
    sworld.request.refresh_from_db()
    assert sworld.request.status == RequestStatus.DELIVERED
    assert sworld.request.delivered_at is not None
    mailbox.wait_for("lead@example.org", subject_contains="delivered")


def test_a_decision_on_a_decided_request_is_refused(client: Client, sworld: SimpleNamespace) -> None:
    accepted(sworld)
    sign_in(client, sworld.system_lead)
    response = client.post(decide_url(sworld.request), {"decision": "decline", "reason": "Changed our mind"})
    assert "Only a request that is waiting for a decision can be declined" in response.content.decode()
    sworld.request.refresh_from_db()
    assert sworld.request.status == RequestStatus.ACCEPTED


def test_a_tampered_request_id_is_a_404_and_nothing_changes(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.system_lead)
    for url in (decide_url(sworld.other_request), "/support-requests/999999/decision/"):
        assert client.post(url, {"decision": "accept"}).status_code == 404
    sworld.other_request.refresh_from_db()
    assert sworld.other_request.status == RequestStatus.PENDING


@pytest.mark.parametrize("person", ["lead", "steering", "member", "regional_lead", "national"])
def test_only_the_system_decides(client: Client, sworld: SimpleNamespace, person: str) -> None:
    sign_in(client, getattr(sworld, person))
    assert client.post(decide_url(sworld.request), {"decision": "accept"}).status_code == 404
    sworld.request.refresh_from_db()
    assert sworld.request.status == RequestStatus.PENDING


# Commissioned support and the funding rules ------------------------------------------------------------------


def test_a_spend_that_fits_the_rules_is_recorded(client: Client, sworld: SimpleNamespace) -> None:
    accepted(sworld)
    sign_in(client, sworld.system_lead)
    response = client.post(commission_url(sworld.request), commission("clinical-time"))
    assert response.status_code == 302
    saved = CommissionedSupport.objects.get()
    assert (saved.provider, str(saved.cost), saved.funding_source) == (
        "Leadership Academy",
        "4500.00",
        "pcn_development",
    )
    assert saved.recorded_by == sworld.system_lead
    page = client.get(f"/support-requests/{sworld.request.pk}/").content.decode()
    assert "Leadership Academy" in page
    assert "£4,500.00" in page


@pytest.mark.parametrize("category", [c for c in SPEND_CATEGORIES if not c.fits], ids=lambda c: c.key)
def test_a_spend_in_a_category_that_does_not_fit_is_refused_naming_the_rule(
    client: Client, sworld: SimpleNamespace, category: Any
) -> None:
    accepted(sworld)
    sign_in(client, sworld.system_lead)
    form_page = client.get(commission_url(sworld.request)).content.decode()
    assert category.label in form_page, "the form offers every category, including those that do not fit"
    response = client.post(commission_url(sworld.request), commission(category.key))
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "This spend does not fit the funding rules" in page
    assert category.rule in page
    assert not CommissionedSupport.objects.exists()


def test_every_category_that_does_not_fit_has_a_rule() -> None:
    assert all(c.rule for c in SPEND_CATEGORIES if not c.fits)
    assert len([c for c in SPEND_CATEGORIES if c.fits]) == 4
    assert len([c for c in SPEND_CATEGORIES if not c.fits]) == 4


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "2025-03-01"}, "The end date must be the same as or after the start date"),
        ({"cost": "-1"}, "Enter a cost of £0 or more"),
        ({"cost": "lots"}, "Enter the cost as a number"),
        ({"spend_category": "made-up"}, "Choose a kind of spend"),
        ({"provider": ""}, "Enter who provides the support"),
    ],
)
def test_bad_commission_details_are_refused(
    client: Client, sworld: SimpleNamespace, changes: dict[str, str], message: str
) -> None:
    accepted(sworld)
    sign_in(client, sworld.system_lead)
    response = client.post(commission_url(sworld.request), commission("clinical-time", **changes))
    assert message in response.content.decode()
    assert not CommissionedSupport.objects.exists()


def test_support_is_recorded_only_for_an_accepted_request(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.system_lead)
    response = client.post(commission_url(sworld.request), commission("clinical-time"))
    assert response.status_code == 302
    assert not CommissionedSupport.objects.exists()
    with pytest.raises(Exception, match="only for a request the system has accepted"):
        services.commissioned_support_record(
            support_request=sworld.request,
            recorded_by=sworld.system_lead,
            provider="x",
            cost=Decimal("1"),
            funding_source="system",
            spend_category="clinical-time",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 2, 1),
        )


# Lists -------------------------------------------------------------------------------------------------------


def test_request_lists_cost_a_fixed_number_of_queries(
    client: Client, sworld: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    domains = list(SupportDomain.objects.all())
    for n in range(20):
        network = sworld.open if n % 2 else f.NetworkFactory.create(system=sworld.system_a)
        services.support_request_create(
            network=network, requested_by=sworld.lead, domain=domains[n % len(domains)], what="w", why="y"
        )
    sign_in(client, sworld.system_lead)
    with django_assert_max_num_queries(8):
        page = client.get(f"/systems/{sworld.system_a.pk}/support-requests/").content.decode()
    assert page.count("/support-requests/") >= 21
    sign_in(client, sworld.lead)
    with django_assert_max_num_queries(8):
        page = client.get("/networks/riverside-pcn/support-requests/").content.decode()
    assert page.count('href="/support-requests/') == 11
    with django_assert_max_num_queries(10):
        assert client.get(f"/support-requests/{sworld.request.pk}/").status_code == 200


def test_the_system_list_puts_waiting_requests_first(sworld: SimpleNamespace) -> None:
    accepted(sworld)
    later = services.support_request_create(
        network=sworld.open, requested_by=sworld.lead, domain=sworld.domain, what="w", why="y"
    )
    rows = list(queries.system_requests(sworld.system_lead, sworld.system_a))
    assert [r.pk for r in rows] == [later.pk, sworld.request.pk]


def test_a_tampered_decision_is_refused(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.system_lead)
    response = client.post(decide_url(sworld.request), {"decision": "approve-and-pay"})
    assert response.status_code == 400
    assert "Choose whether to accept, decline or mark the request delivered" in response.content.decode()
    sworld.request.refresh_from_db()
    assert sworld.request.status == RequestStatus.PENDING


def test_each_request_link_says_which_request_it_opens(client: Client, sworld: SimpleNamespace) -> None:
    """Rows used to link with the domain's name alone, so every row of a domain read the same."""
    again = services.support_request_create(
        network=sworld.restricted, requested_by=sworld.lead, domain=sworld.domain, what="More coaching", why="Growth"
    )
    sign_in(client, sworld.system_lead)
    page = client.get(f"/systems/{sworld.system_a.pk}/support-requests/").content.decode()
    links = link_texts(page, "/support-requests/")
    asked = format_date(timezone.localdate())
    assert links[sworld.request.get_absolute_url()] == f"{sworld.domain.name} for Riverside PCN, asked {asked}"
    assert links[again.get_absolute_url()] == f"{sworld.domain.name} for Quality Improvement Circle, asked {asked}"

    sign_in(client, sworld.lead)
    page = client.get("/networks/riverside-pcn/support-requests/").content.decode()
    assert link_texts(page, "/support-requests/") == {
        sworld.request.get_absolute_url(): f"{sworld.domain.name}, asked {asked}"
    }
