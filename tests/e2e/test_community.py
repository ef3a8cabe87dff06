"""A member asks a question in the community (agreeing to the norms first); another answers and mentions a third;
the asker hears of it on the notifications page and by mail and accepts the answer; someone reports a post and an
editor, moderating the shared space, hides it. With JavaScript and without; every page is checked with axe and at
320px wide, and nothing from a hostile post runs."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from tests import factories as f
from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in_browser
from wayfinder.accounts.models import User
from wayfinder.community.models import Post, PostStatus, Report, Thread
from wayfinder.core.roles import AppointmentRole

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE = (
    "We keep losing a day to this.\n\n"
    "<script>window.pwned = 'script'</script>\n\n"
    '<img src="x" onerror="window.pwned = \'img\'">\n\n'
    "[our agenda](javascript:window.pwned='link')"
)


def check(page: Any, javascript: bool) -> None:
    if javascript:
        assert_accessible(page)
        assert_fits_320(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_ask_answer_mention_accept_report_and_hide(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace, javascript: bool
) -> None:
    base = live_server.url
    User.objects.update(date_joined=timezone.now() - timedelta(days=60))
    editor = f.UserFactory.create(email="editor@example.org", full_name="Eve Editor")
    f.AppointmentFactory.create(user=editor, role=AppointmentRole.EDITOR)

    # A member asks, agreeing to the norms on the way.
    asker = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(asker, base, "member@example.org", check=javascript)
    go(asker, asker.get_by_role("link", name="Community", exact=True))
    check(asker, javascript)
    go(asker, asker.get_by_role("button", name="Ask a question or start a discussion"))
    assert "Community norms" in asker.content()
    check(asker, javascript)
    go(asker, asker.get_by_role("button", name="I agree to the community norms"))
    check(asker, javascript)
    go(asker, asker.get_by_role("button", name="Post"))
    assert "Give your question or discussion a title" in asker.content()
    check(asker, javascript)
    asker.fill("#id_title", "How do you fit a consensus meeting into an hour?")
    asker.fill("#id_body", HOSTILE)
    asker.fill("#id_tags", "consensus, meetings")
    go(asker, asker.get_by_role("button", name="Post"))
    assert "Your post is in the community" in asker.content()
    check(asker, javascript)
    thread = Thread.objects.get()
    if javascript:
        assert asker.evaluate("() => window.pwned === undefined")
    assert asker.locator(".community-post script, .community-post img").count() == 0
    assert asker.get_by_text("<script>window.pwned = 'script'</script>").count() == 1

    # Another answers and mentions a third.
    answerer = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(answerer, base, "lead@example.org", check=False)
    answerer.goto(f"{base}/community/norms/")
    go(answerer, answerer.get_by_role("button", name="I agree to the community norms"))
    answerer.goto(f"{base}{thread.get_absolute_url()}")
    check(answerer, javascript)
    if javascript:
        assert answerer.evaluate("() => window.pwned === undefined")
    answerer.fill("#id_body", "Split it in two: the widest spreads first. @OliveOutsider did this last year.")
    go(answerer, answerer.get_by_role("button", name="Post your reply"))
    check(answerer, javascript)
    reply = Post.objects.get(opening=False)

    # The asker hears of it, on the page and by mail, and accepts the answer.
    message = mailbox.wait_for("member@example.org", subject_contains="replied to")
    assert thread.get_absolute_url() in mailbox.body(message)
    mailbox.wait_for("outsider@example.org", subject_contains="mentioned you")
    asker.goto(f"{base}/community/")
    assert "Community (1 new)" in asker.content()
    go(asker, asker.get_by_role("link", name="Your notifications (1 new)"))
    check(asker, javascript)
    go(asker, asker.get_by_role("link", name="Lena Lead replied to “How do you fit a consensus meeting into an hour?”"))
    check(asker, javascript)
    go(asker, asker.get_by_role("button", name="Accept as the answer"))
    assert "It now shows under the question" in asker.content()
    check(asker, javascript)
    thread.refresh_from_db()
    assert thread.accepted_id == reply.pk

    # The third person, mentioned, reports the reply; an editor hides it with a reason its author is told.
    third = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(third, base, "outsider@example.org", check=False)
    third.goto(f"{base}/community/notifications/")
    go(
        third,
        third.get_by_role("link", name="Lena Lead mentioned you in “How do you fit a consensus meeting into an hour?”"),
    )
    go(third, third.get_by_role("link", name="Report this post").last)
    check(third, javascript)
    third.get_by_label("It is misleading or unsafe advice").check()
    go(third, third.get_by_role("button", name="Send your report"))
    check(third, javascript)
    assert Report.objects.count() == 1

    moderator = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(moderator, base, "editor@example.org", check=False)
    moderator.goto(f"{base}/community/moderation/")
    check(moderator, javascript)
    go(moderator, moderator.get_by_role("link", name="Hide the post").first)
    check(moderator, javascript)
    moderator.fill("#id_reason", "Please check advice like this with the facilitator first")
    go(moderator, moderator.get_by_role("button", name="Hide the post"))
    check(moderator, javascript)
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    told = mailbox.wait_for("lead@example.org", subject_contains="hid your post")
    assert "check advice like this" in mailbox.body(told)
    moderator.goto(f"{base}/community/moderation/log/")
    assert "Hid a post" in moderator.content()
    check(moderator, javascript)

    asker.goto(f"{base}{thread.get_absolute_url()}")
    assert "Split it in two" not in asker.content()
    check(asker, javascript)
