"""Rating: one question per page, saving and coming back, checking answers, submitting, and bad input."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from markupsafe import escape

from tests.assessments.test_rounds import open_round
from tests.signing_in import sign_in
from wayfinder.assessments import services
from wayfinder.assessments.models import Perspective, Rater, Rating, Round
from wayfinder.frameworks.models import Descriptor, FrameworkVersion, Level, VersionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(world: SimpleNamespace) -> SimpleNamespace:
    round_ = open_round(world)
    member, _ = services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    external, token = services.rater_invite(
        round_=round_, email="partner@example.org", perspective=Perspective.EXTERNAL, invited_by=world.lead
    )
    dimensions = list(round_.version.dimensions.order_by("position"))
    levels = list(round_.version.levels.order_by("position"))
    return SimpleNamespace(
        round=round_, member=member, external=external, token=token, dimensions=dimensions, levels=levels
    )


def answer_all(rater: Rater, dimensions: list[Any], level: Level) -> None:
    for dimension in dimensions:
        services.rating_save(rater=rater, dimension_id=dimension.pk, level_id=level.pk)


def test_the_rater_is_told_who_sees_what_before_the_first_question(client: Client, world: Any, rated: Any) -> None:
    sign_in(client, world.member)
    page = client.get(f"/rounds/{rated.round.pk}/rate/").content.decode()
    assert "Who will see your answers" in page
    assert "see everyone&#39;s answers together" in page or "see everyone's answers together" in page
    assert "whether you have finished, but not what you chose" in page


def test_a_question_shows_every_level_and_saves_the_answer(client: Client, world: Any, rated: Any) -> None:
    sign_in(client, world.member)
    first, second = rated.dimensions[0], rated.dimensions[1]
    url = f"/rounds/{rated.round.pk}/rate/{first.pk}/"
    page = client.get(url).content.decode()
    for level in rated.levels:
        assert level.name in page
    assert "Which level best describes the network now?" in page
    response = client.post(
        url, {"level": rated.levels[1].pk, "evidence": "We meet monthly", "confidence": "high", "action": "continue"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/rounds/{rated.round.pk}/rate/{second.pk}/"
    rating = Rating.objects.get(rater=rated.member, dimension=first)
    assert rating.level == rated.levels[1] and rating.evidence == "We meet monthly" and rating.confidence == "high"
    # Changing the answer replaces it.
    client.post(url, {"level": rated.levels[2].pk, "action": "later"})
    assert Rating.objects.get(rater=rated.member, dimension=first).level == rated.levels[2]


def test_save_and_come_back_later_returns_to_the_questions(client: Client, world: Any, rated: Any) -> None:
    sign_in(client, world.member)
    url = f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/"
    response = client.post(url, {"level": rated.levels[0].pk, "action": "later"})
    assert response["Location"] == f"/rounds/{rated.round.pk}/rate/"
    page = client.get(response["Location"]).content.decode()
    assert "Continue" in page and "Answered" in page


def test_no_level_chosen_gets_a_clear_message(client: Client, world: Any, rated: Any) -> None:
    sign_in(client, world.member)
    response = client.post(f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/", {"action": "continue"})
    assert response.status_code == 400
    assert "Choose a level" in response.content.decode()
    assert not Rating.objects.exists()


def test_a_level_from_another_framework_is_refused(client: Client, world: Any, rated: Any) -> None:
    other = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED)
    foreign = other.levels.get(position=5)
    sign_in(client, world.member)
    response = client.post(
        f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/", {"level": foreign.pk, "action": "continue"}
    )
    assert response.status_code == 400
    assert "Choose one of the levels shown" in response.content.decode()
    with pytest.raises(ValidationError, match="Choose one of the levels shown"):
        services.rating_save(rater=rated.member, dimension_id=rated.dimensions[0].pk, level_id=foreign.pk)
    other_dimension = other.dimensions.first()
    assert other_dimension is not None
    with pytest.raises(ValidationError, match="not part of this round"):
        services.rating_save(rater=rated.member, dimension_id=other_dimension.pk, level_id=rated.levels[0].pk)
    assert not Rating.objects.exists()


def test_a_tampered_question_id_is_not_found(client: Client, world: Any, rated: Any) -> None:
    sign_in(client, world.member)
    other = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED)
    foreign = other.dimensions.first()
    assert foreign is not None
    assert client.get(f"/rounds/{rated.round.pk}/rate/{foreign.pk}/").status_code == 404
    assert client.get(f"/rate/{rated.token}/{foreign.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["lead", "outsider", "system_lead", "national"])
def test_a_person_who_was_not_invited_cannot_rate(client: Client, world: Any, rated: Any, who: str) -> None:
    sign_in(client, getattr(world, who))
    assert client.get(f"/rounds/{rated.round.pk}/rate/").status_code == 404
    response = client.post(f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/", {"level": rated.levels[0].pk})
    assert response.status_code == 404
    assert not Rating.objects.exists()


def test_a_wrong_link_is_not_found_and_signed_out_people_are_asked_to_sign_in(client: Client, rated: Any) -> None:
    assert client.get("/rate/not-a-real-token/").status_code == 404
    assert client.get(f"/rate/{rated.token[:-1]}x/").status_code == 404
    response = client.get(f"/rounds/{rated.round.pk}/rate/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_external_rater_rates_and_submits_by_their_link(client: Client, rated: Any) -> None:
    base = f"/rate/{rated.token}/"
    for dimension in rated.dimensions:
        response = client.post(f"{base}{dimension.pk}/", {"level": rated.levels[0].pk, "action": "continue"})
        assert response.status_code == 302
    assert response["Location"] == f"{base}check/"
    page = client.get(f"{base}check/").content.decode()
    assert "Check your answers" in page and "Submit ratings" in page
    assert client.post(f"{base}check/")["Location"] == f"{base}done/"
    rated.external.refresh_from_db()
    assert rated.external.submitted_at is not None
    assert "Ratings submitted" in client.get(f"{base}done/").content.decode()


def test_submitting_with_questions_unanswered_is_refused(client: Client, world: Any, rated: Any) -> None:
    services.rating_save(rater=rated.member, dimension_id=rated.dimensions[0].pk, level_id=rated.levels[0].pk)
    sign_in(client, world.member)
    response = client.post(f"/rounds/{rated.round.pk}/rate/check/")
    assert response.status_code == 400
    remaining = len(rated.dimensions) - 1
    assert f"{remaining} are not answered yet" in response.content.decode()
    rated.member.refresh_from_db()
    assert rated.member.submitted_at is None


def test_a_double_submit_writes_nothing_and_says_so(client: Client, world: Any, rated: Any) -> None:
    answer_all(rated.member, rated.dimensions, rated.levels[1])
    sign_in(client, world.member)
    assert client.post(f"/rounds/{rated.round.pk}/rate/check/").status_code == 302
    rated.member.refresh_from_db()
    first_submitted = rated.member.submitted_at
    response = client.post(f"/rounds/{rated.round.pk}/rate/check/")
    assert response.status_code == 400
    assert "You have already submitted these ratings." in response.content.decode()
    rated.member.refresh_from_db()
    assert rated.member.submitted_at == first_submitted


def test_answers_can_change_after_submitting_until_the_round_closes(client: Client, world: Any, rated: Any) -> None:
    answer_all(rated.member, rated.dimensions, rated.levels[1])
    services.rating_submit(rater=rated.member)
    services.rating_save(rater=rated.member, dimension_id=rated.dimensions[0].pk, level_id=rated.levels[3].pk)
    rated.member.refresh_from_db()
    assert services.rater_has_unsent_changes(rated.member)
    sign_in(client, world.member)
    assert "Submit your changes" in client.get(f"/rounds/{rated.round.pk}/rate/check/").content.decode()
    assert not services.rater_has_unsent_changes(services.rating_submit(rater=rated.member))


def test_a_rating_after_the_round_closed_is_refused(client: Client, world: Any, rated: Any) -> None:
    Round.objects.filter(pk=rated.round.pk).update(
        opens_on=timezone.localdate() - timedelta(days=20), closes_on=timezone.localdate() - timedelta(days=1)
    )
    rated.member.round.refresh_from_db()
    with pytest.raises(ValidationError, match="Ratings can no longer be changed"):
        services.rating_save(rater=rated.member, dimension_id=rated.dimensions[0].pk, level_id=rated.levels[0].pk)
    sign_in(client, world.member)
    response = client.post(f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/", {"level": rated.levels[0].pk})
    assert response.status_code == 400
    assert "Ratings can no longer be changed" in response.content.decode()
    assert not Rating.objects.exists()
    with pytest.raises(ValidationError, match="Ratings can no longer be changed"):
        services.rating_submit(rater=rated.member)


def test_a_survey_asks_how_much_people_agree(client: Client, world: Any) -> None:
    survey = FrameworkVersion.objects.get(framework__slug="network-health-survey", status=VersionStatus.PUBLISHED)
    round_ = open_round(world, version=survey)
    services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    sign_in(client, world.member)
    first = survey.dimensions.order_by("position").first()
    assert first is not None
    page = client.get(f"/rounds/{round_.pk}/rate/{first.pk}/").content.decode()
    assert "How much do you agree?" in page and "Comments" in page


def test_rating_pages_cost_a_fixed_number_of_queries(
    client: Client, world: Any, rated: Any, django_assert_max_num_queries: Any
) -> None:
    answer_all(rated.member, rated.dimensions, rated.levels[1])
    sign_in(client, world.member)
    for url in ("", f"{rated.dimensions[2].pk}/", "check/"):
        with django_assert_max_num_queries(14):
            assert client.get(f"/rounds/{rated.round.pk}/rate/{url}").status_code == 200


def test_saving_the_same_answer_again_does_not_reopen_a_submission(client: Client, world: Any, rated: Any) -> None:
    answer_all(rated.member, rated.dimensions, rated.levels[1])
    services.rating_submit(rater=rated.member)
    sign_in(client, world.member)
    # Walking through the questions again and pressing "Save and continue" without changing anything.
    url = f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/"
    assert client.post(url, {"level": rated.levels[1].pk, "action": "continue"}).status_code == 302
    rated.member.refresh_from_db()
    assert not services.rater_has_unsent_changes(rated.member)
    with pytest.raises(ValidationError, match=r"You have already submitted these ratings\."):
        services.rating_submit(rater=rated.member)
    page = client.get(f"/rounds/{rated.round.pk}/rate/check/").content.decode()
    assert "You submitted these ratings on" in page and "Submit" not in page.split("<main", 1)[1].split("</main>")[0]


def test_a_pcn_question_shows_the_network_view_first_and_the_system_view_on_request(
    client: Client, world: Any, rated: Any
) -> None:
    dimension = rated.dimensions[0]
    network_view = Descriptor.objects.get(dimension=dimension, level=rated.levels[0], perspective="network")
    system_view = Descriptor.objects.get(dimension=dimension, level=rated.levels[0], perspective="system")
    sign_in(client, world.member)
    page = client.get(f"/rounds/{rated.round.pk}/rate/{dimension.pk}/").content.decode()
    assert f'-hint">{escape(network_view.text)}</div>' in page
    assert "From the system's point of view" in page and str(escape(system_view.text)) in page
    assert page.index(str(escape(network_view.text))) < page.index(str(escape(system_view.text)))
    # Each question is one fieldset with its legend, every level a labelled radio.
    assert page.count("<fieldset") >= 1 and "nhsuk-fieldset__legend" in page
    assert page.count('name="level" type="radio"') == len(rated.levels)
    for level in rated.levels:
        assert f'for="id_level{"" if level == rated.levels[0] else "-" + str(rated.levels.index(level) + 1)}"' in page


def test_a_survey_statement_is_answered_on_the_agreement_scale_with_comments(client: Client, world: Any) -> None:
    survey = FrameworkVersion.objects.get(framework__slug="network-health-survey", status=VersionStatus.PUBLISHED)
    round_ = open_round(world, version=survey)
    rater, _ = services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    statements = list(survey.dimensions.order_by("position"))
    scale = list(survey.levels.order_by("position"))
    sign_in(client, world.member)
    url = f"/rounds/{round_.pk}/rate/{statements[0].pk}/"
    page = client.get(url).content.decode()
    assert "How sure are you?" not in page
    for point in scale:
        assert point.name in page
    response = client.post(
        url, {"level": scale[3].pk, "evidence": "  We need more time together  ", "action": "continue"}
    )
    assert response["Location"] == f"/rounds/{round_.pk}/rate/{statements[1].pk}/"
    rating = Rating.objects.get(rater=rater, dimension=statements[0])
    assert rating.level == scale[3] and rating.evidence == "We need more time together" and rating.confidence == ""


def test_save_and_come_back_later_with_nothing_chosen_saves_nothing(client: Client, world: Any, rated: Any) -> None:
    sign_in(client, world.member)
    response = client.post(f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/", {"action": "later"})
    assert response.status_code == 302 and response["Location"] == f"/rounds/{rated.round.pk}/rate/"
    assert not Rating.objects.exists()


def test_the_check_page_links_each_answer_back_to_its_question(client: Client, world: Any, rated: Any) -> None:
    answer_all(rated.member, rated.dimensions[:2], rated.levels[2])
    sign_in(client, world.member)
    page = client.get(f"/rounds/{rated.round.pk}/rate/check/").content.decode()
    for dimension in rated.dimensions:
        assert f"/rounds/{rated.round.pk}/rate/{dimension.pk}/?return=check" in page
    assert "Not answered" in page and f"{len(rated.dimensions) - 2} are not answered yet" in page
    assert "Submit ratings" not in page
    # Changing from the check page comes back to it.
    response = client.post(
        f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/",
        {"level": rated.levels[0].pk, "action": "continue", "return": "check"},
    )
    assert response["Location"] == f"/rounds/{rated.round.pk}/rate/check/"


def test_a_round_closed_early_refuses_ratings_and_shows_no_save_buttons(client: Client, world: Any, rated: Any) -> None:
    services.round_close_early(round_=rated.round, user=world.lead)
    rated.member.round.refresh_from_db()
    with pytest.raises(ValidationError, match=r"This round has been closed\. Ratings can no longer be changed\."):
        services.rating_save(rater=rated.member, dimension_id=rated.dimensions[0].pk, level_id=rated.levels[0].pk)
    sign_in(client, world.member)
    page = client.get(f"/rounds/{rated.round.pk}/rate/{rated.dimensions[0].pk}/").content.decode()
    assert "Save and continue" not in page and "answers cannot be saved or changed" in page


def test_a_round_that_has_not_opened_yet_says_when_it_opens(world: Any) -> None:
    today = timezone.localdate()
    round_ = open_round(world, opens_on=today + timedelta(days=3), closes_on=today + timedelta(days=10))
    rater, _ = services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    dimension = round_.version.dimensions.order_by("position").first()
    level = round_.version.levels.order_by("position").first()
    assert dimension is not None and level is not None
    with pytest.raises(ValidationError, match="This round opens on"):
        services.rating_save(rater=rater, dimension_id=dimension.pk, level_id=level.pk)


def test_bad_confidence_and_overlong_evidence_are_refused(rated: Any) -> None:
    kwargs = {"rater": rated.member, "dimension_id": rated.dimensions[0].pk, "level_id": rated.levels[0].pk}
    with pytest.raises(ValidationError, match="Choose how sure you are"):
        services.rating_save(**kwargs, confidence="certain")
    with pytest.raises(ValidationError, match="5,000 characters or fewer"):
        services.rating_save(**kwargs, evidence="x" * 5001)
    assert not Rating.objects.exists()


def test_a_member_invited_to_one_round_cannot_rate_in_another(client: Client, world: Any, rated: Any) -> None:
    other = open_round(world, title="Another round")
    sign_in(client, world.member)
    assert client.get(f"/rounds/{other.pk}/rate/").status_code == 404
    assert client.get(f"/rounds/{other.pk}/rate/check/").status_code == 404
    dimension = rated.dimensions[0]
    response = client.post(f"/rounds/{other.pk}/rate/{dimension.pk}/", {"level": rated.levels[0].pk})
    assert response.status_code == 404 and not Rating.objects.exists()


def test_an_external_raters_pages_cost_a_fixed_number_of_queries(
    client: Client, rated: Any, django_assert_max_num_queries: Any
) -> None:
    answer_all(rated.external, rated.dimensions, rated.levels[1])
    for url in ("", f"{rated.dimensions[2].pk}/", "check/"):
        with django_assert_max_num_queries(10):
            assert client.get(f"/rate/{rated.token}/{url}").status_code == 200
    # Saving also tells the caches of drawn pages whose pages changed (networks.caching): a few queries.
    with django_assert_max_num_queries(20):
        response = client.post(
            f"/rate/{rated.token}/{rated.dimensions[0].pk}/", {"level": rated.levels[2].pk, "action": "continue"}
        )
    assert response.status_code == 302


def test_a_level_named_by_its_number_is_labelled_once(client: Client, world: Any) -> None:
    """The Network Maturity Matrix's levels are called One to Five: "Level 1", never "Level 1: One"."""
    version = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", status=VersionStatus.PUBLISHED)
    round_ = open_round(world, version=version)
    rater, _ = services.rater_invite(
        round_=round_, email=world.member.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    first = version.dimensions.order_by("position").first()
    assert first is not None
    sign_in(client, world.member)
    page = client.get(f"/rounds/{round_.pk}/rate/{first.pk}/").content.decode()
    assert ">Level 1</label>" in page and ">Level 5</label>" in page
    assert "Level 1: One" not in page
    services.rating_save(rater=rater, dimension_id=first.pk, level_id=version.levels.get(position=2).pk)
    check = client.get(f"/rounds/{round_.pk}/rate/check/").content.decode()
    assert "Level 2" in check and "Level 2: Two" not in check


def test_outside_raters_read_the_introduction_written_for_them(client: Client, world: Any, rated: Any) -> None:
    version = rated.round.version
    version.introduction = "Choose the step your network is at. Do not mark your own homework."
    version.external_introduction = "Choose the step that matches what you have seen of the network."
    version.save(update_fields=["introduction", "external_introduction"])

    outside = client.get(f"/rate/{rated.token}/").content.decode()
    assert "what you have seen of the network" in outside
    assert "your own homework" not in outside

    sign_in(client, world.member)
    inside = client.get(f"/rounds/{rated.round.pk}/rate/").content.decode()
    assert "your own homework" in inside
    assert "what you have seen of the network" not in inside


def test_outside_raters_never_read_the_members_introduction(client: Client, world: Any, rated: Any) -> None:
    """A tailored framework may have no introduction for outside raters yet: they get a general one."""
    version = rated.round.version
    version.introduction = "Do not mark your own homework."
    version.external_introduction = ""
    version.save(update_fields=["introduction", "external_introduction"])
    outside = client.get(f"/rate/{rated.token}/").content.decode()
    assert "your own homework" not in outside
    assert "Choose the level that best matches what you have seen of the network" in outside
