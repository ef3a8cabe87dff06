"""After a webinar, in a browser: the organiser marks attendance, publishes the recording (it appears in the hub),
sets and sends the exit survey and the knowledge check; an attendee answers the survey, fails then passes the check
and downloads a certificate that names them, the event and its code. Every page is checked with axe and at 320px
wide; the whole flow also runs without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.documents import pdf_text
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.events.after_world import past_event, register
from tests.signing_in import sign_in_browser
from wayfinder.certificates.models import Certificate
from wayfinder.core.roles import AppointmentRole
from wayfinder.events.after_models import Attendance, SurveyResponse
from wayfinder.hub.services import hub_index_ensure

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Focal Point: measuring what matters"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_after_the_event_attendance_recording_survey_check_and_certificate(
    live_server: Any, new_context: Any, world: SimpleNamespace, tmp_path: Path, javascript: bool
) -> None:
    base = live_server.url
    hub_index_ensure()
    editor = f.UserFactory.create(email="editor@example.org", full_name="Eden Editor")
    f.AppointmentFactory.create(user=editor, role=AppointmentRole.EDITOR)
    event = past_event(title=TITLE, created_by=editor)
    register(event, world.member)
    register(event, world.external)

    def check(page: Any) -> None:
        if javascript:
            assert_accessible(page)
            assert_fits_320(page)

    organiser = new_context(java_script_enabled=javascript).new_page()
    sign_in_browser(organiser, base, editor.email, check=javascript)
    organiser.goto(f"{base}/events/{event.pk}/")
    go(organiser, organiser.get_by_role("link", name="Attendance, recording, survey, check and report"))
    check(organiser)

    # Attendance: tick the member only.
    go(organiser, organiser.get_by_role("link", name="Tick who attended"))
    check(organiser)
    organiser.get_by_label("Max Member (member@example.org)").check()
    go(organiser, organiser.get_by_role("button", name="Save attendance"))
    expect(organiser.get_by_text("1 of 2 registered (50%)")).to_be_visible()
    assert list(Attendance.objects.values_list("registration__person__email", flat=True)) == [world.member.email]

    # The recording and slides, published in the hub.
    go(organiser, organiser.get_by_role("link", name="Add the recording and slides"))
    check(organiser)
    organiser.fill("#id_url", "https://video.example.org/focal-point")
    organiser.locator("input[type=file]").set_input_files(
        files=[{"name": "slides.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    go(organiser, organiser.get_by_role("button", name="Save and publish"))
    check(organiser)
    organiser.goto(f"{base}/hub/")
    expect(organiser.get_by_role("link", name=f"Recording: {TITLE}")).to_be_visible()
    go(organiser, organiser.get_by_role("link", name=f"Recording: {TITLE}"))
    check(organiser)

    # The exit survey: a rating and a comment, sent.
    organiser.goto(f"{base}/events/{event.pk}/after/manage/survey/")
    check(organiser)
    organiser.get_by_label("A rating from 1 to 5").check()
    organiser.fill("#id_text", "How useful was the session for your work?")
    go(organiser, organiser.get_by_role("button", name="Add question"))
    organiser.get_by_label("Their own words").check()
    organiser.fill("#id_text", "What would you change?")
    go(organiser, organiser.get_by_role("button", name="Add question"))
    go(organiser, organiser.get_by_role("button", name="Send the survey"))
    expect(organiser.get_by_text("The survey was sent to 1 more person.")).to_be_visible()
    check(organiser)

    # The knowledge check: one question, certificates only for those who pass.
    organiser.goto(f"{base}/events/{event.pk}/after/manage/check/")
    check(organiser)
    organiser.fill("#id_pass_mark", "100")
    organiser.get_by_label("Give certificates only to attendees who pass the check").check()
    go(organiser, organiser.get_by_role("button", name="Save settings"))
    organiser.fill("#id_text", "What does a run chart show?")
    organiser.fill("#id_option_1", "Change over time")
    organiser.fill("#id_feedback_1", "Yes: each point is one moment, in order.")
    organiser.fill("#id_option_2", "A league table")
    organiser.fill("#id_feedback_2", "No: a run chart compares a process with itself over time.")
    organiser.get_by_label("Answer 1", exact=True).last.check()
    go(organiser, organiser.get_by_role("button", name="Add question"))
    check(organiser)
    go(organiser, organiser.get_by_role("button", name="Send the check"))
    expect(organiser.get_by_text("The check was sent to 1 more person.")).to_be_visible()

    # The attendee: the survey, the check (wrong, then right) and the certificate.
    member = new_context(java_script_enabled=javascript, accept_downloads=True).new_page()
    sign_in_browser(member, base, world.member.email, check=javascript)
    member.goto(f"{base}/events/{event.pk}/")
    go(member, member.get_by_role("link", name=re.compile("^The recording, the exit survey")))
    check(member)
    expect(member.get_by_role("link", name="Watch the recording")).to_be_visible()
    go(member, member.get_by_role("link", name="Tell the organisers what you thought"))
    check(member)
    member.get_by_label("4", exact=True).check()
    member.fill("textarea", "More examples from practices like ours")
    go(member, member.get_by_role("button", name="Send your answers"))
    expect(member.get_by_text("You have answered the survey. Thank you.")).to_be_visible()
    assert SurveyResponse.objects.filter(person=world.member).count() == 1

    go(member, member.get_by_role("link", name="Take the check"))
    check(member)
    member.get_by_label("A league table").check()
    go(member, member.get_by_role("button", name="Check your answers"))
    expect(member.get_by_text("You have not passed this time")).to_be_visible()
    expect(member.get_by_text("No: a run chart compares a process with itself over time.")).to_be_visible()
    check(member)
    go(member, member.get_by_role("link", name="Try the check again"))
    member.get_by_label("Change over time").check()
    go(member, member.get_by_role("button", name="Check your answers"))
    expect(member.get_by_text("You passed")).to_be_visible()
    check(member)
    with member.expect_download() as info:
        member.get_by_role("button", name="Get your certificate").click()
    download = info.value
    certificate = Certificate.objects.get(person=world.member)
    text = re.sub(r"\s+", " ", pdf_text(Path(download.path()).read_bytes(), tmp_path))
    assert "Max Member" in text and TITLE in text and certificate.code in text

    # Anyone can check the code.
    visitor = new_context(java_script_enabled=javascript).new_page()
    visitor.goto(f"{base}/certificates/verify/?code={certificate.code}")
    expect(visitor.get_by_text("This certificate is genuine")).to_be_visible()

    # The organiser's report: the survey and the check in aggregate.
    organiser.goto(f"{base}/events/{event.pk}/after/manage/report/")
    check(organiser)
    expect(organiser.get_by_text("More examples from practices like ours")).to_be_visible()
    expect(organiser.get_by_text("1 of 1 person who took the check passed (100%)", exact=False)).to_be_visible()
