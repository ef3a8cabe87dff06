"""The monthly digest: an editor starts an issue from what is new, picks, orders, writes an introduction, previews,
sends a test to themself and sends it; subscribers get it once each with their own part; the archive is public;
sending can be paused and resumed."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories as f
from tests.conftest import Mailbox
from wayfinder.comms import digest, kinds, pipeline, services
from wayfinder.comms.models import Delivery, DigestIssue, DigestStatus, MailPreference
from wayfinder.core.roles import AppointmentRole
from wayfinder.dashboards import digest as dashboards_digest
from wayfinder.dashboards.models import RoundSummary
from wayfinder.hub.services import hub_index_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(world: SimpleNamespace) -> Any:
    person = f.UserFactory.create(email="editor@example.org", full_name="Eddie Editor")
    f.AppointmentFactory.create(user=person, role=AppointmentRole.EDITOR)
    return person


@pytest.fixture
def resources(db: Any) -> list[Any]:
    hub_index_ensure()
    return [
        f.hub_resource("peer-review-guide", title="A guide to peer review", dimensions=["leadership"]),
        f.hub_resource("population-data", title="Using population data"),
    ]


def ref(page: Any) -> str:
    return f"hub.resource:{page.pk}"


def test_the_editor_is_offered_what_is_new_since_the_last_issue(editor: Any, resources: list[Any]) -> None:
    first = services.digest_start(user=editor)
    offered = {e.ref for p in digest.proposals(first) for e in p.entries}
    assert {ref(page) for page in resources} <= offered

    DigestIssue.objects.filter(pk=first.pk).update(status=DigestStatus.SENT, sent_at=timezone.now())
    later = f.hub_resource("after-the-issue", title="Published after the last issue")
    second = services.digest_start(user=editor)
    offered = {e.ref for p in digest.proposals(second) for e in p.entries}
    assert offered == {ref(later)}


def test_picking_ordering_and_removing_entries(editor: Any, resources: list[Any]) -> None:
    issue = services.digest_start(user=editor)
    assert services.digest_pick(issue=issue, refs=[ref(page) for page in resources]) == 2
    first, second = issue.items.all()
    services.digest_item_move(issue=issue, item_id=second.pk, up=True)
    assert [item.pk for item in issue.items.all()] == [second.pk, first.pk]
    # A picked entry is no longer offered, and cannot be picked twice.
    assert not any(e.ref == ref(resources[0]) for p in digest.proposals(issue) for e in p.entries)
    with pytest.raises(ValidationError, match="no longer on offer"):
        services.digest_pick(issue=issue, refs=[ref(resources[0])])
    services.digest_item_remove(issue=issue, item_id=first.pk)
    assert [item.pk for item in issue.items.all()] == [second.pk]


def test_an_issue_with_nothing_in_it_cannot_be_sent_and_a_sent_one_cannot_change(editor: Any) -> None:
    issue = services.digest_start(user=editor)
    with pytest.raises(ValidationError, match="Add an introduction"):
        services.digest_send(issue=issue)
    services.digest_update(issue=issue, title="January", introduction="Hello.")
    with pytest.raises(ValidationError, match="future"):
        services.digest_send(issue=issue, at=timezone.now() - timedelta(minutes=1))
    services.digest_send(issue=issue, at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.digest_update(issue=issue, title="Changed", introduction="")


def test_an_editor_assembles_previews_tests_and_sends_and_each_subscriber_gets_one_copy(
    client: Client,
    world: SimpleNamespace,
    editor: Any,
    resources: list[Any],
    mailbox: Mailbox,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.SITE_URL = "https://wayfinder.example"
    MailPreference.objects.create(user=world.outsider, kind=kinds.DIGEST, frequency="off")
    client.force_login(editor)
    started = client.post("/digest/edit/")
    issue = DigestIssue.objects.get()
    assert started["Location"] == f"/digest/edit/{issue.pk}/"
    page = client.get(started["Location"]).content.decode()
    assert "A guide to peer review" in page and "New in the knowledge hub" in page

    client.post(f"/digest/edit/{issue.pk}/pick/", {"refs": [ref(resources[0])]})
    client.post(f"/digest/edit/{issue.pk}/", {"title": "Wayfinder digest: January", "introduction": "Happy new year."})
    preview = client.get(f"/digest/edit/{issue.pk}/preview/").content.decode()
    assert "Happy new year." in preview and "A guide to peer review" in preview

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/digest/edit/{issue.pk}/test/")
    test_copy = mailbox.wait_for(editor.email, subject_contains="Test: Wayfinder digest: January")
    assert "A guide to peer review" in mailbox.body(test_copy)
    assert DigestIssue.objects.get().status == DigestStatus.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/digest/edit/{issue.pk}/send/", {"when": "now"})
    issue.refresh_from_db()
    assert issue.status == DigestStatus.SENT
    digests = [m for m in mailbox.messages if str(m["Subject"]) == "Wayfinder digest: January"]
    recipients = sorted(str(m["To"]) for m in digests)
    assert len(recipients) == len(set(recipients))  # nobody twice
    assert world.member.email in recipients and editor.email in recipients
    assert world.outsider.email not in recipients  # turned it off
    one = next(m for m in digests if str(m["To"]) == world.member.email)
    body = mailbox.body(one)
    assert "Happy new year." in body and f"https://wayfinder.example/digest/issues/{issue.slug}/" in body
    assert str(one["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert digest.progress(issue).sent == len(recipients)

    # The public archive, signed out.
    client.logout()
    assert issue.title in client.get("/digest/").content.decode()
    archived = client.get(f"/digest/issues/{issue.slug}/").content.decode()
    assert "Happy new year." in archived and "A guide to peer review" in archived


def test_drafts_are_not_in_the_archive_and_only_editors_reach_the_editor(
    client: Client, world: SimpleNamespace, editor: Any
) -> None:
    issue = services.digest_start(user=editor)
    assert client.get(f"/digest/issues/{issue.slug}/").status_code == 404
    client.force_login(world.member)
    for path in ("/digest/edit/", f"/digest/edit/{issue.pk}/", f"/digest/edit/{issue.pk}/preview/"):
        assert client.get(path).status_code == 404
    assert client.post(f"/digest/edit/{issue.pk}/send/", {"when": "now"}).status_code == 404
    assert DigestIssue.objects.get().status == DigestStatus.DRAFT


def test_sending_can_be_paused_and_resumed_and_nobody_gets_two(
    world: SimpleNamespace, editor: Any, mailbox: Mailbox, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, not run
    issue = services.digest_start(user=editor)
    services.digest_update(issue=issue, title="February", introduction="Hello.")
    services.digest_send(issue=issue)
    assert digest.issue_queue(issue.pk) > 0
    ids = list(Delivery.objects.filter(digest_issue=issue).order_by("pk").values_list("pk", flat=True))
    half = len(ids) // 2
    pipeline.deliver_batch(ids[:half], claimant="task:a")
    assert digest.progress(issue).sent == half

    services.digest_pause(issue=issue)
    assert pipeline.deliver_batch(ids, claimant="task:b") == (0, None)  # nothing goes while paused
    assert digest.progress(issue).left == len(ids) - half

    services.digest_resume(issue=issue)
    assert digest.issue_queue(issue.pk) == len(ids) - half  # only what is left is queued again
    pipeline.deliver_batch(ids, claimant="task:c")
    digest.issues_finish(ids)
    issue.refresh_from_db()
    assert issue.status == DigestStatus.SENT
    progress = digest.progress(issue)
    assert (progress.sent, progress.failed, progress.left) == (len(ids), 0, 0)
    recipients = [str(m["To"]) for m in mailbox.messages]
    assert len(recipients) == len(set(recipients)) == len(ids)


def test_the_progress_page_shows_sent_failed_and_left(client: Client, editor: Any, world: SimpleNamespace) -> None:
    issue = services.digest_start(user=editor)
    services.digest_update(issue=issue, title="March", introduction="Hello.")
    DigestIssue.objects.filter(pk=issue.pk).update(status=DigestStatus.SENDING, sent_at=timezone.now())
    Delivery.objects.create(key="k", recipient="a@example.org", kind=kinds.DIGEST, digest_issue=issue, status="sent")
    Delivery.objects.create(key="k", recipient="b@example.org", kind=kinds.DIGEST, digest_issue=issue, status="failed")
    Delivery.objects.create(key="k", recipient="c@example.org", kind=kinds.DIGEST, digest_issue=issue)
    client.force_login(editor)
    page = client.get(f"/digest/edit/{issue.pk}/").content.decode()
    assert "Pause sending" in page
    for label in ("Sent", "Could not be sent", "Left to send"):
        assert label in page
    client.post(f"/digest/edit/{issue.pk}/sending/", {"action": "pause"})
    assert DigestIssue.objects.get().status == DigestStatus.PAUSED
    assert "Resume sending" in client.get(f"/digest/edit/{issue.pk}/").content.decode()


# For your network --------------------------------------------------------------------------------------------


def summary(network: Any, closed_on: date, levels: dict[str, float | None]) -> RoundSummary:
    round_ = f.RoundFactory.create(network=network)
    return RoundSummary(
        round=round_,
        network=network,
        framework=round_.version.framework,
        version=round_.version,
        purpose="baseline",
        closed_on=closed_on,
        levels={key: {"value": value, "agreed": False, "raters": 3} for key, value in levels.items()},
        computed_at=timezone.now(),
    )


def test_each_network_is_matched_on_its_latest_closed_round(world: SimpleNamespace) -> None:
    old = summary(world.open, date(2026, 1, 1), {"leadership": 1.0})
    new = summary(world.open, date(2026, 6, 1), {"leadership": 3.0, "data": None})
    other = summary(world.private, date(2026, 3, 1), {"data": 2.0})
    latest = dashboards_digest.latest_levels([new, other, old])
    assert latest[world.open.pk] == (date(2026, 6, 1), new.round_id, {"leadership": 3.0})
    assert latest[world.private.pk][2] == {"data": 2.0}


def test_a_subscriber_gets_resources_for_their_network_weakest_dimension(
    world: SimpleNamespace, resources: list[Any], django_assert_max_num_queries: Any
) -> None:
    summary(world.open, timezone.localdate() - timedelta(days=3), {"leadership": 1.0}).save()
    people = [world.member, world.lead, world.outsider]
    found = dashboards_digest.for_your_network(people)
    assert [entry.title for entry in found[world.member.pk]] == ["A guide to peer review"]
    assert world.outsider.pk not in found
    # A fixed number of queries for the batch, however many people in it.
    more = [f.UserFactory.create() for _ in range(5)]
    for person in more:
        f.MembershipFactory.create(user=person, network=world.open)
    with django_assert_max_num_queries(4):
        found = dashboards_digest.for_your_network(people + more)
    assert all(found[person.pk] for person in more)


@pytest.mark.parametrize("issues", [1, 12])
def test_the_archive_and_the_editor_list_cost_the_same_few_queries_however_many_issues(
    client: Client, editor: Any, issues: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(issues):
        issue = services.digest_start(user=editor)
        services.digest_update(issue=issue, title=f"Issue {n}", introduction="Hello.")
        DigestIssue.objects.filter(pk=issue.pk).update(status=DigestStatus.SENT, sent_at=timezone.now())
    with django_assert_max_num_queries(3):
        page = client.get("/digest/").content.decode()
    assert page.count("/digest/issues/") == issues
    client.force_login(editor)
    client.get("/digest/edit/")
    with django_assert_max_num_queries(8):
        page = client.get("/digest/edit/").content.decode()
    assert page.count('href="/digest/edit/') == issues
