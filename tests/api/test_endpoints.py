"""The API's endpoints: who sees which frameworks, rounds and results (404 for anything else), saving and
submitting ratings, and what each list costs in queries."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.api.support import call, token_for
from tests.factories import add_raters, build_round, build_version, dimension, level
from wayfinder.api.endpoints_rounds import MAX_PAGE
from wayfinder.assessments.models import Consensus, Perspective, Rater, Rating, Round
from wayfinder.frameworks.models import Descriptor, Dimension, Framework, FrameworkKind

pytestmark = pytest.mark.django_db

ROLES = ["member", "lead", "outsider", "external", "system_lead", "regional_lead", "national", "admin"]


@pytest.fixture
def tokens(world: SimpleNamespace) -> dict[str, str]:
    return {role: token_for(getattr(world, role)) for role in ROLES}


# Frameworks ----------------------------------------------------------------------------------------------------


def draft_framework(world: SimpleNamespace, *, with_published: bool) -> Framework:
    """A framework tailored by system A; version 1 published (or a draft), and a draft of the next version."""
    framework = Framework.objects.create(slug="riverside-matrix", name="Riverside matrix", owner_system=world.system_a)
    number = 1
    if with_published:
        f.FrameworkVersionFactory.create(framework=framework, number=1, status="published")
        number = 2
    f.FrameworkVersionFactory.create(framework=framework, number=number, status="draft")
    return framework


def test_every_signed_in_caller_reads_the_built_in_frameworks(
    world: SimpleNamespace, client: Client, tokens: dict[str, str]
) -> None:
    built_in = set(Framework.objects.filter(built_in=True).values_list("slug", flat=True))
    assert built_in
    for role in ROLES:
        response = call(client, "get", "/frameworks", tokens[role])
        assert response.status_code == 200, role
        slugs = {f["slug"] for f in response.json()}
        assert built_in <= slugs, role
        assert all(f["latest_version"] == 1 for f in response.json() if f["built_in"])


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("member", False),
        ("lead", False),
        ("outsider", False),
        ("system_lead", True),
        ("regional_lead", False),
        ("national", True),
        ("admin", True),
    ],
)
def test_a_draft_is_seen_only_by_those_who_may_edit_it(
    world: SimpleNamespace, client: Client, tokens: dict[str, str], role: str, sees_draft: bool
) -> None:
    draft_framework(world, with_published=False)
    secret = tokens[role]

    listed = {f["slug"] for f in call(client, "get", "/frameworks", secret).json()}
    detail = call(client, "get", "/frameworks/riverside-matrix", secret)
    version = call(client, "get", "/frameworks/riverside-matrix/versions/1", secret)

    assert ("riverside-matrix" in listed) is sees_draft
    assert detail.status_code == version.status_code == (200 if sees_draft else 404)
    if not sees_draft:
        assert detail.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(("role", "sees_draft"), [("member", False), ("system_lead", True)])
def test_a_published_version_is_read_by_all_and_its_draft_successor_only_by_editors(
    world: SimpleNamespace, client: Client, tokens: dict[str, str], role: str, sees_draft: bool
) -> None:
    draft_framework(world, with_published=True)
    secret = tokens[role]

    detail = call(client, "get", "/frameworks/riverside-matrix", secret).json()

    assert detail["latest_version"] == 1
    assert [v["number"] for v in detail["versions"]] == ([2, 1] if sees_draft else [1])
    assert call(client, "get", "/frameworks/riverside-matrix/versions/1", secret).status_code == 200
    draft = call(client, "get", "/frameworks/riverside-matrix/versions/2", secret)
    assert draft.status_code == (200 if sees_draft else 404)
    assert call(client, "get", "/frameworks/riverside-matrix/versions/3", secret).status_code == 404


def test_a_version_comes_with_its_levels_dimensions_and_descriptors(
    world: SimpleNamespace, client: Client, tokens: dict[str, str]
) -> None:
    version = build_version(dimensions=2, levels=3, slug="small-matrix")
    version.perspectives = ["network", "system"]
    version.save(update_fields=["perspectives"])
    Descriptor.objects.create(
        dimension=dimension(version, 1), level=level(version, 2), perspective="network", text="We meet monthly"
    )
    Descriptor.objects.create(
        dimension=dimension(version, 1), level=level(version, 2), perspective="system", text="The system helps"
    )

    data = call(client, "get", "/frameworks/small-matrix/versions/1", tokens["member"]).json()

    assert data["framework"] == "small-matrix" and data["number"] == 1 and data["status"] == "published"
    assert data["perspectives"] == ["network", "system"]
    assert [lv["position"] for lv in data["levels"]] == [1, 2, 3]
    assert [d["key"] for d in data["dimensions"]] == ["dimension-1", "dimension-2"]
    assert data["dimensions"][0]["descriptors"] == [
        {"level": 2, "perspective": "network", "text": "We meet monthly"},
        {"level": 2, "perspective": "system", "text": "The system helps"},
    ]
    assert data["dimensions"][1]["descriptors"] == []


def test_an_unknown_framework_is_404(client: Client, tokens: dict[str, str]) -> None:
    assert call(client, "get", "/frameworks/no-such-thing", tokens["member"]).status_code == 404


# Rounds: who sees what ------------------------------------------------------------------------------------------

# Which roles see a round in each network (everyone else gets 404).
ROUND_VISIBILITY = {
    "restricted": {"member", "lead", "external", "system_lead", "regional_lead", "national", "admin"},
    "confidential": {"member", "lead", "admin"},
    "private": {"member", "lead", "national", "admin"},
}


@pytest.fixture
def rounds(world: SimpleNamespace) -> dict[str, Round]:
    version = build_version(dimensions=3)
    made = {name: build_round(getattr(world, name), version, title=f"Round in {name}") for name in ROUND_VISIBILITY}
    for round_ in made.values():
        add_raters(round_, [[1, 2, 3], [3, 3, 3]])
    return made


@pytest.mark.parametrize("role", ROLES)
def test_the_permission_table_for_rounds_and_results(
    rounds: dict[str, Round], client: Client, tokens: dict[str, str], role: str
) -> None:
    secret = tokens[role]
    listed = {r["id"] for r in call(client, "get", "/rounds", secret).json()["items"]}
    expected_listed = set()
    for network, round_ in rounds.items():
        allowed = role in ROUND_VISIBILITY[network]
        expected = 200 if allowed else 404
        for path in (f"/rounds/{round_.pk}", f"/rounds/{round_.pk}/results"):
            response = call(client, "get", path, secret)
            assert response.status_code == expected, (role, network, path)
            if not allowed:
                assert response.json() == {"detail": "Not Found"}
        if allowed:
            expected_listed.add(round_.pk)
    assert listed == expected_listed


def test_rounds_can_be_filtered_by_network_and_are_paginated(
    world: SimpleNamespace, rounds: dict[str, Round], client: Client, tokens: dict[str, str]
) -> None:
    page = call(client, "get", "/rounds?network=qi-circle", tokens["lead"]).json()
    assert page["count"] == 1 and page["items"][0]["id"] == rounds["restricted"].pk
    assert page["items"][0]["network"] == {"slug": "qi-circle", "name": "Quality Improvement Circle"}
    # A network the caller may not see gives an empty list, not an error.
    assert call(client, "get", "/rounds?network=quiet-network", tokens["system_lead"]).json()["count"] == 0
    first = call(client, "get", "/rounds?page_size=2", tokens["lead"]).json()
    second = call(client, "get", "/rounds?page_size=2&page=2", tokens["lead"]).json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1


def test_round_ids_that_do_not_exist_or_are_not_numbers_are_the_same_json_404(
    rounds: dict[str, Round], client: Client, tokens: dict[str, str]
) -> None:
    missing = max(r.pk for r in rounds.values()) + 100
    paths = [
        f"/rounds/{missing}",
        f"/rounds/{missing}/results",
        "/rounds/abc",
        "/rounds/-1/results",
        "/rounds/1.5/my-ratings",
        "/frameworks/network-maturity-matrix/versions/one",
        "/no-such-thing",
    ]
    for path in paths:
        response = call(client, "get", path, tokens["admin"])
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json; charset=utf-8", path
        # Word for word what a round the caller may not see answers, so ids cannot be probed.
        assert response.json() == {"detail": "Not Found"}, path


@pytest.mark.parametrize("page", [MAX_PAGE + 1, 2**63 + 1, 99999999999999999999])
def test_a_page_number_past_the_limit_is_422_not_a_server_error(
    rounds: dict[str, Round], client: Client, tokens: dict[str, str], page: int
) -> None:
    response = call(client, "get", f"/rounds?page={page}", tokens["lead"])
    assert response.status_code == 422
    assert response.json()["detail"] == f"page: Input should be less than or equal to {MAX_PAGE}"


def test_the_last_page_allowed_is_an_empty_page(
    rounds: dict[str, Round], client: Client, tokens: dict[str, str]
) -> None:
    response = call(client, "get", f"/rounds?page={MAX_PAGE}&page_size={10**30}", tokens["lead"])
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 3}


def test_a_round_says_what_it_is(rounds: dict[str, Round], client: Client, tokens: dict[str, str]) -> None:
    round_ = rounds["restricted"]
    data = call(client, "get", f"/rounds/{round_.pk}", tokens["member"]).json()
    assert data["title"] == "Round in restricted"
    assert data["purpose"] == "baseline"
    assert data["framework"]["slug"] == round_.version.framework.slug and data["framework"]["version"] == 1
    assert data["opens_on"] == round_.opens_on.isoformat()
    assert data["is_open"] is True


# Results -----------------------------------------------------------------------------------------------------


def test_results_carry_aggregates_and_never_a_raters_name_or_email(
    world: SimpleNamespace, client: Client, tokens: dict[str, str]
) -> None:
    version = build_version(dimensions=3)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[1, 2, 3], [3, 2, 3]], users=[world.member, world.lead], evidence="Private words")
    add_raters(round_, [[2, 2, 2]], perspective=Perspective.EXTERNAL)
    Consensus.objects.create(round=round_, dimension=dimension(version, 2), level=level(version, 2), notes="Agreed")

    response = call(client, "get", f"/rounds/{round_.pk}/results", tokens["system_lead"])

    data = response.json()
    first, second, _ = data["dimensions"]
    assert first["all"] == {"count": 3, "median": 2.0, "lowest": 1, "highest": 3, "spread": 2}
    assert first["flagged"] is True and second["flagged"] is False
    assert first["internal"]["count"] == 2 and first["external"]["count"] == 1
    assert first["distribution"] == [1, 1, 1, 0, 0]
    assert first["consensus"]["agreed"] is False and first["consensus"]["level"] == 1
    assert second["consensus"] == {
        "level": 2,
        "level_name": "Emerging",
        "agreed": True,
        "lowest": 2,
        "highest": 2,
        "notes": "Agreed",
    }
    assert data["raters"]["invited"] == 3 and data["raters"]["rated_external"] == 1
    assert data["flagged_count"] == 1
    text = response.content.decode()
    for person in (world.member, world.lead):
        assert person.email not in text and person.full_name not in text
    assert "@example.org" not in text and "Rater Person" not in text and "Private words" not in text


def test_survey_results_show_no_figures_until_five_have_answered(
    world: SimpleNamespace, client: Client, tokens: dict[str, str]
) -> None:
    version = build_version(dimensions=2, kind=FrameworkKind.SURVEY)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[4, 4]] * 4, evidence="A comment about our meetings")

    data = call(client, "get", f"/rounds/{round_.pk}/results", tokens["member"]).json()

    assert data["is_survey"] is True
    assert data["survey"] == {"respondents": 4, "minimum": 5, "enough": False, "comments": []}
    for d in data["dimensions"]:
        assert d["suppressed"] is True
        assert d["all"] is None and d["distribution"] == [] and d["current"] is None

    add_raters(round_, [[5, 3]], evidence="Another comment")
    data = call(client, "get", f"/rounds/{round_.pk}/results", tokens["member"]).json()

    assert data["survey"]["enough"] is True and len(data["survey"]["comments"]) == 10
    assert data["dimensions"][0]["all"]["count"] == 5 and data["dimensions"][0]["suppressed"] is False


# My ratings -------------------------------------------------------------------------------------------------


@pytest.fixture
def rating_round(world: SimpleNamespace) -> Round:
    """An open round in the restricted network with the member invited to rate (nothing rated yet)."""
    version = build_version(dimensions=3, levels=5)
    round_ = build_round(world.restricted, version)
    add_raters(round_, [[]], users=[world.member], submitted=False)
    return round_


def my(round_: Round, suffix: str = "") -> str:
    return f"/rounds/{round_.pk}/my-ratings{suffix}"


def test_a_rater_reads_saves_and_submits_their_ratings(
    world: SimpleNamespace, rating_round: Round, client: Client, tokens: dict[str, str]
) -> None:
    secret = tokens["member"]

    before = call(client, "get", my(rating_round), secret).json()
    assert before["submitted_at"] is None and before["is_open"] is True and before["perspective"] == "member"
    assert [(r["dimension"], r["level"]) for r in before["ratings"]] == [
        ("dimension-1", None),
        ("dimension-2", None),
        ("dimension-3", None),
    ]

    body = {"level": 3, "evidence": "Minutes", "confidence": "high"}
    saved = call(client, "put", my(rating_round, "/dimension-1"), secret, body)
    assert saved.status_code == 200
    assert saved.json() == {
        "dimension": "dimension-1",
        "dimension_name": "Dimension 1 of the matrix",
        "level": 3,
        "level_name": "Developing",
        "evidence": "Minutes",
        "confidence": "high",
    }
    rating = Rating.objects.get(rater__user=world.member)
    assert (rating.level.position, rating.evidence, rating.confidence) == (3, "Minutes", "high")

    # Not every dimension rated yet: refused with the service's message.
    early = call(client, "post", my(rating_round, "/submit"), secret)
    assert early.status_code == 422 and isinstance(early.json()["detail"], str) and early.json()["detail"]

    for key in ("dimension-2", "dimension-3"):
        assert call(client, "put", my(rating_round, f"/{key}"), secret, {"level": 2}).status_code == 200
    submitted = call(client, "post", my(rating_round, "/submit"), secret)
    assert submitted.status_code == 200
    assert submitted.json()["submitted_at"] is not None
    assert Rater.objects.get(user=world.member).submitted_at is not None

    again = call(client, "post", my(rating_round, "/submit"), secret)
    assert again.status_code == 409 and again.json()["detail"]


def test_a_level_that_is_not_in_the_framework_is_422_with_a_clear_message(
    rating_round: Round, client: Client, tokens: dict[str, str]
) -> None:
    for level_position in (0, 6, 99):
        response = call(client, "put", my(rating_round, "/dimension-1"), tokens["member"], {"level": level_position})
        assert response.status_code == 422
        assert response.json()["detail"] == (
            f"Level {level_position} is not a level of this framework. Choose a level from 1 to 5."
        )
    assert not Rating.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"level": "three"}, {"level": 2, "confidence": "certain"}, {"level": None}, {"level": 2, "evidence": 5}],
)
def test_a_body_of_the_wrong_shape_is_422(
    rating_round: Round, client: Client, tokens: dict[str, str], body: dict[str, Any]
) -> None:
    response = call(client, "put", my(rating_round, "/dimension-1"), tokens["member"], body)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]
    assert not Rating.objects.exists()


def test_evidence_with_a_nul_character_is_422_with_a_clear_message(
    rating_round: Round, client: Client, tokens: dict[str, str]
) -> None:
    body = {"level": 2, "evidence": "Minutes\u0000 of the meeting"}
    response = call(client, "put", my(rating_round, "/dimension-1"), tokens["member"], body)
    assert response.status_code == 422
    assert response.json()["detail"] == "evidence: Text cannot contain a NUL character (\\u0000). Remove it."
    assert not Rating.objects.exists()


def test_a_dimension_from_another_framework_or_an_unknown_key_is_404(
    rating_round: Round, client: Client, tokens: dict[str, str]
) -> None:
    other = build_version(dimensions=1)
    Dimension.objects.filter(version=other).update(key="other-dimension")
    for key in ("other-dimension", "no-such-dimension"):
        response = call(client, "put", my(rating_round, f"/{key}"), tokens["member"], {"level": 2})
        assert response.status_code == 404
    assert not Rating.objects.exists()


@pytest.mark.parametrize("role", ["lead", "system_lead", "national", "admin", "outsider"])
def test_callers_not_invited_to_rate_get_404(
    rating_round: Round, client: Client, tokens: dict[str, str], role: str
) -> None:
    secret = tokens[role]
    assert call(client, "get", my(rating_round), secret).status_code == 404
    assert call(client, "put", my(rating_round, "/dimension-1"), secret, {"level": 2}).status_code == 404
    assert call(client, "post", my(rating_round, "/submit"), secret).status_code == 404
    assert not Rating.objects.exists()


def test_a_rater_in_a_round_they_can_no_longer_see_gets_404(
    world: SimpleNamespace, client: Client, tokens: dict[str, str]
) -> None:
    # Invited while a member, then left the network: the round is not theirs to see any more.
    version = build_version(dimensions=1)
    round_ = build_round(world.private, version)
    add_raters(round_, [[]], users=[world.outsider], submitted=False)
    assert call(client, "get", my(round_), tokens["outsider"]).status_code == 404
    assert call(client, "put", my(round_, "/dimension-1"), tokens["outsider"], {"level": 1}).status_code == 404


def test_ratings_are_refused_after_the_round_closes(
    world: SimpleNamespace, rating_round: Round, client: Client, tokens: dict[str, str]
) -> None:
    secret = tokens["member"]
    for key in ("dimension-1", "dimension-2", "dimension-3"):
        call(client, "put", my(rating_round, f"/{key}"), secret, {"level": 2})
    rating_round.opens_on = timezone.localdate() - timedelta(days=40)
    rating_round.closes_on = timezone.localdate() - timedelta(days=1)
    rating_round.save(update_fields=["opens_on", "closes_on"])

    assert call(client, "get", my(rating_round), secret).json()["is_open"] is False
    saved = call(client, "put", my(rating_round, "/dimension-1"), secret, {"level": 4})
    submitted = call(client, "post", my(rating_round, "/submit"), secret)

    assert saved.status_code == 422 and saved.json()["detail"]
    assert submitted.status_code == 422 and submitted.json()["detail"]
    assert set(Rating.objects.values_list("level__position", flat=True)) == {2}
    assert Rater.objects.get(user=world.member).submitted_at is None


def test_one_raters_ratings_are_not_anothers(
    world: SimpleNamespace, rating_round: Round, client: Client, tokens: dict[str, str]
) -> None:
    add_raters(rating_round, [[5, 5, 5]], users=[world.external])
    mine = call(client, "get", my(rating_round), tokens["member"]).json()
    assert all(r["level"] is None for r in mine["ratings"])
    theirs = call(client, "get", my(rating_round), tokens["external"]).json()
    assert [r["level"] for r in theirs["ratings"]] == [5, 5, 5]


# What each endpoint costs ------------------------------------------------------------------------------------


def more_frameworks(count: int) -> None:
    for _ in range(count):
        build_version(dimensions=2, levels=2)


def more_rounds(world: SimpleNamespace, count: int) -> None:
    version = build_version(dimensions=2)
    for n in range(count):
        build_round([world.restricted, world.open, world.private][n % 3], version, title=f"Round {n}")


@pytest.mark.parametrize(
    ("path", "grow", "bound"),
    [
        ("/frameworks", lambda world, n: more_frameworks(n), 5),
        ("/rounds", lambda world, n: more_rounds(world, n), 7),
        ("/rounds?network=qi-circle", lambda world, n: more_rounds(world, n), 7),
    ],
)
def test_each_list_costs_a_fixed_number_of_queries(
    world: SimpleNamespace,
    client: Client,
    django_assert_max_num_queries: Any,
    path: str,
    grow: Callable[[SimpleNamespace, int], None],
    bound: int,
) -> None:
    secret = token_for(world.national)
    for size in (2, 15):
        grow(world, size)
        with django_assert_max_num_queries(bound):
            response = call(client, "get", path, secret)
        assert response.status_code == 200


def test_results_and_my_ratings_cost_a_fixed_number_of_queries(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    secret = token_for(world.member)
    for raters, dimensions in ((2, 3), (30, 12)):
        version = build_version(dimensions=dimensions, slug=f"sized-{uuid.uuid4().hex[:6]}")
        round_ = build_round(world.restricted, version)
        add_raters(round_, [[2] * dimensions] * raters)
        add_raters(round_, [[3] * dimensions], users=[world.member], submitted=False)
        with django_assert_max_num_queries(12):
            assert call(client, "get", f"/rounds/{round_.pk}/results", secret).status_code == 200
        with django_assert_max_num_queries(9):
            assert call(client, "get", my(round_), secret).status_code == 200
        with django_assert_max_num_queries(8):
            assert call(client, "get", f"/frameworks/{version.framework.slug}/versions/1", secret).status_code == 200


def test_writes_need_no_csrf_token_because_they_need_a_bearer_token(
    world: SimpleNamespace, rating_round: Round, tokens: dict[str, str]
) -> None:
    client = Client(enforce_csrf_checks=True)
    response = call(client, "put", my(rating_round, "/dimension-1"), tokens["member"], {"level": 2})
    assert response.status_code == 200


def test_a_method_an_address_does_not_take_is_a_json_405_that_says_which_it_takes(
    rounds: dict[str, Round], client: Client, tokens: dict[str, str]
) -> None:
    response = call(client, "delete", f"/rounds/{rounds['restricted'].pk}", tokens["lead"])
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "This address does not take that method. It takes GET."}


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"level": 3', "The request body is not valid JSON (Expecting ',' delimiter at line 1, column 12). "),
        (b"level=3", "The request body is not valid JSON (Expecting value at line 1, column 1). "),
        (b'{"level": 3, "evidence": "\xff"}', "The request body cannot be read as JSON. "),
        (b'{"level": ' + b"9" * 5000 + b"}", "The request body cannot be read as JSON. "),
    ],
)
def test_a_body_that_is_not_json_is_a_400_that_says_so(
    rating_round: Round, client: Client, tokens: dict[str, str], body: bytes, detail: str
) -> None:
    response = client.put(
        f"/api/v1{my(rating_round, '/dimension-1')}",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {tokens['member']}"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": detail + 'Send a JSON object, for example {"level": 3}.'}
    assert not Rating.objects.exists()
