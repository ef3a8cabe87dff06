"""The knowledge hub's demo content for `manage.py seed_demo`: the resources, case studies and spotlights
written in `wayfinder.hub.content`, published as Wagtail pages under the hub's front page. Safe to run again: a
page whose slug already exists is left as it is (an editor may have changed it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from wayfinder.accounts.models import User
from wayfinder.comms import digest as comms_digest
from wayfinder.comms import services as comms_services
from wayfinder.comms.models import DigestIssue, DigestStatus
from wayfinder.core.datafiles import read_yaml
from wayfinder.core.text import counted
from wayfinder.hub import content, services
from wayfinder.networks.demo.content import DEMO_DOMAIN

# Pages first loaded under these slugs keep them, so a demo database seeded before the hub's content grew does
# not get the same page twice.
EARLIER_SLUGS = {
    "Your network's first hundred days": "first-hundred-days",
    "Network agreement: a template to adapt": "network-agreement-template",
    "Peer support for clinical directors": "clinical-director-peer-support",
    "Coaching conversations for network leads": "coaching-for-network-leads",
    "Getting started with population health data": "population-health-starter",
    "Risk stratification explained": "risk-stratification-explained",
    "Running a weekly multidisciplinary huddle": "multidisciplinary-huddles",
    "Working across practices and community services": "working-with-community-services",
    "Sharing staff across practices": "sharing-staff-across-practices",
    "Network budget planner": "network-budget-planner",
    "Managing change together": "managing-change-together",
    "Making the most of social prescribing link workers": "social-prescribing-link-workers",
    "Mapping what your community already has": "community-asset-mapping",
    "Patient participation across a network": "patient-participation-across-a-network",
    "One rota for five practices": "one-rota-for-five-practices",
    "Finding people at rising risk together": "finding-people-at-rising-risk",
    "A garden and a walking group": "a-garden-and-a-walking-group",
}

DIGEST_DEMO = read_yaml(Path(__file__).resolve().parent / "digest_demo.yaml")
RESOURCES = content.RESOURCES
CASE_STUDIES = content.CASE_STUDIES
SPOTLIGHTS = content.SPOTLIGHTS


def slug_for(title: str) -> str:
    return EARLIER_SLUGS.get(title) or slugify(title)[:80].strip("-")


# The hub's own groups (see wayfinder/contributions/groups.py): editors write and submit, moderators approve
# and publish. Made by a contributions migration, and again by `moderation_workflow_ensure` if they have gone.
EDITOR_GROUPS = ["Hub editors", "Hub moderators"]


def seed() -> list[str]:
    hub = services.hub_index_ensure()
    editor = User.objects.filter(email=f"editor@{DEMO_DOMAIN}").first()
    if editor is not None:
        editor.groups.add(*Group.objects.filter(name__in=EDITOR_GROUPS))
    made = 0
    for story in CASE_STUDIES:
        page = services.case_study_publish_if_new(
            parent=hub,
            slug=slug_for(story["title"]),
            title=story["title"],
            network_name=story["network_name"],
            network_type=story["network_type"],
            summary=story["summary"],
            problem=story["problem"],
            what_they_did=story["what_they_did"],
            what_changed=story["what_changed"],
            contact=story["contact"],
            dimension_keys=story["dimension_keys"],
            support_domain_keys=story["support_domain_keys"],
        )
        made += page is not None
    for resource in RESOURCES:
        page = services.resource_publish_if_new(
            parent=hub,
            slug=slug_for(resource["title"]),
            title=resource["title"],
            kind=resource["kind"],
            summary=resource["summary"],
            body=resource["body"],
            audience=resource["audience"],
            network_types=resource["network_types"],
            topics=resource["topics"],
            external_link=resource["external_link"],
            dimension_keys=resource["dimension_keys"],
            support_domain_keys=resource["support_domain_keys"],
        )
        made += page is not None
    by_title = dict(Page.objects.child_of(hub).values_list("title", "pk"))
    for spotlight in SPOTLIGHTS:
        page = services.spotlight_publish_if_new(
            parent=hub,
            slug=slug_for(spotlight["title"]),
            title=spotlight["title"],
            introduction=spotlight["introduction"],
            page_ids=[by_title[title] for title in spotlight["items"] if title in by_title],
        )
        made += page is not None
    pages = counted(made, "new page", "new pages")
    lines = [f"Knowledge hub: {pages} (resources, case studies and spotlights) at {hub.url}"] if made else []
    return lines + seed_digest(editor)


def seed_digest(editor: User | None) -> list[str]:
    """A digest issue in the public archive and a draft for the editor, each made from the first entries the
    hub's digest sections offer. Made once: nothing is made while any issue exists. Nobody is mailed: the sent
    issue is marked sent with no deliveries."""
    if editor is None or DigestIssue.objects.exists():
        return []
    used: set[str] = set()
    for which in ("sent", "draft"):
        spec = DIGEST_DEMO[which]
        issue = comms_services.digest_start(user=editor)
        comms_services.digest_update(issue=issue, title=spec["title"], introduction=spec["introduction"])
        offered = [entry.ref for proposal in comms_digest.proposals(issue) for entry in proposal.entries]
        refs = [ref for ref in offered if ref not in used][: spec["entries"]]
        if refs:
            comms_services.digest_pick(issue=issue, refs=refs)
        used.update(refs)
        if which == "sent":
            # Sent a month ago, so the draft is offered what the hub published since.
            DigestIssue.objects.filter(pk=issue.pk).update(
                status=DigestStatus.SENT, sent_at=timezone.now() - timedelta(days=30), recipients_ready=True
            )
    return ["Digest: one issue in the archive at /digest/ and a draft for editor@ to finish at /digest/edit/"]
