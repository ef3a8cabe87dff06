"""The home page is a to-do list for everyone: what each role sees, the empty state, and what the page costs (a
fixed number of queries for each role, the same with one thing to do as with ten)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.factories import build_version
from tests.plans.support import add_actions, make_overdue, start_plan
from tests.signing_in import sign_in
from wayfinder.assessments import services as assessments
from wayfinder.assessments.models import Perspective, Rater, Round
from wayfinder.frameworks.models import Dimension, FrameworkVersion, SupportDomain
from wayfinder.networks.models import Network, NetworkRole
from wayfinder.plans.models import Review
from wayfinder.support.models import SupportRequest

pytestmark = pytest.mark.django_db

# What the whole page may cost for each person in the world, however much they have to do.
# Each includes the header's count of new community notifications (read from the database once the cache is
# cleared), for members the shared-purpose vote to-do, and for network leads and site admins the community's
# moderation to-do and, for leads, contact requests from other networks.
HOME_QUERIES = {
    "member": 9,
    "lead": 14,
    "outsider": 7,
    "external": 8,
    "system_lead": 10,
    "regional_lead": 9,
    "national": 8,
    "admin": 9,
}


def open_round(network: Network, *, closes_in: int = 20, title: str = "Baseline 2027", questions: int = 3) -> Round:
    today = timezone.localdate()
    return f.RoundFactory.create(
        network=network,
        version=build_version(dimensions=questions, levels=4),
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=closes_in),
        title=title,
    )


def invite(world: SimpleNamespace, round_: Round, person: Any) -> Rater:
    rater, _ = assessments.rater_invite(
        round_=round_, email=person.email, perspective=Perspective.MEMBER, invited_by=world.lead
    )
    return rater


def answer(rater: Rater, *positions: int) -> None:
    level = rater.round.version.levels.order_by("position").first()
    assert level is not None
    for position in positions:
        dimension = Dimension.objects.get(version=rater.round.version, position=position)
        assessments.rating_save(rater=rater, dimension_id=dimension.pk, level_id=level.pk)


def question_url(round_: Round, position: int) -> str:
    dimension = Dimension.objects.get(version=round_.version, position=position)
    return f"/rounds/{round_.pk}/rate/{dimension.pk}/"


def home(client: Client, person: Any) -> str:
    sign_in(client, person)
    response = client.get("/")
    assert response.status_code == 200
    return str(response.content.decode())


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def complete_profile(person: Any) -> None:
    person.job_title, person.organisation = "Practice manager", "Riverside Surgery"
    person.save(update_fields=["job_title", "organisation"])


def support_request(network: Network, domain: str = "leadership-development") -> SupportRequest:
    return SupportRequest.objects.create(
        network=network, domain=SupportDomain.objects.get(key=domain), what="Coaching", why="A new team"
    )


# Raters ------------------------------------------------------------------------------------------------------


def test_an_invited_member_gets_rate_now_straight_to_their_first_unanswered_question(
    client: Client, world: SimpleNamespace
) -> None:
    round_ = open_round(world.restricted, closes_in=3)
    rater = invite(world, round_, world.member)
    answer(rater, 1)

    page = home(client, world.member)

    assert f'href="{question_url(round_, 2)}"' in page
    words = text(page)
    assert "Quality Improvement Circle: Baseline 2027" in words
    assert "Rate now : Quality Improvement Circle: Baseline 2027" in words
    assert "1 of 3 questions answered" in words
    assert f"Closes {(round_.closes_on):%-d %B %Y}" in words
    assert "In 3 days" in words


def test_a_rater_who_has_not_started_is_sent_to_question_1(client: Client, world: SimpleNamespace) -> None:
    round_ = open_round(world.restricted)
    invite(world, round_, world.member)

    page = home(client, world.member)

    assert f'href="{question_url(round_, 1)}"' in page
    assert "3 questions. Only you see your own answers" in text(page)


def test_a_rater_who_answered_everything_is_asked_to_check_and_submit(client: Client, world: SimpleNamespace) -> None:
    round_ = open_round(world.restricted)
    answer(invite(world, round_, world.member), 1, 2, 3)

    page = home(client, world.member)

    assert f'href="/rounds/{round_.pk}/rate/check/"' in page
    assert "All 3 questions answered, not submitted yet" in text(page)


def test_submitted_ratings_and_rounds_not_open_are_not_listed(client: Client, world: SimpleNamespace) -> None:
    submitted = open_round(world.restricted, title="Submitted")
    rater = invite(world, submitted, world.member)
    answer(rater, 1, 2, 3)
    assessments.rating_submit(rater=rater)
    closed_early = open_round(world.restricted, title="Closed early")
    invite(world, closed_early, world.member)
    closed_early.closed_early_at = timezone.now()
    closed_early.save(update_fields=["closed_early_at"])
    not_yet = open_round(world.restricted, title="Not open yet")
    invite(world, not_yet, world.member)
    Round.objects.filter(pk=not_yet.pk).update(opens_on=timezone.localdate() + timedelta(days=2))
    complete_profile(world.member)

    words = text(home(client, world.member))

    for title in ("Submitted", "Closed early", "Not open yet"):
        assert title not in words
    assert "You have nothing to do right now" in words


def test_a_rater_who_changed_answers_after_submitting_is_asked_to_submit_again(
    client: Client, world: SimpleNamespace
) -> None:
    round_ = open_round(world.restricted)
    rater = invite(world, round_, world.member)
    answer(rater, 1, 2, 3)
    assessments.rating_submit(rater=rater)
    Rater.objects.filter(pk=rater.pk).update(submitted_at=timezone.now() - timedelta(hours=1))

    words = text(home(client, world.member))

    assert "You changed answers after you submitted" in words
    assert "Check and submit" in words


def test_nobody_sees_another_persons_invitation(client: Client, world: SimpleNamespace) -> None:
    invite(world, open_round(world.restricted), world.member)

    for person in (world.lead, world.outsider, world.system_lead):
        assert "Rate now" not in home(client, person)


# Action owners -----------------------------------------------------------------------------------------------


def test_an_action_owner_sees_actions_due_soon_and_overdue_ones_tagged(client: Client, world: SimpleNamespace) -> None:
    plan = start_plan(world.open, world.lead)
    soon, later, overdue, done = add_actions(plan, world.member, 4, due_in_days=5)
    later.due_on = timezone.localdate() + timedelta(days=60)
    later.save(update_fields=["due_on"])
    make_overdue(overdue)
    done.status = "done"
    done.save(update_fields=["status"])

    page = home(client, world.member)
    words = text(page)

    assert soon.title in words and overdue.title in words
    assert later.title not in words and done.title not in words
    assert words.index(overdue.title) < words.index(soon.title)
    assert "Overdue" in words
    assert f'href="/plans/{plan.pk}/actions/{overdue.pk}/edit/?back=my-actions"' in page
    assert "Riverside PCN: Our plan" in words


def test_a_long_list_of_actions_ends_with_a_link_to_all_of_them(client: Client, world: SimpleNamespace) -> None:
    plan = start_plan(world.open, world.lead)
    add_actions(plan, world.member, 12, due_in_days=2)

    page = home(client, world.member)

    assert text(page).count("Update the action") == 10
    assert "More of your actions are due" in text(page)
    assert 'href="/my-actions/"' in page


# Leads -------------------------------------------------------------------------------------------------------


def test_a_lead_sees_rounds_to_close_requests_to_decide_and_plan_reviews_due(
    client: Client, world: SimpleNamespace
) -> None:
    from wayfinder.networks import services as networks

    closing = open_round(world.open, closes_in=2, title="Closing soon")
    invite(world, closing, world.member)
    everyone_done = open_round(world.restricted, closes_in=25, title="Everyone has rated")
    rater = invite(world, everyone_done, world.member)
    answer(rater, 1, 2, 3)
    assessments.rating_submit(rater=rater)
    open_round(world.private, closes_in=25, title="Nobody invited")
    networks.join_request_create(user=world.outsider, network=world.restricted, message="")
    plan = start_plan(world.open, world.lead)
    plan.starts_on = timezone.localdate() - timedelta(days=100)
    plan.save(update_fields=["starts_on"])

    page = home(client, world.lead)
    words = text(page)

    assert "Riverside PCN: Closing soon" in words and "0 of 1 have submitted" in words
    assert "Everyone invited has submitted (1 of 1)" in words
    assert f'href="/rounds/{everyone_done.pk}/close/"' in page
    assert "Hillside Care Network: Nobody invited" in words and "Invite raters" in words
    assert "1 request to join Quality Improvement Circle" in words
    assert f'href="/plans/{plan.pk}/reviews/new/"' in page
    assert "Review due" in words and "Not reviewed yet" in words


def test_a_reviewed_plan_is_not_due_again_for_three_months(client: Client, world: SimpleNamespace) -> None:
    plan = start_plan(world.open, world.lead)
    plan.starts_on = timezone.localdate() - timedelta(days=100)
    plan.save(update_fields=["starts_on"])
    Review.objects.create(plan=plan, reviewed_on=timezone.localdate() - timedelta(days=10))

    assert "Record a review" not in home(client, world.lead)


def test_a_member_is_not_asked_to_run_rounds_or_review_plans(client: Client, world: SimpleNamespace) -> None:
    open_round(world.open, closes_in=2, title="Closing soon")
    plan = start_plan(world.open, world.lead)
    plan.starts_on = timezone.localdate() - timedelta(days=100)
    plan.save(update_fields=["starts_on"])

    words = text(home(client, world.member))

    assert "Closing soon" not in words
    assert "Record a review" not in words


# System, regional and national people ------------------------------------------------------------------------


def test_a_system_lead_sees_requests_waiting_and_networks_not_assessed_not_an_empty_network_list(
    client: Client, world: SimpleNamespace
) -> None:
    waiting = support_request(world.open)
    decided = support_request(world.restricted)
    decided.status = "accepted"
    decided.save(update_fields=["status"])
    support_request(world.confidential)
    support_request(world.private)  # another system
    open_round(world.restricted)  # assessing now

    page = home(client, world.system_lead)
    words = text(page)

    assert "You are not a member of any network yet" not in words
    assert f'href="/support-requests/{waiting.pk}/"' in page
    assert f'href="/support-requests/{decided.pk}/"' not in page
    assert words.count("Support request waiting since") == 1
    assert "1 of 2 networks in Riverside ICS has not assessed in the last 12 months" in words
    assert "Riverside PCN. A network counts as assessed" in words
    assert "Quiet Network" not in words
    assert f'href="/systems/{world.system_a.pk}/dashboard/"' in page
    assert f'href="/systems/{world.system_a.pk}/support-requests/"' in page
    assert f'href="/systems/{world.system_a.pk}/readiness/"' in page


def test_a_network_that_assessed_within_a_year_counts_and_one_that_assessed_earlier_does_not(
    client: Client, world: SimpleNamespace
) -> None:
    today = timezone.localdate()
    version = build_version(dimensions=1, levels=2)
    for network, closed_days_ago in ((world.open, 400), (world.restricted, 300)):
        f.RoundFactory.create(
            network=network,
            version=version,
            opens_on=today - timedelta(days=closed_days_ago + 20),
            closes_on=today - timedelta(days=closed_days_ago),
        )

    words = text(home(client, world.system_lead))

    assert "1 of 2 networks in Riverside ICS has not assessed in the last 12 months" in words
    assert "Riverside PCN. A network counts" in words


def test_regional_and_national_people_see_their_dashboards(client: Client, world: SimpleNamespace) -> None:
    regional = home(client, world.regional_lead)
    assert f'href="/regions/{world.region.pk}/dashboard/"' in regional
    assert f'href="/systems/{world.system_a.pk}/dashboard/"' in regional  # its system needing attention
    assert "North of England dashboard" in text(regional)
    assert "You are not a member of any network yet" not in text(regional)

    national = home(client, world.national)
    assert 'href="/national/dashboard/"' in national
    assert "National dashboard" in text(national)
    assert "You are not a member of any network yet" not in text(national)


def test_a_lead_of_networks_has_no_dashboards_section(client: Client, world: SimpleNamespace) -> None:
    page = home(client, world.lead)

    assert "dashboard/" not in page
    assert "Your networks" in text(page)


# The empty state and the words -------------------------------------------------------------------------------


def test_with_nothing_to_do_the_page_says_so_and_what_would_show(client: Client, world: SimpleNamespace) -> None:
    complete_profile(world.outsider)

    words = text(home(client, world.outsider))

    assert "You have nothing to do right now" in words
    assert "rounds waiting for your rating" in words
    assert "You are not a member of any network yet" in words
    assert "To start, find a network to join" in words


def test_an_incomplete_profile_is_on_the_list_after_everything_else(client: Client, world: SimpleNamespace) -> None:
    invite(world, open_round(world.restricted, closes_in=25), world.member)

    words = text(home(client, world.member))

    assert "Complete your profile" in words
    assert words.index("Rate now") < words.index("Complete your profile")


def test_names_are_escaped_in_every_to_do(client: Client, world: SimpleNamespace) -> None:
    world.restricted.name = "<b>Bold</b> Circle"
    world.restricted.save(update_fields=["name"])
    invite(world, open_round(world.restricted), world.member)

    page = home(client, world.member)

    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; Circle" in page


# What the page costs -----------------------------------------------------------------------------------------


def give_everyone_things_to_do(world: SimpleNamespace, version: FrameworkVersion, count: int) -> None:
    """`count` more of everything the page lists: rounds to rate and run, actions, plans to review, requests to
    decide and networks not assessed."""
    today = timezone.localdate()
    for n in range(count):
        for network in (world.open, world.restricted):
            round_ = f.RoundFactory.create(
                network=network, version=version, opens_on=today, closes_on=today + timedelta(days=2), title=f"R{n}"
            )
            invite(world, round_, world.member)
            invite(world, round_, world.lead)
        support_request(world.open)
        slug = f"net-{uuid.uuid4().hex[:8]}"
        Network.objects.create(name=slug, slug=slug, system=world.system_a)
    plan = start_plan(world.open, world.lead)
    plan.starts_on = today - timedelta(days=100)
    plan.save(update_fields=["starts_on"])
    add_actions(plan, world.member, count, due_in_days=2)
    add_actions(plan, world.lead, count, due_in_days=2)


@pytest.mark.parametrize("person", sorted(HOME_QUERIES))
def test_the_page_costs_the_same_with_one_thing_to_do_as_with_ten(
    client: Client, world: SimpleNamespace, person: str, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    version = build_version(dimensions=3, levels=4)
    world.external.memberships.update(role=NetworkRole.EXTERNAL)
    sign_in(client, getattr(world, person))
    counts = []
    for count in (1, 9):
        give_everyone_things_to_do(world, version, count)
        cache.clear()  # the page as drawn: written behind the services' back, so nothing said what changed
        with django_assert_max_num_queries(HOME_QUERIES[person]) as captured:
            response = client.get("/")
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
