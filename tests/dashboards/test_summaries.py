"""Round summaries follow every change to ratings, agreed levels and rounds; the cache is invalidated for the
views showing the changed network and no others; what a viewer may see is still decided per viewer."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any, cast

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from tests.dashboards.conftest import assess, committed, settle
from tests.factories import dimension, level
from tests.networks.test_import import NETWORK_HEADER, run
from tests.signing_in import sign_in
from wayfinder.assessments import live, services
from wayfinder.assessments.models import Rater, Rating, Round
from wayfinder.core import changes
from wayfinder.dashboards import caching, demo, summaries
from wayfinder.dashboards.models import RoundSummary
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.admin import NetworkAdmin
from wayfinder.networks.models import Network
from wayfinder.support import services as support_services

pytestmark = pytest.mark.django_db


def levels_of(round_: Round) -> dict[str, Any]:
    return RoundSummary.objects.get(round=round_).levels


def a_rating(round_: Round, position: int) -> Rating:
    return Rating.objects.filter(rater__round=round_, dimension__position=position).order_by("pk").first()  # type: ignore[return-value]


def rerate(rating: Rating, level_id: int) -> None:
    """The rater changes their answer, as the rating page and the API do."""
    services.rating_save(rater=rating.rater, dimension_id=rating.dimension_id, level_id=level_id)


@pytest.fixture
def rated(world: SimpleNamespace, version: Any) -> SimpleNamespace:
    """A round of the restricted network (system A) rated by three people."""
    world.version = version
    world.round = assess(world.restricted, version, days_ago=10, ratings=[[4, 4, 4], [4, 2, 4], [2, 2, 4]])
    return world


# Summaries follow the data --------------------------------------------------------------------------------


def test_a_new_round_gets_a_summary_with_the_median_of_each_dimension(rated: SimpleNamespace) -> None:
    summary = RoundSummary.objects.get(round=rated.round)
    assert summary.network_id == rated.restricted.pk
    assert summary.framework_id == rated.version.framework_id
    assert summary.closed_on == rated.round.closes_on and not summary.closed_early
    assert summary.rater_count == 3
    assert summary.levels == {
        "dimension-1": {"value": 4.0, "agreed": False, "raters": 3},
        "dimension-2": {"value": 2.0, "agreed": False, "raters": 3},
        "dimension-3": {"value": 4.0, "agreed": False, "raters": 3},
    }


def test_a_changed_rating_changes_the_summary(rated: SimpleNamespace) -> None:
    rating = a_rating(rated.round, 1)
    with committed():
        rerate(rating, level(rated.version, 1).pk)
    # Ratings on dimension 1 are now 1, 4, 2: the median is 2.
    assert levels_of(rated.round)["dimension-1"]["value"] == 2.0


def test_a_deleted_rating_and_a_deleted_rater_change_the_summary(rated: SimpleNamespace) -> None:
    # No service deletes ratings or raters: a write that does says so.
    with committed():
        a_rating(rated.round, 3).delete()
        changes.changed(rounds=[rated.round.pk])
    assert levels_of(rated.round)["dimension-3"]["raters"] == 2
    with committed():
        Rater.objects.filter(round=rated.round).order_by("pk").first().delete()  # type: ignore[union-attr]
        changes.changed(rounds=[rated.round.pk])
    summary = RoundSummary.objects.get(round=rated.round)
    assert summary.rater_count == 2
    assert summary.levels["dimension-2"]["value"] == 2.0


def test_an_agreed_level_wins_over_the_median_until_it_is_removed(rated: SimpleNamespace) -> None:
    with committed():
        agreed = live.consensus_record(
            round_=rated.round,
            dimension_id=dimension(rated.version, 2).pk,
            level_id=level(rated.version, 3).pk,
            notes="",
            user=rated.lead,
        )
    assert levels_of(rated.round)["dimension-2"] == {"value": 3.0, "agreed": True, "raters": 3}
    with committed():
        agreed.delete()
        changes.changed(rounds=[rated.round.pk])
    assert levels_of(rated.round)["dimension-2"] == {"value": 2.0, "agreed": False, "raters": 3}


def test_a_changed_round_changes_the_summary(rated: SimpleNamespace) -> None:
    later = rated.round.closes_on + timedelta(days=7)
    with committed():
        services.round_change_close_date(round_=rated.round, closes_on=later, user=rated.lead)
    assert RoundSummary.objects.get(round=rated.round).closed_on == later
    # No service changes a round's purpose: a write that does says so.
    with committed():
        rated.round.purpose = "annual"
        rated.round.save(update_fields=["purpose"])
        changes.changed(rounds=[rated.round.pk])
    summary = RoundSummary.objects.get(round=rated.round)
    assert (summary.closed_on, summary.purpose) == (later, "annual")


def test_a_rolled_back_change_does_not_stop_later_changes_reaching_the_summary(rated: SimpleNamespace) -> None:
    rating = a_rating(rated.round, 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        rerate(rating, level(rated.version, 5).pk)
        raise RuntimeError("undo")
    assert levels_of(rated.round)["dimension-1"]["value"] == 4.0
    with committed():
        rerate(rating, level(rated.version, 1).pk)
    assert levels_of(rated.round)["dimension-1"]["value"] == 2.0


def test_rebuild_gives_what_the_task_gave_and_then_has_nothing_to_do(dworld: SimpleNamespace) -> None:
    fields = ("round_id", "network_id", "framework_id", "purpose", "closed_on", "closed_early", "levels", "rater_count")
    before = sorted(RoundSummary.objects.values_list(*fields))
    assert len(before) == Round.objects.count() == 4
    RoundSummary.objects.all().delete()
    with committed():
        assert summaries.rebuild() == 4
    assert sorted(RoundSummary.objects.values_list(*fields)) == before
    assert summaries.rebuild() == 0
    assert summaries.refresh_round(before[0][0]) is False


def test_rebuild_of_many_rounds_costs_the_same_queries_as_of_a_few(
    dworld: SimpleNamespace, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    RoundSummary.objects.all().delete()
    with CaptureQueriesContext(connection) as few:
        summaries.rebuild()
    for _ in range(6):
        assess(dworld.open, dworld.version, days_ago=5, ratings=[[1, 2, 3], [3, 2, 1]])
    RoundSummary.objects.all().delete()
    with django_assert_max_num_queries(len(few)):
        assert summaries.rebuild() == 10


def test_the_command_and_the_demo_rebuild_the_summaries(dworld: SimpleNamespace) -> None:
    RoundSummary.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_dashboard_summaries", stdout=out)
    assert "4 changed" in out.getvalue()
    assert RoundSummary.objects.count() == 4
    RoundSummary.objects.filter(round__network=dworld.open).delete()
    assert demo.seed() == ["Dashboard summaries: 2 worked out."]
    assert demo.seed() == []


# Invalidation is precise ----------------------------------------------------------------------------------


def generations(world: SimpleNamespace) -> dict[str, int]:
    settle()
    return {
        "system A": caching.generation(caching.system_scope(world.system_a.pk)),
        "system B": caching.generation(caching.system_scope(world.system_b.pk)),
        "region A": caching.generation(caching.region_scope(world.system_a.region_id)),
        "region B": caching.generation(caching.region_scope(world.system_b.region_id)),
        "England": caching.generation(caching.NATIONAL),
    }


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name in before if after[name] != before[name]}


def test_a_rating_in_system_a_invalidates_system_a_its_region_and_england_only(rated: SimpleNamespace) -> None:
    assert rated.system_a.region_id != rated.system_b.region_id
    before = generations(rated)
    rating = a_rating(rated.round, 1)
    with committed():
        rerate(rating, level(rated.version, 1).pk)  # the median of dimension 1 moves from 4 to 2
    assert changed(before, generations(rated)) == {"system A", "region A", "England"}


def test_an_unchanged_summary_invalidates_nothing(rated: SimpleNamespace) -> None:
    before = generations(rated)
    with committed():
        summaries.rebuild([rated.round.pk])
    assert changed(before, generations(rated)) == set()


def test_a_support_request_in_system_b_leaves_system_a_alone(world: SimpleNamespace) -> None:
    network = f.NetworkFactory.create(name="Hill PCN", slug="hill-pcn", system=world.system_b, code="HILL1")
    before = generations(world)
    with committed():
        support_services.support_request_create(
            network=network,
            requested_by=world.lead,
            domain=SupportDomain.objects.order_by("position")[0],
            what="Help",
            why="New",
        )
    assert changed(before, generations(world)) == {"system B", "region B", "England"}


def move_to_system_b() -> None:
    """The hierarchy import (bulk writes) moves Riverside PCN from system A to system B."""
    report = run("networks", NETWORK_HEADER, "U00001,Riverside PCN,riverside-pcn,yes,,,,,QB1,,")
    assert report.saved and [change.columns for change in report.updated] == [("system_code",)]


def test_a_network_moving_system_invalidates_both_systems(world: SimpleNamespace) -> None:
    before = generations(world)
    with committed():
        move_to_system_b()
    assert changed(before, generations(world)) == {"system A", "system B", "region A", "region B", "England"}


def test_a_network_moved_in_the_django_admin_invalidates_both_systems(world: SimpleNamespace) -> None:
    network = Network.objects.get(pk=world.open.pk)
    before = generations(world)
    request = RequestFactory().post("/admin/")
    with committed():
        network.system = world.system_b
        NetworkAdmin(Network, admin.site).save_model(request, network, cast(Any, None), change=True)
    assert changed(before, generations(world)) == {"system A", "system B", "region A", "region B", "England"}


def test_a_bulk_import_moving_a_network_refreshes_the_views_it_leaves_and_enters(
    dworld: SimpleNamespace, client: Client
) -> None:
    sign_in(client, dworld.national)
    system_a, system_b = (f"/systems/{system.pk}/dashboard/" for system in (dworld.system_a, dworld.system_b))
    region_b = f"/regions/{dworld.system_b.region_id}/dashboard/?format=csv"
    assert "Riverside PCN" in client.get(system_a).content.decode()  # and now every page here is cached
    assert "Riverside PCN" not in client.get(system_b).content.decode()
    south_before = client.get(region_b).content.decode()
    with committed():
        move_to_system_b()
    assert "Riverside PCN" not in client.get(system_a).content.decode()
    assert "Riverside PCN" in client.get(system_b).content.decode()
    assert client.get(region_b).content.decode() != south_before


# The cache ------------------------------------------------------------------------------------------------


def _count(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_second_request_is_served_from_the_cache_until_the_system_changes(
    dworld: SimpleNamespace, client: Client
) -> None:
    url = f"/systems/{dworld.system_a.pk}/dashboard/"
    sign_in(client, dworld.system_lead)
    client.get(url)  # the session and the user's appointments
    cache.clear()
    first, _ = _count(client, url)
    second, _ = _count(client, url)
    assert second < first
    # A change in another region's system leaves this cache alone.
    elsewhere = f.NetworkFactory.create(name="Far PCN", slug="far-pcn", system=dworld.system_b, code="FAR1")
    assess(elsewhere, dworld.version, days_ago=1, ratings=[[1, 1, 1]])
    assert _count(client, url)[0] == second
    # A change here shows at once.
    latest = Round.objects.filter(network=dworld.restricted).get()
    with committed():
        live.consensus_record(
            round_=latest,
            dimension_id=dimension(dworld.version, 1).pk,
            level_id=level(dworld.version, 2).pk,
            notes="",
            user=dworld.lead,
        )
    queries, html = _count(client, url)
    # Worked out again (what is kept about the signer-in, such as their roles, stays kept).
    assert queries > second
    assert 'wf-heat--2 wf-heat--agreed"' in html


@pytest.mark.parametrize("order", [("national", "lead"), ("lead", "national")])
def test_the_cache_never_shows_one_viewer_what_only_another_may_see(
    dworld: SimpleNamespace, client: Client, order: tuple[str, str]
) -> None:
    seen = {}
    for role in order:
        sign_in(client, getattr(dworld, role))
        seen[role] = client.get(f"/regions/{dworld.region.pk}/dashboard/").content.decode()
    # Both read the same cached data; only the national team sees the region's two networks broken out.
    assert "Networks assessed" in seen["national"]
    assert "we do not show any figures" not in seen["national"]
    assert "we do not show any figures" in seen["lead"]
    assert "Networks assessed" not in seen["lead"]
    assert f'href="/systems/{dworld.system_a.pk}/dashboard/"' not in seen["lead"]


def test_the_date_is_part_of_the_key_so_a_plan_that_has_ended_is_not_shown_as_current(
    dworld: SimpleNamespace, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(client, dworld.system_lead)
    url = f"/systems/{dworld.system_a.pk}/dashboard/"
    assert "Has a plan" in client.get(url).content.decode()
    later = timezone.localdate() + timedelta(days=400)  # the grown network's plan ends after 300 days
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    assert "Has a plan" not in client.get(url).content.decode()
