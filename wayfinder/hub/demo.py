"""Demo resources and case studies for `manage.py seed_demo`, written by us: the hub front page and a
resource for every dimension of the PCN Maturity Matrix and every support domain. Safe to run again: a page
whose slug already exists is left as it is (an editor may have changed it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group

from wayfinder.accounts.models import User
from wayfinder.hub import services
from wayfinder.hub.models import ResourceKind as K


@dataclass(frozen=True)
class DemoResource:
    slug: str
    title: str
    kind: str
    summary: str
    body: str
    dimensions: tuple[str, ...]
    domains: tuple[str, ...]


LEAD = "leadership-planning-and-partnerships"
DATA = "use-of-data-and-population-health-management"
CARE = "integrating-care"
MONEY = "managing-resources"
PEOPLE = "working-with-people-and-communities"

RESOURCES = [
    DemoResource(
        "first-hundred-days",
        "Your network's first hundred days",
        K.GUIDE,
        "A week-by-week plan for a new network: who to meet, what to agree and what can wait.",
        "<p>New networks often try to do everything at once. This guide splits the first hundred days into "
        "three stretches: getting to know each other, agreeing how decisions are made, and choosing one "
        "small thing to improve together.</p><h2>What to agree first</h2><ul><li>Who chairs meetings and "
        "for how long</li><li>How money and staff are shared</li><li>How disagreements are settled</li></ul>",
        (LEAD,),
        ("pcn-set-up",),
    ),
    DemoResource(
        "network-agreement-template",
        "Network agreement: a template to adapt",
        K.TEMPLATE,
        "A plain-English starting point for the agreement your member practices sign.",
        "<p>Use this template to write down how your network works: its purpose, who belongs, how votes are "
        "counted and what happens when a practice wants to leave. Change anything that does not fit.</p>",
        (LEAD, MONEY),
        ("pcn-set-up",),
    ),
    DemoResource(
        "clinical-director-peer-support",
        "Peer support for clinical directors",
        K.GUIDE,
        "How clinical directors can set up small groups to share problems and ideas in confidence.",
        "<p>Leading a network is lonely at first. Groups of four to six directors who meet every month, with "
        "a simple rule that what is said stays in the room, help people test ideas before they take them "
        "back to their practices.</p>",
        (LEAD,),
        ("leadership-development",),
    ),
    DemoResource(
        "coaching-for-network-leads",
        "Coaching conversations for network leads",
        K.VIDEO,
        "A twenty-minute video on using coaching questions to help colleagues find their own answers.",
        "<p>The video shows three short conversations between a network lead and a practice manager. Each "
        "one uses open questions instead of advice. Notes underneath list the questions used.</p>",
        (LEAD, PEOPLE),
        ("leadership-development",),
    ),
    DemoResource(
        "population-health-starter",
        "Getting started with population health data",
        K.GUIDE,
        "How to pull together practice data to see which groups of patients would benefit most from a "
        "joined-up approach.",
        "<p>Start with a question, not a dashboard. Pick one group, such as people with frailty or several "
        "long-term conditions, and count how many you have, where they live and which services they use. "
        "Then share the picture with every practice so everyone works from the same numbers.</p>",
        (DATA,),
        ("population-health-management",),
    ),
    DemoResource(
        "risk-stratification-explained",
        "Risk stratification explained",
        K.RESEARCH_SUMMARY,
        "What the research says about finding patients at rising risk, and the mistakes to avoid.",
        "<p>Tools that score patients by risk can help a network decide where to focus. Studies show they "
        "work best when a clinician reviews the list, when the people found are offered something "
        "different, and when results are checked after six months.</p>",
        (DATA,),
        ("population-health-management",),
    ),
    DemoResource(
        "multidisciplinary-huddles",
        "Running a weekly multidisciplinary huddle",
        K.TOOL,
        "A checklist and agenda for a short weekly meeting about the patients who need several services.",
        "<p>A huddle brings together practice staff, community nurses, social care and the voluntary sector "
        "for thirty minutes. The checklist covers who to invite, how to choose patients, what to record and "
        "how to follow up actions.</p>",
        (CARE,),
        ("supporting-collaborative-working",),
    ),
    DemoResource(
        "working-with-community-services",
        "Working across practices and community services",
        K.WEBINAR,
        "A recorded webinar where two networks describe how they built shared teams with community services.",
        "<p>In this recording, leaders from two networks explain how they agreed shared caseloads with district "
        "nurses and therapists, what went wrong in the first year and what they would do differently.</p>",
        (CARE, PEOPLE),
        ("supporting-collaborative-working",),
    ),
    DemoResource(
        "sharing-staff-across-practices",
        "Sharing staff across practices",
        K.GUIDE,
        "Practical options for employing and deploying staff who work for the whole network.",
        "<p>Roles funded for the network can be employed by one lead practice, by a federation or by a "
        "community provider. This guide compares the options on cost, risk, supervision and how easy it is "
        "for staff to move between sites.</p>",
        (MONEY,),
        ("organisational-development-and-change",),
    ),
    DemoResource(
        "network-budget-planner",
        "Network budget planner",
        K.TEMPLATE,
        "A spreadsheet for planning the network's income and spending over the year.",
        "<p>The planner has one tab for income, one for staff costs and one for everything else. It shows "
        "each month's balance so the network can see early if money will run short.</p>",
        (MONEY,),
        ("pcn-set-up", "organisational-development-and-change"),
    ),
    DemoResource(
        "managing-change-together",
        "Managing change together",
        K.GUIDE,
        "How to bring practices with different cultures through a change without losing goodwill.",
        "<p>Change sticks when people help shape it. Involve staff early, agree what will not change, try the "
        "new way on a small scale and share what you learn before asking everyone to switch.</p>",
        (LEAD, CARE),
        ("organisational-development-and-change",),
    ),
    DemoResource(
        "social-prescribing-link-workers",
        "Making the most of social prescribing link workers",
        K.GUIDE,
        "How networks can support link workers and connect them with local groups and services.",
        "<p>Link workers help people with needs that medicine cannot meet, such as loneliness or debt. They "
        "do their best work when they have good supervision, time to build links with local groups and a "
        "simple way for clinicians to refer.</p>",
        (PEOPLE,),
        ("social-prescribing-and-asset-based-community-development",),
    ),
    DemoResource(
        "community-asset-mapping",
        "Mapping what your community already has",
        K.TOOL,
        "A step-by-step method for listing the groups, places and people your patients can turn to.",
        "<p>Asset mapping starts from strengths, not problems. Walk the area with local people, list clubs, "
        "faith groups, green spaces and volunteers, and keep the list where every practice can find it.</p>",
        (PEOPLE,),
        ("social-prescribing-and-asset-based-community-development",),
    ),
    DemoResource(
        "patient-participation-across-a-network",
        "Patient participation across a network",
        K.LINK,
        "Ideas for bringing practice patient groups together so patients help shape network services.",
        "<p>Each practice has its own patient group. A network-wide group, meeting a few times a year, lets "
        "patients comment on shared services. Invite people who do not usually come forward, and pay their "
        "travel costs.</p>",
        (PEOPLE, LEAD),
        ("supporting-collaborative-working",),
    ),
]


@dataclass(frozen=True)
class DemoCaseStudy:
    slug: str
    title: str
    network_name: str
    summary: str
    body: str
    dimensions: tuple[str, ...]
    domains: tuple[str, ...]


CASE_STUDIES = [
    DemoCaseStudy(
        "one-rota-for-five-practices",
        "One rota for five practices",
        "Ravensby Central PCN",
        "How five practices moved from separate rotas to one shared rota for their network staff.",
        "<h2>The challenge</h2><p>Each practice booked the shared pharmacists in its own way, so some weeks they "
        "were double-booked and other weeks idle.</p><h2>What they did</h2><p>The practice managers met for an "
        "hour each fortnight and agreed one online rota that everyone could see.</p><h2>What changed</h2><p>Fewer "
        "gaps, fewer arguments, and the pharmacists said they felt part of one team.</p>",
        (MONEY, CARE),
        ("organisational-development-and-change",),
    ),
    DemoCaseStudy(
        "finding-people-at-rising-risk",
        "Finding people at rising risk together",
        "Medlow Vale PCN",
        "A network pooled its data to find patients whose health was getting worse before they reached hospital.",
        "<h2>The challenge</h2><p>Each practice held its own lists and nobody could see the whole picture.</p>"
        "<h2>What they did</h2><p>With help from their system's analysts, they built one shared list each month "
        "and a clinician from each practice reviewed it.</p><h2>What changed</h2><p>Care coordinators now call "
        "people on the list before a crisis, not after.</p>",
        (DATA,),
        ("population-health-management",),
    ),
    DemoCaseStudy(
        "a-garden-and-a-walking-group",
        "A garden and a walking group",
        "Social Prescribing Community of Practice",
        "How link workers and a local charity turned an empty plot into a place for people who feel alone.",
        "<h2>The challenge</h2><p>Many people who came to the surgery most often were lonely rather than ill.</p>"
        "<h2>What they did</h2><p>The link workers asked a gardening charity to run weekly sessions and started "
        "a walking group from the same spot.</p><h2>What changed</h2><p>Forty people come most weeks, and some now "
        "run the sessions themselves.</p>",
        (PEOPLE,),
        ("social-prescribing-and-asset-based-community-development",),
    ),
]


# Wagtail's own migrations make these groups: editors write and submit, moderators approve and publish.
EDITOR_GROUPS = ["Editors", "Moderators"]


def seed() -> list[str]:
    hub = services.hub_index_ensure()
    editor = User.objects.filter(email="editor@wayfinder.test").first()
    if editor is not None:
        editor.groups.add(*Group.objects.filter(name__in=EDITOR_GROUPS))
    made = 0
    for story in CASE_STUDIES:
        page = services.case_study_publish_if_new(
            parent=hub,
            slug=story.slug,
            title=story.title,
            network_name=story.network_name,
            summary=story.summary,
            body=story.body,
            dimension_keys=list(story.dimensions),
            support_domain_keys=list(story.domains),
        )
        made += page is not None
    for resource in RESOURCES:
        page = services.resource_publish_if_new(
            parent=hub,
            slug=resource.slug,
            title=resource.title,
            kind=resource.kind,
            summary=resource.summary,
            body=resource.body,
            dimension_keys=list(resource.dimensions),
            support_domain_keys=list(resource.domains),
        )
        made += page is not None
    return [f"Knowledge hub: {made} new resources and case studies at {hub.url}"] if made else []
