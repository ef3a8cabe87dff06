"""Readers say whether a resource was useful (without JavaScript); editors see the most and least useful, with
comments, and what is past its review date."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.signing_in import with_authenticator
from wayfinder.contributions.models import ResourceFeedback
from wayfinder.contributions.queries import usefulness_report
from wayfinder.hub.models import ResourcePage

pytestmark = pytest.mark.django_db

MAX_REPORT_QUERIES = 30


def add_resource(slug: str, *, title: str = "") -> ResourcePage:
    return f.hub_resource(slug, title=title, body="<p>Words.</p>")


def answer(page: ResourcePage, useful: bool, comment: str = "", user: Any = None) -> None:
    ResourceFeedback.objects.create(page=page, useful=useful, comment=comment, user=user)


def test_every_resource_page_asks_was_this_useful_in_a_plain_form(client: Client) -> None:
    page = add_resource("huddles")

    html = client.get(page.url).content.decode()

    assert "Was this useful?" in html
    assert f'action="/hub/feedback/{page.pk}/"' in html and 'name="csrfmiddlewaretoken"' in html


def test_a_reader_answers_and_comes_back_to_the_page_with_thanks(world: SimpleNamespace, client: Client) -> None:
    page = add_resource("huddles")
    client.force_login(world.member)

    response = client.post(f"/hub/feedback/{page.pk}/", {"useful": "yes", "comment": "  Saved us an hour.  "})

    assert response.status_code == 302 and response["Location"] == page.url
    feedback = ResourceFeedback.objects.get()
    assert (feedback.page_id, feedback.user, feedback.useful, feedback.comment) == (
        page.pk,
        world.member,
        True,
        "Saved us an hour.",
    )
    assert "Thank you for your feedback." in client.get(page.url).content.decode()


def test_a_signed_in_reader_has_one_answer_per_page_and_may_change_it(world: SimpleNamespace, client: Client) -> None:
    page = add_resource("huddles")
    client.force_login(world.member)
    client.post(f"/hub/feedback/{page.pk}/", {"useful": "yes"})

    assert 'value="yes" checked' in client.get(f"/hub/feedback/{page.pk}/").content.decode()
    client.post(f"/hub/feedback/{page.pk}/", {"useful": "no", "comment": "Out of date."})

    feedback = ResourceFeedback.objects.get()
    assert (feedback.useful, feedback.comment) == (False, "Out of date.")
    assert "We have updated your feedback." in client.get(page.url).content.decode()


def test_people_who_are_not_signed_in_may_answer_too(client: Client) -> None:
    page = add_resource("huddles")

    client.post(f"/hub/feedback/{page.pk}/", {"useful": "no"})
    client.post(f"/hub/feedback/{page.pk}/", {"useful": "yes"})

    assert sorted(ResourceFeedback.objects.values_list("useful", flat=True)) == [False, True]
    assert not ResourceFeedback.objects.filter(user__isnull=False).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select yes if this was useful"),
        ({"useful": "maybe"}, "Select yes or no"),
        ({"useful": "yes", "comment": "x" * 1001}, "Tell us more must be 1000 characters or fewer"),
    ],
)
def test_a_bad_answer_shows_the_form_again_with_the_error(client: Client, data: dict[str, str], message: str) -> None:
    page = add_resource("huddles")

    response = client.post(f"/hub/feedback/{page.pk}/", data)

    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and message in html
    assert not ResourceFeedback.objects.exists()


def test_drafts_and_unknown_pages_take_no_feedback(client: Client) -> None:
    draft = add_resource("draft")
    draft.unpublish()

    assert client.post(f"/hub/feedback/{draft.pk}/", {"useful": "yes"}).status_code == 404
    assert client.post("/hub/feedback/999999/", {"useful": "yes"}).status_code == 404
    assert not ResourceFeedback.objects.exists()


# The editors' report ---------------------------------------------------------------------------------------


def test_the_report_ranks_most_and_least_useful_and_lists_what_is_past_review() -> None:
    loved = add_resource("loved", title="Loved")
    mixed = add_resource("mixed", title="Mixed")
    disliked = add_resource("disliked", title="Disliked")
    once = add_resource("once", title="Once")
    for _ in range(5):
        answer(loved, True)
    answer(mixed, True)
    answer(mixed, False, "Hard to follow")
    answer(disliked, False, "Broken link")
    answer(disliked, False)
    answer(once, True)
    stale = add_resource("stale", title="Stale")
    stale.review_by = timezone.localdate() - timedelta(days=1)
    stale.save(update_fields=["review_by"])
    fresh = add_resource("fresh", title="Fresh")
    fresh.review_by = timezone.localdate() + timedelta(days=30)
    fresh.save(update_fields=["review_by"])

    report = usefulness_report()

    assert [row.page.title for row in report.most_useful] == ["Loved", "Once", "Mixed", "Disliked"]
    assert (report.most_useful[0].useful, report.most_useful[0].not_useful) == (5, 0)
    assert [row.page.title for row in report.least_useful] == ["Disliked", "Mixed"]
    assert [feedback.comment for feedback in report.least_useful[0].comments] == ["Broken link"]
    assert [page.title for page in report.past_review] == ["Stale"]


def test_editors_read_the_report_in_cms_with_comments_escaped(
    world: SimpleNamespace, client: Client, django_assert_max_num_queries: Any
) -> None:
    page = add_resource("huddles", title="Huddles")
    answer(page, False, "<script>alert(1)</script> too long")
    for n in range(10):
        answer(add_resource(f"extra-{n}"), n % 2 == 0, f"Comment {n}")
    client.force_login(with_authenticator(world.admin))

    with django_assert_max_num_queries(MAX_REPORT_QUERIES):
        response = client.get("/cms/reports/usefulness/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Most useful" in html and "Least useful" in html and "Past their review date" in html
    assert "Huddles" in html and "&lt;script&gt;alert(1)&lt;/script&gt; too long" in html
    assert "<script>alert(1)</script>" not in html
    assert "/cms/reports/usefulness/" in client.get("/cms/").content.decode()


def test_people_who_cannot_edit_the_hub_cannot_read_the_report(world: SimpleNamespace, client: Client) -> None:
    staff = f.UserFactory.create(email="staff@example.org")
    client.force_login(staff)

    assert client.get("/cms/reports/usefulness/").status_code == 403
    assert not ResourceFeedback.objects.exists()
