"""An editor publishes a module in /cms/ (the module and its units are made as a draft through Wagtail's page API
first: typing StreamField activities into the admin is slow and tests Wagtail more than us). A learner enrols,
answers a unit's reflection (saved as they go), leaves and comes back to find it saved, completes every unit, and
downloads the workbook and the certificate; their network's lead sees the counts. Every page is checked with axe and
at 320px wide; a second learner does the same without JavaScript."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from docx import Document
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in, sign_in_browser
from wayfinder.hub import services as hub_services
from wayfinder.learning import builtin
from wayfinder.learning.models import ModulePage, ProgrammePage, UnitPage

pytestmark = pytest.mark.django_db(transaction=True)

MODULE = "Facilitating network meetings"


def check(page: Any) -> None:
    assert_accessible(page)
    assert_fits_320(page)


def unit(title: str, slug: str, prompt: str) -> UnitPage:
    return UnitPage(
        title=title,
        slug=slug,
        introduction="<p>Meetings are where a network does much of its work.</p>",
        learning_outcome="You can plan a meeting that members want to come to.",
        activities=[
            {"type": "question", "value": {"prompt": prompt, "hint": ""}},
            {
                "type": "rating",
                "value": {"prompt": "How good are your meetings now?", "low_label": "Poor", "high_label": "Excellent"},
            },
        ],
        dimension_keys=["leadership-and-facilitation"],
    )


@pytest.fixture
def draft_module(world: SimpleNamespace) -> ModulePage:
    hub_services.hub_index_ensure()
    builtin.load_builtin()
    programme = ProgrammePage.objects.get()
    module = ModulePage(title=MODULE, slug="facilitating-meetings", summary="Run meetings people value.", live=False)
    programme.add_child(instance=module)
    module.save_revision()
    for title, slug, prompt in [
        ("Before the meeting", "before", "What do you send members before a meeting?"),
        ("In the room", "in-the-room", "How do you make sure every voice is heard?"),
    ]:
        page = unit(title, slug, prompt)
        module.add_child(instance=page)
        page.save_revision().publish()
    return module


def publish_in_cms(live_server: Any, new_context: Any, world: SimpleNamespace, module: ModulePage) -> None:
    client = sign_in(Client(), world.admin)
    context = new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    editor = context.new_page()
    editor.goto(f"{live_server.url}/cms/pages/{module.pk}/edit/")
    editor.wait_for_load_state("networkidle")
    editor.get_by_role("button", name="More actions").click()
    go(editor, editor.get_by_role("button", name="Publish", exact=True))
    # Leave the editor and let its last request finish before the test's tables are emptied.
    editor.goto("about:blank")
    editor.wait_for_timeout(1_000)
    context.close()
    module.refresh_from_db()
    assert module.live


def test_a_learner_completes_a_module_the_editor_published(
    live_server: Any, new_context: Any, world: SimpleNamespace, draft_module: ModulePage
) -> None:
    base = live_server.url
    publish_in_cms(live_server, new_context, world, draft_module)

    learner = new_context(accept_downloads=True).new_page()
    sign_in_browser(learner, base, world.member.email)
    go(learner, learner.get_by_role("link", name="Learning", exact=True))
    check(learner)
    go(learner, learner.get_by_role("link", name=MODULE).first)
    check(learner)
    go(learner, learner.get_by_role("button", name="Enrol and start the first unit"))
    expect(learner.get_by_role("heading", name="Before the meeting")).to_be_visible()
    check(learner)

    # Answers save as the learner goes (htmx), with no button pressed.
    learner.get_by_label("Activity 1: What do you send members before a meeting?").fill("An agenda a week ahead")
    learner.get_by_label("4").check()
    expect(learner.get_by_text("Your answers are saved.")).to_be_visible()
    learner.wait_for_timeout(2_000)  # the save queued while typing has gone too
    check(learner)

    # Leave and come back: still there.
    learner.goto(f"{base}/learning/")
    learner.goto(base + UnitPage.objects.get(slug="before").url)
    expect(learner.get_by_label("Activity 1: What do you send members before a meeting?")).to_have_value(
        "An agenda a week ahead"
    )
    expect(learner.get_by_label("4")).to_be_checked()
    go(learner, learner.get_by_role("button", name="Save and mark the unit complete"))
    expect(learner.get_by_role("heading", name="In the room")).to_be_visible()
    learner.get_by_label("Activity 1: How do you make sure every voice is heard?").fill("A round at the start")
    learner.get_by_label("3").check()
    expect(learner.get_by_text("Your answers are saved.")).to_be_visible()
    learner.wait_for_timeout(2_000)  # as a person would: the saves made while answering have finished
    go(learner, learner.get_by_role("button", name="Save and mark the unit complete"))
    expect(learner.get_by_text(f"You have completed {MODULE}")).to_be_visible()
    check(learner)

    with learner.expect_download() as download_info:
        learner.get_by_role("link", name="Download your workbook (Word)").click()
    workbook = Document(io.BytesIO(download_info.value.path().read_bytes()))
    text = "\n".join(paragraph.text for paragraph in workbook.paragraphs)
    assert "An agenda a week ahead" in text and "A round at the start" in text

    with learner.expect_download() as download_info:
        learner.get_by_role("link", name="Download your certificate (PDF)").click()
    assert download_info.value.path().read_bytes().startswith(b"%PDF")

    # The network's lead sees counts, not answers.
    lead = new_context().new_page()
    sign_in_browser(lead, base, world.lead.email)
    lead.goto(f"{base}/learning/")
    go(lead, lead.get_by_role("link", name="See how your people are getting on"))
    check(lead)
    expect(lead.get_by_role("heading", name="Riverside PCN")).to_be_visible()
    assert "An agenda a week ahead" not in lead.content()
    row = lead.get_by_role("table").first.get_by_role("row", name=MODULE)
    expect(row.get_by_role("cell")).to_have_text(["Enrolled 1", "In progress 0", "Completed 1"])


def test_without_javascript_answers_save_with_the_button(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    hub_services.hub_index_ensure()
    builtin.load_builtin()
    base = live_server.url
    learner = new_context(java_script_enabled=False).new_page()
    sign_in_browser(learner, base, world.member.email, check=False)
    learner.goto(base + ModulePage.objects.get(slug="leading-networks").url)
    go(learner, learner.get_by_role("button", name="Enrol and start the first unit"))
    question = learner.get_by_label("Activity 1: List two pieces of your network's work", exact=False)
    question.fill("Shared rota: hierarchy. Frailty pathway: network.")
    go(learner, learner.get_by_role("button", name="Save your answers"))
    expect(learner.get_by_text("Your answers are saved")).to_be_visible()
    learner.goto(f"{base}/learning/")
    expect(learner.get_by_text("Enrolled").first).to_be_visible()
    learner.goto(base + UnitPage.objects.get(slug="networks-and-hierarchies").url)
    expect(question).to_have_value("Shared rota: hierarchy. Frailty pathway: network.")
    # Marking complete with the rating unanswered says what is missing.
    go(learner, learner.get_by_role("button", name="Save and mark the unit complete"))
    expect(learner.get_by_text("Not answered yet: activity 2")).to_be_visible()
