"""A round's results: the arithmetic per dimension, who may see them, and what the page shows and costs."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories as f
from tests.factories import add_raters, build_round, build_version, dimension, level
from tests.signing_in import sign_in
from wayfinder.assessments import queries
from wayfinder.assessments.models import Consensus, Perspective, Round, Target
from wayfinder.frameworks.models import Dimension, FrameworkKind, Level
from wayfinder.networks.models import Network, NetworkRole

pytestmark = pytest.mark.django_db

# Parts other apps add cost a query each at most when what they keep is stale: events' kept list of coming events,
# learning's units' tags (read once per process, learning/recommend.py) and the header's count of new community
# notifications on a cold cache; "networks that could help" reads the round's framework and the peers' agreed
# levels (two queries, for the network's leads).
MAX_RESULTS_QUERIES = 17


def results_url(round_: Round) -> str:
    return f"/rounds/{round_.pk}/results/"


# The arithmetic -------------------------------------------------------------------------------------------


def test_it_summarises_each_dimension_from_saved_ratings(world: SimpleNamespace) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[1, 2, 3], [3, 2, 3]])
    add_raters(round_, [[2, 2, None]], submitted=False)

    results = queries.round_results(round_)

    first, second, third = results.dimensions
    assert (first.all.count, first.all.median, first.all.lowest, first.all.highest) == (3, 2.0, 1, 3)
    assert first.all.spread == 2
    assert first.distribution == (1, 1, 1, 0, 0)
    assert (second.all.count, second.all.spread) == (3, 0)
    assert third.all.count == 2
    assert results.raters.invited == 3
    assert results.raters.rated == 3
    assert results.raters.submitted == 2


def test_it_flags_a_two_level_disagreement(world: SimpleNamespace) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[1, 2, 2], [3, 3, 2]])

    results = queries.round_results(round_)

    assert [d.flagged for d in results.dimensions] == [True, False, False]


def test_it_shows_the_lowest_level_as_not_yet_agreed_until_consensus_is_recorded(world: SimpleNamespace) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[2, 2, 2], [4, 3, 5]])
    Consensus.objects.create(round=round_, dimension=dimension(version, 1), level=level(version, 3), notes="Agreed")

    results = queries.round_results(round_)

    agreed, default, _ = (d.agreed for d in results.dimensions)
    assert agreed is not None and agreed.agreed and agreed.level == 3 and agreed.notes == "Agreed"
    assert default is not None and not default.agreed and default.level == 2
    assert results.agreed_count == 1


def test_internal_and_external_views_are_kept_apart(world: SimpleNamespace) -> None:
    version = build_version(dimensions=4)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 4, 4, 3], [5, 4, 4, 3]], perspective=Perspective.MEMBER)
    add_raters(round_, [[4, 4, 4, 3]], perspective=Perspective.STEERING)
    add_raters(round_, [[2, 2, 3, 3], [2, 3, 3, 3]], perspective=Perspective.EXTERNAL)

    results = queries.round_results(round_)

    first = results.dimensions[0]
    assert (first.internal.count, first.internal.median) == (3, 4.0)
    assert (first.external.count, first.external.median) == (2, 2.0)
    assert first.distribution_internal == (0, 0, 0, 2, 1)
    assert first.distribution_external == (0, 2, 0, 0, 0)
    assert results.raters.rated_internal == 3 and results.raters.rated_external == 2
    assert results.rates_itself_higher


def test_it_does_not_warn_when_outsiders_agree(world: SimpleNamespace) -> None:
    version = build_version(dimensions=4)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[3, 3, 3, 3]], perspective=Perspective.MEMBER)
    add_raters(round_, [[3, 3, 3, 3]], perspective=Perspective.EXTERNAL)

    assert not queries.round_results(round_).rates_itself_higher


def test_gap_is_measured_from_the_agreed_level_or_else_the_median(world: SimpleNamespace) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[1, 2, 4], [2, 2, 4]])
    Consensus.objects.create(round=round_, dimension=dimension(version, 2), level=level(version, 2))
    due = timezone.localdate() + timedelta(days=365)
    for key, position in [("dimension-1", 4), ("dimension-2", 4), ("dimension-3", 3)]:
        Target.objects.create(
            network=world.restricted,
            framework=version.framework,
            dimension_key=key,
            level_position=position,
            due_on=due,
        )

    results = queries.round_results(round_)

    assert [d.gap for d in results.dimensions] == [2.5, 2.0, 0.0]
    assert results.dimensions[0].target is not None
    assert results.dimensions[0].target.level_name == "Established"


def test_earlier_rounds_are_compared_by_dimension_key(world: SimpleNamespace) -> None:
    old_version = build_version(dimensions=3)
    framework = old_version.framework
    new_version = f.FrameworkVersionFactory.create(framework=framework, number=2, status="published")
    Level.objects.bulk_create(Level(version=new_version, position=p, name=f"L{p}") for p in range(1, 6))
    # The new version reorders the dimensions; keys follow them.
    for position, key in [(1, "dimension-3"), (2, "dimension-1"), (3, "dimension-2")]:
        Dimension.objects.create(version=new_version, position=position, key=key, name=key)
    baseline = build_round(world.restricted, old_version, opens_on=date(2024, 4, 1))
    add_raters(baseline, [[1, 2, 3]])
    Consensus.objects.create(round=baseline, dimension=dimension(old_version, 1), level=level(old_version, 1))
    other_network = build_round(world.open, old_version, opens_on=date(2024, 5, 1))
    add_raters(other_network, [[5, 5, 5]])
    later = build_round(world.restricted, new_version, opens_on=date(2025, 4, 1))
    add_raters(later, [[3, 3, 4]])

    results = queries.round_results(later)

    assert [e.label for e in results.earlier_rounds] == ["Baseline, April 2024"]
    by_key = {d.key: d.earlier[0] for d in results.dimensions}
    assert by_key["dimension-1"].median == 1.0 and by_key["dimension-1"].agreed == 1
    assert by_key["dimension-3"].median == 3.0 and by_key["dimension-3"].agreed is None
    assert queries.round_results(baseline).earlier_rounds == ()


def test_raters_are_numbered_without_names(world: SimpleNamespace) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[1, 2, 3], [2, 3, 4]], evidence="We meet monthly")

    results = queries.round_results(round_)

    assert sorted({r.rater_number for r in results.ratings}) == [1, 2]
    assert len(results.ratings) == 6
    text = repr(results)
    assert "@example.org" not in text and "Rater Person" not in text


# Surveys --------------------------------------------------------------------------------------------------


def test_survey_results_are_hidden_until_five_people_answer(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=4, kind=FrameworkKind.SURVEY)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 4, 4, 4]] * 4, evidence="A comment about our meetings")

    results = queries.round_results(round_)

    assert results.survey is not None and not results.survey.enough
    assert all(d.suppressed and d.all.median is None for d in results.dimensions)
    assert results.survey.comments == () and results.ratings == ()
    client.force_login(world.member)
    page = client.get(results_url(round_)).content.decode()
    assert "Results appear once at least 5 people have answered" in page
    assert "A comment about our meetings" not in page


def test_survey_shows_aggregates_and_unnamed_comments_from_five_answers(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=4, kind=FrameworkKind.SURVEY)
    round_ = build_round(world.restricted, version)
    people = [f.UserFactory.create(full_name=f"Survey Person {n}") for n in range(5)]
    add_raters(round_, [[4, 3, 5, 2]] * 5, evidence="Meetings are useful", users=people)
    # A sixth person answers only the first statement: the others still show, that one too.
    add_raters(round_, [[1, None, None, None]])

    results = queries.round_results(round_)

    assert results.survey is not None and results.survey.enough and results.survey.respondents == 6
    assert [d.all.median for d in results.dimensions] == [4.0, 3.0, 5.0, 2.0]
    assert results.ratings == ()
    client.force_login(world.member)
    page = client.get(results_url(round_)).content.decode()
    assert "Meetings are useful" in page
    for person in people:
        assert person.full_name not in page and person.email not in page


def test_a_survey_statement_with_fewer_than_five_answers_is_not_shown(world: SimpleNamespace) -> None:
    version = build_version(dimensions=2, kind=FrameworkKind.SURVEY)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, None]] * 3 + [[4, 2]] * 3)

    first, second = queries.round_results(round_).dimensions

    assert not first.suppressed and first.all.count == 6
    assert second.suppressed and second.all.median is None and second.distribution == (0, 0, 0, 0, 0)


# The page -------------------------------------------------------------------------------------------------


def _page(client: Client, user: Any, round_: Round) -> str:
    client.force_login(user)
    response = client.get(results_url(round_))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_flags_consensus_targets_and_the_chart(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=4)
    round_ = build_round(world.restricted, version, title="Spring baseline")
    add_raters(round_, [[1, 3, 3, 3], [3, 3, 3, 3]], perspective=Perspective.MEMBER)
    add_raters(round_, [[2, 3, 3, 3]], perspective=Perspective.EXTERNAL, submitted=False)
    Consensus.objects.create(round=round_, dimension=dimension(version, 2), level=level(version, 3))
    Target.objects.create(
        network=world.restricted,
        framework=version.framework,
        dimension_key="dimension-2",
        level_position=5,
        due_on=date(2030, 3, 31),
    )

    page = _page(client, world.member, round_)

    assert "Results: Spring baseline" in page
    assert page.count("Discuss: views differ by 2 levels or more") == 1
    assert "Lowest rating given, not yet agreed" in page
    assert "Level 3: Developing" in page
    assert "Level 5: Thriving" in page and "31 March 2030" in page
    assert "3 of 3 invited raters have given ratings" in page
    assert "2 have submitted" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "Set targets" not in page  # members see results but do not set targets
    assert "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_page_warns_when_the_network_rates_itself_higher(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 4, 4]] * 3, perspective=Perspective.STEERING)
    add_raters(round_, [[2, 2, 3]], perspective=Perspective.EXTERNAL)

    assert "The network rates itself higher than outsiders do" in _page(client, world.member, round_)


def test_the_page_does_not_warn_without_outside_views(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 4, 4]] * 3)

    page = _page(client, world.member, round_)

    assert "rates itself higher" not in page
    assert "No external raters have given ratings" in page


def test_leads_get_a_link_to_set_targets(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 4, 4]])

    page = _page(client, world.lead, round_)

    assert f"/networks/qi-circle/targets/{version.framework.slug}/" in page


def test_the_page_says_when_no_one_has_rated(world: SimpleNamespace, client: Client) -> None:
    round_ = build_round(world.restricted, build_version(dimensions=3))

    assert "No one has saved a rating yet" in _page(client, world.member, round_)


def _big_round(network: Network, raters: int, dimensions: int) -> Round:
    version = build_version(dimensions=dimensions)
    earlier = build_round(network, version, opens_on=date(2024, 1, 10))
    add_raters(earlier, [[(r + d) % 5 + 1 for d in range(dimensions)] for r in range(raters)])
    Consensus.objects.bulk_create(
        Consensus(round=earlier, dimension=dimension(version, p), level=level(version, 2))
        for p in range(1, dimensions + 1)
    )
    round_ = build_round(network, version, opens_on=date(2025, 1, 10))
    internal = raters * 2 // 3
    add_raters(round_, [[(r * 7 + d) % 5 + 1 for d in range(dimensions)] for r in range(internal)], evidence="Evidence")
    add_raters(
        round_,
        [[(r + d) % 3 + 1 for d in range(dimensions)] for r in range(raters - internal)],
        perspective=Perspective.EXTERNAL,
    )
    Consensus.objects.create(round=round_, dimension=dimension(version, 1), level=level(version, 3))
    Target.objects.bulk_create(
        Target(
            network=network,
            framework=version.framework,
            dimension_key=f"dimension-{p}",
            level_position=4,
            due_on=date(2030, 1, 1),
        )
        for p in range(1, dimensions + 1)
    )
    return round_


def _count_queries(client: Client, round_: Round) -> int:
    cache.clear()  # the page as drawn, not as kept in the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(results_url(round_))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_page_costs_a_fixed_number_of_queries(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    big = _big_round(world.restricted, raters=60, dimensions=20)
    small = _big_round(world.open, raters=5, dimensions=3)
    client.force_login(world.lead)

    with django_assert_max_num_queries(MAX_RESULTS_QUERIES):
        response = client.get(results_url(big))
    assert response.status_code == 200
    assert "Dimension 20 of the matrix" in response.content.decode()

    assert _count_queries(client, big) == _count_queries(client, small)


# Who may see results --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "network", "status"),
    [
        ("outsider", "restricted", 404),
        ("member", "restricted", 200),
        ("lead", "restricted", 200),
        ("external", "restricted", 200),
        ("system_lead", "restricted", 200),
        ("regional_lead", "restricted", 200),
        ("national", "restricted", 200),
        ("admin", "restricted", 200),
        ("other_member", "restricted", 404),
        ("system_lead", "private", 404),  # another system's private network
        ("system_lead", "confidential", 404),  # overseers never see confidential networks
        ("member", "confidential", 200),
    ],
)
def test_who_may_see_results(world: SimpleNamespace, client: Client, person: str, network: str, status: int) -> None:
    world.other_member = f.UserFactory.create(email="other@example.org")
    f.MembershipFactory.create(user=world.other_member, network=world.private, role=NetworkRole.MEMBER)
    round_ = build_round(getattr(world, network), build_version(dimensions=3))
    add_raters(round_, [[1, 2, 3]])
    sign_in(client, getattr(world, person))

    for suffix in ["results/", "results.csv"]:
        assert client.get(f"/rounds/{round_.pk}/{suffix}").status_code == status, suffix


def test_a_tampered_round_id_gets_404(world: SimpleNamespace, client: Client) -> None:
    round_ = build_round(world.restricted, build_version(dimensions=3))
    sign_in(client, world.admin)

    assert client.get(f"/rounds/{round_.pk + 1000}/results/").status_code == 404


def test_signed_out_people_are_asked_to_sign_in(world: SimpleNamespace, client: Client) -> None:
    round_ = build_round(world.restricted, build_version(dimensions=3))

    response = client.get(results_url(round_))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_counts_on_the_page_agree_with_their_number(world: SimpleNamespace, client: Client) -> None:
    round_ = build_round(world.restricted, build_version(dimensions=1))
    add_raters(round_, [[1]])
    page = _page(client, world.member, round_)
    assert "1 of 1 invited rater has given ratings" in page
    assert "1 has submitted" in page

    add_raters(round_, [[3]])
    page = _page(client, world.member, round_)
    assert "2 of 2 invited raters have given ratings" in page
    assert "1 of 1 dimension is marked for discussion" in page


def test_survey_counts_on_the_page_agree_with_their_number(world: SimpleNamespace, client: Client) -> None:
    round_ = build_round(world.restricted, build_version(dimensions=2, kind=FrameworkKind.SURVEY))
    add_raters(round_, [[1, 2]])
    assert "1 of 1 person invited has answered" in _page(client, world.member, round_)


def test_the_page_labels_a_level_named_by_its_number_once(world: SimpleNamespace, client: Client) -> None:
    version = build_version(dimensions=1)
    version.levels.filter(position=3).update(name="Three")
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[3], [3]], evidence="We meet every week")
    Consensus.objects.create(round=round_, dimension=dimension(version, 1), level=level(version, 3))
    page = _page(client, world.member, round_)
    assert "chose Level 3." in page and "<li>Level 3</li>" in page and "<li>Level 2: Emerging</li>" in page
    assert "3 Three" not in page and "Level 3: Three" not in page
