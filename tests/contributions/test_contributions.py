"""Members share resources and case studies; an editor approves or rejects them in the moderation workflow; the
contributor sees the outcome and gets an email with the reason."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from wagtail.models import Page, TaskState, WorkflowState

from tests import factories as f
from tests.conftest import Mailbox
from tests.signing_in import with_authenticator
from wayfinder.contributions import services
from wayfinder.contributions.models import Contribution, ContributionStatus
from wayfinder.hub.models import CaseStudyPage, HubIndexPage, ResourcePage

pytestmark = pytest.mark.django_db

RESOURCE_FORM = {
    "title": "Huddle agenda we use",
    "kind": "template",
    "summary": "A one-page agenda for a fifteen-minute morning huddle.",
    "body": "We start with safety.\n\nThen we look at the day's list.",
    "external_link": "https://example.org/huddle",
    "dimension_keys": ["integrating-care"],
    "support_domain_keys": ["population-health-management"],
}


def submit_resource(client: Client, **changes: Any) -> Any:
    return client.post("/hub/contribute/resource/", {**RESOURCE_FORM, **changes})


def task_state_for(page: Page) -> TaskState:
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.current_task_state is not None
    return state.current_task_state.specific


# Submitting ------------------------------------------------------------------------------------------------


def test_a_member_submits_a_resource_which_waits_as_a_draft_in_the_moderation_workflow(
    world: SimpleNamespace, client: Client, hub: HubIndexPage
) -> None:
    client.force_login(world.member)

    response = submit_resource(client)

    assert response.status_code == 302 and response["Location"] == "/hub/contribute/yours/"
    page = ResourcePage.objects.get(title="Huddle agenda we use")
    assert not page.live and page.get_parent().pk == hub.pk
    assert page.owner == world.member
    assert page.kind == "template" and page.external_link == "https://example.org/huddle"
    assert page.body == "<p>We start with safety.</p><p>Then we look at the day's list.</p>"
    assert page.dimension_keys == ["integrating-care"]
    assert page.support_domain_keys == ["population-health-management"]
    assert page.get_latest_revision().user == world.member
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.workflow.name == "Hub moderation" and state.status == WorkflowState.STATUS_IN_PROGRESS
    contribution = Contribution.objects.get()
    assert (contribution.contributor, contribution.page_id, contribution.status) == (
        world.member,
        page.pk,
        ContributionStatus.WAITING,
    )
    listing = client.get("/hub/contribute/yours/").content.decode()
    assert "Huddle agenda we use" in listing and "Waiting for an editor" in listing
    assert "sent “Huddle agenda we use” to the hub" in listing
    # A draft is nowhere in the hub for readers.
    assert "Huddle agenda we use" not in client.get("/hub/").content.decode()


def test_script_in_the_description_is_stored_as_harmless_text(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)

    submit_resource(client, body='<script>alert("hacked")</script>\n\n<b>bold</b> <img src=x onerror=alert(1)>')

    body = ResourcePage.objects.get().body
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "<script>alert(1)</script>Agenda"}, "title", "Title must be plain text"),
        ({"summary": 'Read <a href="x">this</a>'}, "summary", "Summary must be plain text"),
        ({"title": ""}, "title", "Enter title"),
        ({"kind": "spaceship"}, "kind", "Select the kind of resource"),
        ({"external_link": "javascript:alert(1)"}, "external_link", "Enter a web address that starts with https://"),
        ({"title": "x" * 201}, "title", "Title must be 200 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    world: SimpleNamespace, client: Client, changes: dict[str, str], field: str, message: str
) -> None:
    client.force_login(world.member)
    pages_before = Page.objects.count()

    response = submit_resource(client, **changes)

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert f'href="#id_{field}"' in html
    assert "<script>alert(1)</script>" not in html
    assert Page.objects.count() == pages_before
    assert not Contribution.objects.exists() and not WorkflowState.objects.exists()


def test_a_member_shares_a_case_study_about_one_of_their_networks(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)

    response = client.post(
        "/hub/contribute/case-study/",
        {
            "title": "Fewer missed appointments",
            "network": world.open.pk,
            "summary": "Text reminders halved missed appointments.",
            "problem": "One in ten people missed appointments.",
            "what_they_did": "We sent <em>reminders</em>.",
            "what_changed": "Half as many missed.",
            "contact": "The practice manager",
        },
    )

    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    assert not page.live and page.network_name == "Riverside PCN"
    stored = " ".join(
        str(getattr(page, name, "")) for name in ("body", "problem", "what_they_did", "what_changed", "contact")
    )
    assert "One in ten people missed appointments." in stored and "Half as many missed." in stored
    assert "We sent &lt;em&gt;reminders&lt;/em&gt;." in stored and "<em>" not in stored
    assert Contribution.objects.get().kind == "case-study"


def test_a_case_study_must_be_about_a_network_the_member_belongs_to(world: SimpleNamespace, client: Client) -> None:
    other = f.NetworkFactory.create(name="Someone else's network", slug="someone-else")
    client.force_login(world.member)

    response = client.post(
        "/hub/contribute/case-study/",
        {"title": "T", "network": other.pk, "summary": "S", "problem": "P", "what_they_did": "W", "what_changed": "C"},
    )

    assert "Select one of your networks" in response.content.decode()
    assert not CaseStudyPage.objects.exists()


def test_choosing_what_to_share_leads_to_the_right_form(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)

    assert client.post("/hub/contribute/", {"kind": "case-study"})["Location"] == "/hub/contribute/case-study/"
    assert client.post("/hub/contribute/", {"kind": "resource"})["Location"] == "/hub/contribute/resource/"
    assert "Select whether you are sharing" in client.post("/hub/contribute/", {}).content.decode()


@pytest.mark.parametrize("path", ["/hub/contribute/", "/hub/contribute/resource/", "/hub/contribute/case-study/"])
def test_only_members_of_a_network_may_contribute(world: SimpleNamespace, client: Client, path: str) -> None:
    assert client.get(path)["Location"].startswith("/accounts/login/")
    client.force_login(world.outsider)

    response = client.get(path)
    post = client.post(path, RESOURCE_FORM)

    assert response.status_code == post.status_code == 403
    assert "Only network members can share with the hub" in response.content.decode()
    assert not Contribution.objects.exists()


def test_people_see_only_their_own_contributions(world: SimpleNamespace, client: Client) -> None:
    client.force_login(world.member)
    submit_resource(client)
    client.force_login(world.lead)

    html = client.get("/hub/contribute/yours/").content.decode()

    assert "Huddle agenda we use" not in html
    assert "You have not shared anything with the hub yet." in html


# Deciding --------------------------------------------------------------------------------------------------


def test_approving_publishes_the_page_and_emails_the_contributor(
    world: SimpleNamespace, client: Client, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.member)
    submit_resource(client)
    page = ResourcePage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        task_state_for(page).approve(user=world.admin, comment="Clear and useful, thank you.")

    page.refresh_from_db()
    assert page.live
    contribution = Contribution.objects.get()
    assert contribution.status == ContributionStatus.PUBLISHED and contribution.decided_at is not None
    assert contribution.reason == "Clear and useful, thank you."
    message = mailbox.wait_for("member@example.org", subject_contains="is in the knowledge hub")
    body = Mailbox.body(message)
    assert "Clear and useful, thank you." in body
    assert "/hub/huddle-agenda-we-use/" in body
    listing = client.get("/hub/contribute/yours/").content.decode()
    assert "Published" in listing and 'href="/hub/huddle-agenda-we-use/"' in listing
    # Wagtail's own notice (with links into /cms/) is not sent to the contributor as well.
    assert len([m for m in mailbox.messages if "member@example.org" in str(m["To"])]) == 1


def test_rejecting_with_a_reason_keeps_the_page_a_draft_and_emails_the_reason(
    world: SimpleNamespace, client: Client, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.member)
    submit_resource(client)
    page = ResourcePage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        task_state_for(page).reject(user=world.admin, comment="We already have a guide on huddles.")

    page.refresh_from_db()
    assert not page.live
    contribution = Contribution.objects.get()
    assert contribution.status == ContributionStatus.REJECTED
    assert contribution.reason == "We already have a guide on huddles."
    message = mailbox.wait_for("member@example.org", subject_contains="was not published")
    assert "We already have a guide on huddles." in Mailbox.body(message)
    listing = client.get("/hub/contribute/yours/").content.decode()
    assert "Not published" in listing and "We already have a guide on huddles." in listing


def test_a_moderator_rejects_in_cms_with_a_comment(
    world: SimpleNamespace, client: Client, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    member = Client()
    member.force_login(world.member)
    submit_resource(member)
    page = ResourcePage.objects.get()
    task_state = task_state_for(page)
    client.force_login(with_authenticator(world.admin))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cms/pages/workflow/action/{page.pk}/reject/{task_state.pk}/", {"comment": "Please add a link."}
        )

    assert response.status_code in (200, 302)
    assert Contribution.objects.get().status == ContributionStatus.REJECTED
    assert "Please add a link." in Mailbox.body(mailbox.wait_for("member@example.org"))


def test_decisions_on_pages_nobody_contributed_are_ignored(world: SimpleNamespace, hub: HubIndexPage) -> None:
    assert services.contribution_decide(page_id=hub.pk, published=True, reason="") is None


def test_an_existing_workflow_on_the_hub_is_used(hub: HubIndexPage) -> None:
    workflow = hub.get_workflow()
    assert workflow is not None

    assert services.moderation_workflow_ensure(hub) == workflow
    assert workflow.tasks.get().specific.groups.get().name == "Hub moderators"
