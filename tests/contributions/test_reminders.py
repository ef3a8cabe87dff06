"""The daily reminder to the hub's editors and moderators of published resources due for review."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from tests import factories as f
from wayfinder.accounts.models import User
from wayfinder.contributions import groups, reminders
from wayfinder.contributions.tasks import send_review_reminders
from wayfinder.hub.models import HubIndexPage, ResourcePage

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def resource(hub: HubIndexPage, title: str, review_by: date | None, *, live: bool = True) -> ResourcePage:
    page = f.hub_resource(
        title.lower().replace(" ", "-").replace("'", ""), title=title, summary="A short summary.", parent=hub
    )
    ResourcePage.objects.filter(pk=page.pk).update(review_by=review_by, live=live)
    return page


def person_in(*group_names: str, **fields: Any) -> User:
    user = f.UserFactory.create(**fields)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


def send(today: date, capture: Any) -> int:
    with capture(execute=True):
        return reminders.review_reminders_send(today=today)


def test_each_editor_and_moderator_gets_one_email_listing_what_is_due(
    hub: HubIndexPage, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    overdue = resource(hub, "Network agreement template", TODAY - timedelta(days=3))
    soon = resource(hub, "O'Neill's guide to huddles", TODAY + timedelta(days=30))
    resource(hub, "Checked last month", TODAY + timedelta(days=31))
    resource(hub, "Never to be reviewed", None)
    resource(hub, "A draft", TODAY - timedelta(days=1), live=False)
    editor = person_in(groups.EDITORS_GROUP, email="editor@example.org", full_name="Eve Editor")
    moderator = person_in(groups.MODERATORS_GROUP, email="moderator@example.org")
    both = person_in(*groups.HUB_GROUPS, email="both@example.org")
    person_in(*groups.HUB_GROUPS, email="gone@example.org", is_active=False)
    person_in(groups.EDITORS_GROUP, email="")
    f.UserFactory.create(email="reader@example.org")

    assert send(TODAY, django_capture_on_commit_callbacks) == 3

    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        [editor.email, moderator.email, both.email]
    )
    message = next(m for m in mailoutbox if m.to == [editor.email])
    assert message.subject == "Wayfinder: 2 knowledge hub resources need checking"
    body = message.body
    assert body.startswith("Hello Eve Editor,")
    assert "and 1 is past its review date" in body
    site = settings.SITE_URL.rstrip("/")
    assert body.index("Network agreement template") < body.index("O'Neill's guide to huddles")
    assert "Review was due 20 November 2026" in body
    assert "Review by 23 December 2026" in body
    assert f"Edit it: {site}/cms/pages/{overdue.pk}/edit/" in body
    assert f"Edit it: {site}/cms/pages/{soon.pk}/edit/" in body
    for left_out in ("Checked last month", "Never to be reviewed", "A draft"):
        assert left_out not in body


def test_nothing_is_sent_when_no_resource_is_due(
    hub: HubIndexPage, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    resource(hub, "Checked last month", TODAY + timedelta(days=31))
    person_in(*groups.HUB_GROUPS, email="editor@example.org")

    assert send(TODAY, django_capture_on_commit_callbacks) == 0

    assert mailoutbox == []


def test_running_again_the_same_day_sends_nothing_more(
    hub: HubIndexPage, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    resource(hub, "Network agreement template", TODAY)
    person_in(groups.EDITORS_GROUP, email="editor@example.org")

    assert send(TODAY, django_capture_on_commit_callbacks) == 1
    assert send(TODAY, django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Wayfinder: 1 knowledge hub resource needs checking"
    assert "This resource in the knowledge hub is due for review, and 1 is past" not in mailoutbox[0].body

    assert send(TODAY + timedelta(days=1), django_capture_on_commit_callbacks) == 1
    assert len(mailoutbox) == 2
    assert "This resource in the knowledge hub is due for review, and 1 is past its review date" in mailoutbox[1].body


def test_the_command_and_the_task_send_the_reminders(
    hub: HubIndexPage, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    resource(hub, "Network agreement template", timezone.localdate())
    person_in(groups.EDITORS_GROUP, email="editor@example.org")
    output = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=output)

    assert output.getvalue().strip() == "Queued 1 reminder."
    assert [m.to for m in mailoutbox] == [["editor@example.org"]]
    person_in(groups.MODERATORS_GROUP, email="moderator@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        result = send_review_reminders.enqueue()

    assert result.return_value == 1
    assert [m.to for m in mailoutbox][-1] == ["moderator@example.org"]
