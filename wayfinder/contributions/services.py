"""Writes for contributions and feedback: a member's submission becomes a draft hub page in the moderation
workflow; the editor's decision is recorded and the contributor told by email; readers' answers to "Was this
useful?" are kept, one per reader and page."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from wayfinder.accounts.models import User
from wayfinder.comms.pipeline import mail_send
from wayfinder.contributions import mail, text
from wayfinder.contributions.groups import hub_groups_ensure
from wayfinder.contributions.models import (
    COMMENT_MAX_LENGTH,
    Contribution,
    ContributionKind,
    ContributionStatus,
    ResourceFeedback,
)
from wayfinder.core.links import absolute_url
from wayfinder.hub import services as hub_services
from wayfinder.hub.models import CaseStudyPage, HubIndexPage, ResourceKind, ResourcePage
from wayfinder.networks.models import Membership, Network

# Shared by name with the hub's own set-up, which may have made them first.
MODERATION_WORKFLOW = "Hub moderation"
MODERATORS_GROUP = "Hub moderators"
MODERATION_TASK = "Hub moderators approve"

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def can_contribute(user: Any) -> bool:
    """Anyone who belongs to a network may share with the hub."""
    return bool(user.is_authenticated and Membership.objects.filter(user=user).exists())


def moderation_workflow_ensure(hub: HubIndexPage) -> Workflow:
    """The workflow contributions go through: the active one put on the hub's front page itself if there is
    one, otherwise "Hub moderation" (made, with its approval task for the "Hub moderators" group, if it does not
    exist), which is then put on the front page. Wagtail's default workflow on the root page is not used.
    The "Hub editors" and "Hub moderators" groups get their permissions on the front page here too."""
    hub_groups_ensure(hub)
    assigned = WorkflowPage.objects.filter(page=hub, workflow__active=True).select_related("workflow").first()
    if assigned is not None:
        return assigned.workflow
    workflow, _ = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        task, _ = GroupApprovalTask.objects.get_or_create(name=MODERATION_TASK)
        task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=hub, defaults={"workflow": workflow})
    return workflow


def _no_markup(**values: str) -> None:
    errors = {
        name: f"{name.replace('_', ' ').capitalize()} must be plain text: remove anything between < and >"
        for name, value in values.items()
        if _TAG.search(value)
    }
    if errors:
        raise ValidationError(errors)


def _submit(*, contributor: User, page: Page, kind: str) -> Contribution:
    if not can_contribute(contributor):
        raise ValidationError("Only members of a network can share resources and case studies.")
    hub = hub_services.hub_index_ensure()
    page.slug = find_available_slug(hub, slugify(page.title)[:60] or kind)
    page.owner = contributor
    page.live = False
    hub.add_child(instance=page)
    page.save_revision(user=contributor, log_action=True)
    # Started without a requesting user: Wagtail would otherwise email the contributor itself, with links into
    # /cms/ they cannot open. We tell them ourselves (see contribution_decide).
    moderation_workflow_ensure(hub).start(page, user=None)
    return Contribution.objects.create(contributor=contributor, page=page, kind=kind, title=page.title)


@transaction.atomic
def contribution_submit_resource(
    *,
    contributor: User,
    title: str,
    kind: str,
    summary: str,
    body: str,
    external_link: str,
    dimension_keys: list[str],
    support_domain_keys: list[str],
) -> Contribution:
    """A member's resource, as a draft page waiting for an editor."""
    title, summary = title.strip(), summary.strip()
    _no_markup(title=title, summary=summary)
    if kind not in ResourceKind.values:
        raise ValidationError({"kind": "Select the kind of resource"})
    if external_link and not external_link.startswith(("https://", "http://")):
        raise ValidationError({"external_link": "Enter a web address that starts with https:// or http://"})
    page = ResourcePage(
        title=title,
        kind=kind,
        summary=summary,
        body=text.to_rich_text(body),
        external_link=external_link,
        dimension_keys=list(dimension_keys),
        support_domain_keys=list(support_domain_keys),
    )
    return _submit(contributor=contributor, page=page, kind=ContributionKind.RESOURCE)


def _case_study_fields() -> set[str]:
    return {field.name for field in CaseStudyPage._meta.get_fields()}


@transaction.atomic
def contribution_submit_case_study(
    *,
    contributor: User,
    title: str,
    network: Network,
    summary: str,
    problem: str,
    what_they_did: str,
    what_changed: str,
    contact: str,
    dimension_keys: list[str],
    support_domain_keys: list[str],
) -> Contribution:
    """A member's story about one of their networks, as a draft page waiting for an editor."""
    title, summary = title.strip(), summary.strip()
    _no_markup(title=title, summary=summary)
    if not Membership.objects.filter(user=contributor, network=network).exists():
        raise ValidationError({"network": "Select one of your networks"})
    sections = {
        "problem": text.to_rich_text(problem),
        "what_they_did": text.to_rich_text(what_they_did),
        "what_changed": text.to_rich_text(what_changed),
        "contact": text.to_rich_text(contact),
    }
    page = CaseStudyPage(
        title=title,
        network_name=network.name,
        network_type=network.network_type,
        summary=summary,
        dimension_keys=list(dimension_keys),
        support_domain_keys=list(support_domain_keys),
    )
    fields = _case_study_fields()
    if {"problem", "what_they_did", "what_changed", "contact"} <= fields:
        for name, value in sections.items():
            setattr(page, name, value)
    else:
        # The page still keeps the story in one body: give each part its own heading there.
        headings = {
            "problem": "The problem",
            "what_they_did": "What we did",
            "what_changed": "What changed",
            "contact": "Find out more",
        }
        page.body = "".join(f"<h2>{headings[name]}</h2>{value}" for name, value in sections.items() if value)
    return _submit(contributor=contributor, page=page, kind=ContributionKind.CASE_STUDY)


def _mail(*, key: str, to: str, template: str, context: dict[str, Any]) -> None:
    """Send an email through comms, queued once the decision is saved; the template's first line is its
    subject."""
    rendered = render_to_string(f"contributions/email/{template}.txt", context).strip()
    subject, _, body = rendered.partition("\n")
    mail_send(kind=mail.DECISION, key=key, to=[to], subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n")


@transaction.atomic
def contribution_decide(*, page_id: int, published: bool, reason: str) -> Contribution | None:
    """Record an editor's decision on a contributed page and email the contributor. Pages nobody contributed
    through the form are left alone (None)."""
    contribution = (
        Contribution.objects.select_for_update().select_related("contributor").filter(page_id=page_id).first()
    )
    if contribution is None:
        return None
    contribution.status = ContributionStatus.PUBLISHED if published else ContributionStatus.REJECTED
    contribution.reason = reason.strip()
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["status", "reason", "decided_at", "updated_at"])
    page = Page.objects.filter(pk=page_id).first()
    _mail(
        key=f"{mail.DECISION}:{contribution.pk}:{contribution.status}:{contribution.decided_at.isoformat()}",
        to=contribution.contributor.email,
        template="published" if published else "rejected",
        context={
            "contribution": contribution,
            "reason": contribution.reason,
            "page_link": absolute_url(page.url) if published and page is not None and page.url else "",
            "list_link": absolute_url(reverse("contributions:mine")),
        },
    )
    return contribution


# Usefulness ------------------------------------------------------------------------------------------------


@transaction.atomic
def feedback_record(*, page: Page, user: User | None, useful: bool, comment: str) -> tuple[ResourceFeedback, bool]:
    """Keep a reader's answer; a signed-in reader's new answer replaces their old one. True when it is new."""
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": f"Tell us more must be {COMMENT_MAX_LENGTH} characters or fewer"})
    if not page.live:
        raise ValidationError("This page is not published.")
    if user is None:
        return ResourceFeedback.objects.create(page=page, user=None, useful=useful, comment=comment), True
    feedback, created = ResourceFeedback.objects.select_for_update().update_or_create(
        page=page, user=user, defaults={"useful": useful, "comment": comment}
    )
    return feedback, created
