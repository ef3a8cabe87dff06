"""The benchmark seed commands at a tiny scale: every PCN gets its rounds, raters, ratings and agreed levels,
the hub gets its generated resources, and running either command again adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from modelsearch.conf import get_app_config

from tests.factories import UserFactory
from wayfinder.assessments.management.commands import seed_bench_assessments as bench_rounds
from wayfinder.assessments.models import Consensus, Rater, Rating, Round
from wayfinder.frameworks.models import Dimension
from wayfinder.hub.management.commands.seed_scale_resources import SLUG_PREFIX as RESOURCE_PREFIX
from wayfinder.hub.models import ResourcePage
from wayfinder.networks.demo.scale import SLUG_PREFIX
from wayfinder.networks.models import Membership, Network

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def tiny_scale() -> list[Network]:
    run("seed_scale", "--scale", "0.01", "--seed", "3")
    return list(Network.objects.filter(slug__startswith=SLUG_PREFIX, is_pcn=True))


def test_every_generated_pcn_gets_two_closed_rounds_on_each_matrix(tiny_scale: list[Network]) -> None:
    output = run("seed_bench_assessments")

    assert "Benchmark rounds written in" in output
    rounds = Round.objects.filter(title__startswith=bench_rounds.TITLE_PREFIX)
    per_network = dict(rounds.values_list("network_id").annotate(n=Count("pk")))
    assert per_network == {network.pk: 4 for network in tiny_scale}
    assert set(rounds.values_list("version__framework__slug", flat=True)) == set(bench_rounds.FRAMEWORKS)
    for round_ in rounds:
        assert round_.opens_on < round_.closes_on < timezone.localdate()


def test_raters_are_members_and_rate_every_dimension(tiny_scale: list[Network]) -> None:
    run("seed_bench_assessments")

    for round_ in Round.objects.filter(title__startswith=bench_rounds.TITLE_PREFIX).select_related("network"):
        raters = list(round_.raters.all())
        members = Membership.objects.filter(network=round_.network).count()
        assert len(raters) == min(bench_rounds.RATERS_PER_ROUND, members)
        assert all(rater.submitted_at is not None for rater in raters)
        member_ids = set(Membership.objects.filter(network=round_.network).values_list("user_id", flat=True))
        assert {rater.user_id for rater in raters if rater.user_id} <= member_ids
        dimensions = Dimension.objects.filter(version=round_.version).count()
        assert Rating.objects.filter(rater__round=round_).count() == dimensions * len(raters)
        for rating in Rating.objects.filter(rater__round=round_).select_related("level", "dimension"):
            assert rating.level.version_id == round_.version_id == rating.dimension.version_id


def test_only_the_older_round_of_each_pair_has_agreed_levels(tiny_scale: list[Network]) -> None:
    run("seed_bench_assessments")

    for round_ in Round.objects.filter(title__startswith=bench_rounds.TITLE_PREFIX):
        agreed = list(Consensus.objects.filter(round=round_).select_related("level"))
        if round_.title.startswith("Benchmark baseline"):
            assert len(agreed) == Dimension.objects.filter(version=round_.version).count()
            for consensus in agreed:
                assert consensus.lowest is not None and consensus.highest is not None
                assert consensus.lowest <= consensus.level.position <= consensus.highest
        else:
            assert agreed == []


def test_a_second_run_adds_nothing(tiny_scale: list[Network]) -> None:
    run("seed_bench_assessments")
    counts = (Round.objects.count(), Rater.objects.count(), Rating.objects.count(), Consensus.objects.count())

    output = run("seed_bench_assessments")

    assert "already there: nothing to do" in output
    assert (Round.objects.count(), Rater.objects.count(), Rating.objects.count(), Consensus.objects.count()) == counts


def test_flush_replaces_the_rounds(tiny_scale: list[Network]) -> None:
    run("seed_bench_assessments")
    first = set(Round.objects.values_list("pk", flat=True))

    run("seed_bench_assessments", "--flush")

    assert first.isdisjoint(Round.objects.values_list("pk", flat=True))
    assert Round.objects.count() == len(first)


def test_it_rebuilds_the_dashboard_summaries_when_they_exist(tiny_scale: list[Network]) -> None:
    rebuild = mock.Mock()
    with mock.patch("importlib.import_module", return_value=mock.Mock(rebuild=rebuild)):
        run("seed_bench_assessments")
    rebuild.assert_called_once_with()


def test_it_says_so_when_the_dashboards_have_no_summaries(tiny_scale: list[Network]) -> None:
    missing = ModuleNotFoundError("No module", name="wayfinder.dashboards.summaries")
    with mock.patch("importlib.import_module", side_effect=missing):
        output = run("seed_bench_assessments")
    assert "no summaries module" in output


def test_it_needs_the_scale_data_first(db: Any) -> None:
    with pytest.raises(CommandError, match="seed_scale"):
        run("seed_bench_assessments")


def test_generated_resources_are_live_searchable_and_added_once(client: Client) -> None:
    output = run("seed_scale_resources", "--count", "6")

    assert "Published 6 generated resources" in output
    pages = ResourcePage.objects.live().filter(slug__startswith=RESOURCE_PREFIX)
    assert pages.count() == 6
    assert all(page.summary and page.dimension_keys and page.support_domain_keys for page in pages)
    word = pages.first().title.split()[0]  # type: ignore[union-attr]
    assert client.get(f"/hub/?q={word}").status_code == 200
    assert ResourcePage.objects.live().search(word).count() >= 1  # type: ignore[attr-defined]

    again = run("seed_scale_resources", "--count", "6")
    assert "already in the hub" in again and "all in the search index" in again
    run("seed_scale_resources", "--count", "8")
    assert ResourcePage.objects.filter(slug__startswith=RESOURCE_PREFIX).count() == 8


def test_generated_resources_are_indexed_even_when_no_worker_ran_the_indexing_tasks(db: Any) -> None:
    run("seed_scale_resources", "--count", "5")
    pages = ResourcePage.objects.live().filter(slug__startswith=RESOURCE_PREFIX)
    word = pages.first().title.split()[0]  # type: ignore[union-attr]
    # What a database built with the database task backend looks like: the indexing tasks queued, never run.
    get_app_config().get_model("IndexEntry").objects.all().delete()
    assert ResourcePage.objects.live().search(word).count() == 0  # type: ignore[attr-defined]

    output = run("seed_scale_resources", "--count", "5")

    assert "Added 5 generated resources to the search index" in output
    found = ResourcePage.objects.live().search(word)  # type: ignore[attr-defined]
    assert found.count() >= 1
    assert all(page.slug.startswith(RESOURCE_PREFIX) for page in found)


@pytest.mark.urls("bench.urls")
def test_the_liveness_page_says_ok_without_a_database_query(client: Client, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.urls("bench.urls")
def test_whoami_says_who_the_session_signs_in(client: Client) -> None:
    assert client.get("/bench/whoami").content == b""

    client.force_login(UserFactory.create(email="lead-1@scale.test"))
    response = client.get("/bench/whoami")

    assert response.status_code == 200
    assert response.content == b"lead-1@scale.test"
    assert response["Content-Type"].startswith("text/plain")
