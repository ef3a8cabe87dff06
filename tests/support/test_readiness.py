"""The first-year readiness checklist: ticking with evidence, bad input, and the system's view of its PCNs."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.signing_in import sign_in
from wayfinder.core import changes
from wayfinder.networks.models import Network, Privacy
from wayfinder.support import services
from wayfinder.support.content import READINESS_ITEMS
from wayfinder.support.models import ReadinessTick

pytestmark = pytest.mark.django_db

ITEM_URL = "/networks/riverside-pcn/readiness/one-team/"
# A checklist item other than the one ITEM_URL ticks.
ANOTHER = next(item.key for item in READINESS_ITEMS if item.key != "one-team")


def test_the_checklist_has_nine_items_with_unique_keys() -> None:
    assert len(READINESS_ITEMS) == 9
    assert len({item.key for item in READINESS_ITEMS}) == 9


def test_a_lead_ticks_an_item_with_evidence_and_we_record_who_and_when(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.lead)
    response = client.post(ITEM_URL, {"evidence": "Joint rota agreed at the board on 3 March"})
    assert response.status_code == 302
    tick = ReadinessTick.objects.get(network=sworld.open, item="one-team")
    assert tick.evidence == "Joint rota agreed at the board on 3 March"
    assert tick.ticked_by == sworld.lead
    assert tick.ticked_at is not None
    page = client.get("/networks/riverside-pcn/readiness/").content.decode()
    assert "1 of 9 done" in page
    assert "Marked done by Lena Lead" in page


def test_ticking_without_evidence_is_refused_and_nothing_is_written(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.steering)
    response = client.post(ITEM_URL, {"evidence": "   "})
    assert response.status_code == 200
    assert "Describe the evidence that this item is done" in response.content.decode()
    assert not ReadinessTick.objects.exists()


def test_an_unknown_item_is_a_404(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.lead)
    response = client.post("/networks/riverside-pcn/readiness/made-up/", {"evidence": "x"})
    assert response.status_code == 404
    assert not ReadinessTick.objects.exists()


def test_a_member_cannot_tick_and_nothing_is_written(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.member)
    assert client.post(ITEM_URL, {"evidence": "We did it"}).status_code == 404
    assert not ReadinessTick.objects.exists()


def test_ticking_again_replaces_the_evidence_and_unticking_removes_it(client: Client, sworld: SimpleNamespace) -> None:
    services.readiness_tick(network=sworld.open, item="one-team", evidence="First", user=sworld.lead)
    sign_in(client, sworld.steering)
    client.post(ITEM_URL, {"evidence": "Second"})
    tick = ReadinessTick.objects.get()
    assert (tick.evidence, tick.ticked_by) == ("Second", sworld.steering)
    client.post(ITEM_URL, {"action": "untick"})
    assert not ReadinessTick.objects.exists()


def done(network: Network) -> int:
    return Network.objects.values_list("readiness_done", flat=True).get(pk=network.pk)


def test_the_network_keeps_its_count_of_items_done_through_ticks_and_unticks(
    client: Client, sworld: SimpleNamespace
) -> None:
    assert done(sworld.open) == 0
    services.readiness_tick(network=sworld.open, item="one-team", evidence="First", user=sworld.lead)
    assert done(sworld.open) == 1 and sworld.open.readiness_done == 1
    # Ticked again (new evidence) is still one item.
    services.readiness_tick(network=sworld.open, item="one-team", evidence="Second", user=sworld.lead)
    services.readiness_tick(network=sworld.open, item=ANOTHER, evidence="Minutes", user=sworld.lead)
    assert done(sworld.open) == 2
    # Through the pages too.
    sign_in(client, sworld.steering)
    client.post(ITEM_URL, {"action": "untick"})
    assert done(sworld.open) == 1
    # Unticking an item not ticked changes nothing.
    services.readiness_untick(network=sworld.open, item="one-team")
    assert done(sworld.open) == 1 == ReadinessTick.objects.filter(network=sworld.open).count()


def test_a_refused_tick_leaves_the_count_alone(sworld: SimpleNamespace) -> None:
    with pytest.raises(ValidationError):
        services.readiness_tick(network=sworld.open, item="made-up", evidence="x", user=sworld.lead)
    with pytest.raises(ValidationError):
        services.readiness_tick(network=sworld.open, item="one-team", evidence=" ", user=sworld.lead)
    assert done(sworld.open) == 0


def test_counting_again_repairs_counts_after_ticks_written_round_the_services(sworld: SimpleNamespace) -> None:
    ReadinessTick.objects.bulk_create(
        ReadinessTick(network=sworld.open, item=item.key, evidence="Loaded", ticked_at=timezone.now())
        for item in READINESS_ITEMS[:4]
    )
    # A tick of an item no longer on the checklist does not count, as the dashboards never counted it.
    ReadinessTick.objects.create(network=sworld.open, item="retired-item", evidence="Old", ticked_at=timezone.now())
    assert done(sworld.open) == 0
    changes.noted.clear()
    assert services.readiness_count_again() == 1
    # The dashboards showing the network are told.
    assert done(sworld.open) == 4 and changes.noted.networks == {sworld.open.pk}
    assert services.readiness_count_again(network_ids=[sworld.open.pk]) == 0


def test_the_migration_fills_each_network_count(sworld: SimpleNamespace) -> None:
    services.readiness_tick(network=sworld.open, item="one-team", evidence="First", user=sworld.lead)
    services.readiness_tick(network=sworld.open, item=ANOTHER, evidence="Minutes", user=sworld.lead)
    Network.objects.update(readiness_done=7)
    migration = importlib.import_module("wayfinder.support.migrations.0002_fill_readiness_done")
    migration.fill_readiness_done(apps, None)
    assert done(sworld.open) == 2
    assert set(Network.objects.exclude(pk=sworld.open.pk).values_list("readiness_done", flat=True)) == {0}


def test_the_checklist_is_only_for_pcns(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.lead)
    assert client.get("/networks/qi-circle/readiness/").status_code == 404
    with pytest.raises(Exception, match="primary care networks only"):
        services.readiness_tick(network=sworld.restricted, item="one-team", evidence="x", user=sworld.lead)


def test_the_system_page_lists_its_pcns_with_how_many_items_are_done(client: Client, sworld: SimpleNamespace) -> None:
    for item in READINESS_ITEMS[:3]:
        services.readiness_tick(network=sworld.open, item=item.key, evidence="Done", user=sworld.lead)
    hidden = f.NetworkFactory.create(
        name="Hidden PCN", is_pcn=True, system=sworld.system_a, privacy=Privacy.CONFIDENTIAL
    )
    other_system = f.NetworkFactory.create(name="Far PCN", is_pcn=True, system=sworld.system_b)
    sign_in(client, sworld.system_lead)
    page = client.get(f"/systems/{sworld.system_a.pk}/readiness/").content.decode()
    assert "Riverside PCN" in page
    assert "3/9" in page
    assert hidden.name not in page, "a confidential PCN is hidden from its system"
    assert other_system.name not in page
    assert "Quality Improvement Circle" not in page, "only PCNs have a checklist"


def test_a_tampered_system_id_is_a_404(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.system_lead)
    assert client.get(f"/systems/{sworld.system_b.pk}/readiness/").status_code == 404
    assert client.get("/systems/999999/readiness/").status_code == 404


def test_readiness_pages_cost_a_fixed_number_of_queries(
    client: Client, sworld: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    def grow() -> None:
        for _ in range(15):
            network = f.NetworkFactory.create(is_pcn=True, system=sworld.system_a)
            for item in READINESS_ITEMS[:4]:
                services.readiness_tick(network=network, item=item.key, evidence="Done", user=sworld.lead)
        for item in READINESS_ITEMS:
            services.readiness_tick(network=sworld.open, item=item.key, evidence="Done", user=sworld.lead)

    sign_in(client, sworld.system_lead)
    grow()
    with django_assert_max_num_queries(8):
        response = client.get(f"/systems/{sworld.system_a.pk}/readiness/")
    assert response.content.decode().count("4/9") == 15
    sign_in(client, sworld.lead)
    with django_assert_max_num_queries(8):
        assert client.get("/networks/riverside-pcn/readiness/").status_code == 200


def test_the_network_page_links_to_readiness_and_support(client: Client, sworld: SimpleNamespace) -> None:
    sign_in(client, sworld.lead)
    page = client.get("/networks/riverside-pcn/").content.decode()
    assert 'href="/networks/riverside-pcn/readiness/"' in page
    assert 'href="/networks/riverside-pcn/support-requests/new/"' in page
    sign_in(client, sworld.member)
    page = client.get("/networks/riverside-pcn/").content.decode()
    assert 'href="/networks/riverside-pcn/readiness/"' in page
    assert "support-requests/new/" not in page, "only the lead and steering group ask for support"
    page = client.get("/networks/qi-circle/").content.decode()
    assert "/readiness/" not in page, "only PCNs have a readiness checklist"
