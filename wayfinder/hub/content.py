"""The knowledge hub's demo content as plain data: resources, case studies and spotlights, all written by us.

`seed_demo` turns these into Wagtail pages. Bodies are written in a small plain-text shape and turned into
simple HTML by `_html`: a blank line starts a new block, "## " a heading, "- " a bulleted item and "1. " a
numbered item; anything else is a paragraph. Text is escaped, so a body can only ever hold <p>, <h2>, <ul>,
<ol> and <li>. Tags use the stable keys of the built-in PCN Maturity Matrix, Network Maturity Matrix and
support domains, so they keep their meaning when a system tailors a matrix.
"""

from __future__ import annotations

import re
from html import escape
from typing import TypedDict


class ResourceData(TypedDict):
    title: str
    kind: str
    summary: str
    body: str
    audience: str
    dimension_keys: list[str]
    support_domain_keys: list[str]
    network_types: list[str]
    topics: list[str]
    external_link: str


class CaseStudyData(TypedDict):
    title: str
    network_name: str
    network_type: str
    summary: str
    problem: str
    what_they_did: str
    what_changed: str
    contact: str
    dimension_keys: list[str]
    support_domain_keys: list[str]


class SpotlightData(TypedDict):
    title: str
    introduction: str
    items: list[str]


_NUMBERED = re.compile(r"^\d+\. ")


def _html(text: str) -> str:
    """Turn our plain-text shape into simple, escaped HTML."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines[0].startswith("## "):
            out.append(f"<h2>{escape(' '.join(lines)[3:], quote=False)}</h2>")
            continue
        bulleted = lines[0].startswith("- ")
        numbered = bool(_NUMBERED.match(lines[0]))
        if not bulleted and not numbered:
            out.append(f"<p>{escape(' '.join(lines), quote=False)}</p>")
            continue
        items: list[str] = []
        for line in lines:
            if line.startswith("- ") or _NUMBERED.match(line):
                items.append(line.split(" ", 1)[1])
            else:
                items[-1] += " " + line
        tag = "ul" if bulleted else "ol"
        listed = "".join(f"<li>{escape(item, quote=False)}</li>" for item in items)
        out.append(f"<{tag}>{listed}</{tag}>")
    return "".join(out)


# Resource kinds (wayfinder.hub.models.ResourceKind), kept as plain values so this module is pure data.
GUIDE = "guide"
TOOL = "tool"
TEMPLATE = "template"
RESEARCH = "research-summary"
WEBINAR = "webinar"
VIDEO = "video"
LINK = "link"

# Audiences (wayfinder.hub.models.Audience).
EVERYONE = "everyone"
LEADS = "network-leads"
MEMBERS = "members"
SYSTEMS = "systems"

# Network types (wayfinder.networks.models.NetworkType).
DELIVERY = "delivery"
LEARNING = "learning"
ADVOCACY = "advocacy"
SOCIAL = "social"
MANAGED = "managed"

# PCN Maturity Matrix dimensions.
LEAD = "leadership-planning-and-partnerships"
DATA = "use-of-data-and-population-health-management"
CARE = "integrating-care"
MONEY = "managing-resources"
PEOPLE = "working-with-people-and-communities"

# Network Maturity Matrix dimensions.
PURPOSE = "purpose-and-direction"
GOVERNANCE = "governance-and-structure"
FACILITATION = "leadership-and-facilitation"
KNOWLEDGE = "knowledge-capture-and-reuse"
VITALITY = "integrity-and-vitality"
LEARNING_DIM = "learning-and-improvement"
IMPACT = "impact-and-value"
SUSTAINABILITY = "sustainability-and-resilience"

# Support domains.
SET_UP = "pcn-set-up"
OD = "organisational-development-and-change"
LEADERSHIP = "leadership-development"
COLLABORATION = "supporting-collaborative-working"
PHM = "population-health-management"
SOCIAL_PRESCRIBING = "social-prescribing-and-asset-based-community-development"

# The small shared vocabulary of topics; every resource uses one to three of these.
TOPICS = (
    "getting started",
    "shared purpose",
    "governance",
    "leadership",
    "facilitation",
    "planning",
    "partnerships",
    "teams",
    "workforce",
    "money",
    "data",
    "population health",
    "evaluation",
    "quality improvement",
    "knowledge sharing",
    "wellbeing",
    "patient involvement",
    "communities",
    "social prescribing",
)

RESOURCES: list[ResourceData] = [
    {
        "title": "Your network's first hundred days",
        "kind": GUIDE,
        "summary": "A plan for a new network's first three months: who to meet, what to agree and what can wait.",
        "body": _html("""
            New networks often try to do everything at once and run out of energy by the summer. This guide
            splits the first hundred days into three stretches, each with a clear aim.

            ## Days 1 to 30: get to know each other

            - Visit every member organisation and ask what it hopes the network will do, and what it fears.
            - List the people who will make or break the network: practice managers, partners, community
            teams, the local council and voluntary groups.
            - Write down what already works between members, so you build on it rather than replace it.

            ## Days 31 to 60: agree how you will work

            - Agree who chairs meetings, for how long and how decisions are made when people disagree.
            - Agree how money and shared staff are handled, even if only for the first year.
            - Put these points in a short written agreement that every member signs.

            ## Days 61 to 100: do one thing together

            Choose one small, visible improvement that every member cares about, such as a shared clinic or a
            single way to refer to a community service. Test it, count what happens and tell everyone the
            result. An early success builds trust faster than any away day.

            ## What can wait

            Detailed strategies, branding and long-term structures can wait until the network has a few months
            of working together behind it. Revisit them at your first self-assessment.
        """),
        "audience": LEADS,
        "dimension_keys": [LEAD, PURPOSE],
        "support_domain_keys": [SET_UP],
        "network_types": [],
        "topics": ["getting started", "planning"],
        "external_link": "",
    },
    {
        "title": "Network agreement: a template to adapt",
        "kind": TEMPLATE,
        "summary": "A plain-English starting point for the agreement your member organisations sign.",
        "body": _html("""
            A written agreement saves arguments later. It does not need to be long or legal in tone: it needs
            to say clearly what members have agreed, so new people can understand it and nobody has to rely on
            memory.

            ## Sections to include

            1. Purpose: one or two sentences on why the network exists and who it serves.
            2. Members: which organisations belong, and how a new one can join.
            3. Decisions: which decisions need everyone, which need a majority and which the lead can make.
            4. Money: how income is received, shared and reported, and who signs off spending.
            5. Staff: who employs shared staff, who supervises them and how their time is split.
            6. Data: what information is shared and under which data sharing agreement.
            7. Disagreements: the steps to follow when members cannot agree, ending with an outside mediator.
            8. Leaving: the notice a member must give and how shared costs are settled.
            9. Review: the date the agreement will next be read and updated.

            ## Tips for using it

            - Draft it together in one meeting rather than circulating a finished version for comment.
            - Keep the wording plain. If a sentence needs a lawyer to explain it, rewrite it.
            - Store the signed copy where every member can find it, and note each change with a date.
            - Read it again after your first year and after any member joins or leaves.
        """),
        "audience": LEADS,
        "dimension_keys": [LEAD, MONEY, GOVERNANCE],
        "support_domain_keys": [SET_UP],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["governance", "getting started"],
        "external_link": "",
    },
    {
        "title": "Peer support for clinical directors",
        "kind": GUIDE,
        "summary": "How clinical directors can set up small groups to share problems and ideas in confidence.",
        "body": _html("""
            Leading a network can be lonely. Clinical directors often sit between their own practice, their
            fellow members and the wider system, and there may be nobody nearby doing the same job. A small
            peer group gives them somewhere to think out loud.

            ## Setting up a group

            - Keep it small: four to six people, ideally from different places so nobody is competing.
            - Meet every month for about 90 minutes, online or in person, at a time protected in diaries.
            - Agree one simple rule at the start: what is said in the group stays in the group.
            - Rotate who brings a problem, so everyone gives and receives help.

            ## A simple format for each meeting

            1. Ten minutes of check-in: how is everyone, really?
            2. One person describes a problem for five minutes without interruption.
            3. The others ask questions to understand it, not to solve it.
            4. The group offers ideas while the person listens and takes notes.
            5. The person says what they will try, and reports back next time.

            ## Keeping it going

            Groups fade when meetings are cancelled for clinical work. Book the dates for a year ahead. If
            the group is still meeting after six months, ask whether it wants a trained facilitator for some
            sessions or a shared reading to discuss.
        """),
        "audience": LEADS,
        "dimension_keys": [LEAD, FACILITATION],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [DELIVERY],
        "topics": ["leadership", "wellbeing"],
        "external_link": "",
    },
    {
        "title": "Coaching conversations for network leads",
        "kind": VIDEO,
        "summary": "A twenty-minute video on using coaching questions to help colleagues find their own answers.",
        "body": _html("""
            Network leads are often asked for answers. Giving them can feel helpful, but it makes the lead the
            bottleneck and leaves colleagues less confident. Coaching questions help people find their own way
            forward, and they tend to stick with a plan they chose themselves.

            ## What the video shows

            The video follows three short conversations between a network lead and colleagues: a practice
            manager worried about a shared rota, a pharmacist unsure of their role, and a partner who does not
            want their practice to change. Each conversation uses open questions instead of advice.

            ## Questions used in the video

            - What would a good outcome look like for you?
            - What have you already tried, and what happened?
            - What is in your control here, and what is not?
            - Who else could help?
            - What is the smallest step you could take this week?

            ## Trying it yourself

            In your next one-to-one, try to ask three questions before you offer any suggestion. Notice how the
            conversation changes. Coaching does not replace telling people things they need to know, such as a
            safety concern, but it works well for most everyday problems. Watch the video with your team and
            practise in pairs for ten minutes afterwards.
        """),
        "audience": LEADS,
        "dimension_keys": [LEAD, PEOPLE, FACILITATION],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [],
        "topics": ["leadership", "facilitation"],
        "external_link": "",
    },
    {
        "title": "Getting started with population health data",
        "kind": GUIDE,
        "summary": (
            "How to pull together practice data to see which groups of patients would benefit most from a "
            "joined-up approach."
        ),
        "body": _html("""
            Population health management means using data to understand the people you serve and to act before
            problems become crises. You do not need a data warehouse to begin. You need a question, a few
            numbers you trust and people willing to act on them.

            ## Start with a question, not a dashboard

            Pick one group that your members already worry about, such as people living with frailty, people
            with several long-term conditions, or children with asthma. Then ask:

            - How many people in this group are registered with our practices?
            - Where do they live, and how does that differ between neighbourhoods?
            - Which services do they use most, including hospital visits?
            - Who is missing from services they should be using?

            ## Share one picture

            Bring the answers together in a single short summary and share it with every member. When everyone
            works from the same numbers, conversations move from whose data is right to what to do next.

            ## Ask for help

            Your system's analysts and data teams can often link practice, community and hospital records
            lawfully. Ask early, and agree what you want to know before asking for a report.

            ## Act and check

            Choose one change for the group you studied, try it for three months and look at the same numbers
            again. Population health work is a cycle, not a one-off report.
        """),
        "audience": EVERYONE,
        "dimension_keys": [DATA],
        "support_domain_keys": [PHM],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["data", "population health", "getting started"],
        "external_link": "",
    },
    {
        "title": "Risk stratification explained",
        "kind": RESEARCH,
        "summary": "What the research says about finding patients at rising risk, and the mistakes to avoid.",
        "body": _html("""
            Risk stratification tools give each patient a score for how likely they are to need urgent care in
            the coming year. Networks use them to decide whom to offer extra help. The research behind them is
            encouraging in some ways and cautionary in others.

            ## What the evidence suggests

            - Scores are fairly good at ranking people, but less good at predicting what will happen to any
            one person.
            - The people with the very highest scores are often already well known to services. The most room
            for change is usually in the rising-risk group just below them.
            - Finding people does nothing on its own. Benefits come only when the people found are offered
            something different, such as a care plan, a named coordinator or a medicines review.
            - Tools trained on past hospital use can under-count need in groups who find services hard to
            reach.

            ## Mistakes to avoid

            1. Treating the list as final. A clinician who knows the patients should always review it.
            2. Offering the same thing to everyone on the list, whatever their situation.
            3. Forgetting to measure. Check outcomes for the people you helped after six and twelve months.
            4. Ignoring fairness. Compare who is on the list with your whole population by age, ethnicity and
            deprivation, and ask why any group is missing.

            ## Using it well

            Treat the score as a prompt for a conversation, not a verdict. It works best as one part of a
            wider population health approach, alongside local knowledge and what patients say they need.
        """),
        "audience": EVERYONE,
        "dimension_keys": [DATA],
        "support_domain_keys": [PHM],
        "network_types": [],
        "topics": ["data", "population health"],
        "external_link": "",
    },
    {
        "title": "Running a weekly multidisciplinary huddle",
        "kind": TOOL,
        "summary": "A checklist and agenda for a short weekly meeting about the patients who need several services.",
        "body": _html("""
            A huddle is a short, regular meeting where people from different services talk about patients whose
            care crosses their boundaries. Done well, it replaces dozens of phone calls and emails.

            ## Who to invite

            - A GP or advanced practitioner from each practice, or one who covers for the group.
            - Community nurses and therapists who visit the same patients.
            - Social care, mental health and the voluntary sector when their clients are discussed.
            - A care coordinator to keep the list and record actions.

            ## Choosing patients

            Agree simple criteria, such as recent hospital discharge, a carer under strain or a new concern from
            any team member. Keep the list to what fits in 30 minutes; about six patients is typical.

            ## Agenda

            1. Actions from last week: done, not done, or no longer needed (5 minutes).
            2. Each patient in turn: what is happening, what matters to them, who does what by when.
            3. Anything urgent that has come up since the list was made.

            ## Recording and follow-up

            Record the agreed actions in the patient's record, naming the person responsible. Check consent
            for sharing information, and make sure the patient knows who their main contact is.

            ## Checking it works

            After three months, ask the team whether the huddle saves time, and look at whether the patients
            discussed had fewer unplanned admissions. Change the format if it is not earning its half hour.
        """),
        "audience": MEMBERS,
        "dimension_keys": [CARE],
        "support_domain_keys": [COLLABORATION],
        "network_types": [DELIVERY],
        "topics": ["teams", "partnerships"],
        "external_link": "",
    },
    {
        "title": "Working across practices and community services",
        "kind": WEBINAR,
        "summary": (
            "A recorded webinar where two networks describe how they built shared teams with community services."
        ),
        "body": _html("""
            In this hour-long recording, leaders from two networks describe how they moved from separate teams
            to shared working with district nurses, therapists and mental health workers. Slides are available
            with the recording.

            ## What they covered

            - How they agreed one list of patients that the practices and community teams share.
            - Why they aligned community staff to neighbourhoods rather than to single practices.
            - What went wrong in the first year: duplicated visits, unclear lines of supervision and a
            frustrating fight over rooms.
            - How they fixed it, with a joint operational group and a simple shared rota.

            ## Lessons they would pass on

            1. Meet in person early. Trust built over coffee carried them through later disagreements.
            2. Agree the clinical governance first: who is accountable for which decisions.
            3. Start with one group of patients, such as housebound people, before widening.
            4. Ask staff what gets in their way each month, and remove one barrier at a time.

            ## Questions to discuss afterwards

            Watch the recording as a team and ask: which community services do we already work well with? Where
            do patients fall between us? What would one shared meeting, one shared list or one shared room make
            possible for us?
        """),
        "audience": EVERYONE,
        "dimension_keys": [CARE, PEOPLE],
        "support_domain_keys": [COLLABORATION],
        "network_types": [DELIVERY],
        "topics": ["teams", "partnerships"],
        "external_link": "",
    },
    {
        "title": "Sharing staff across practices",
        "kind": GUIDE,
        "summary": "Practical options for employing and deploying staff who work for the whole network.",
        "body": _html("""
            Many networks employ staff who work across all their member practices, such as pharmacists, care
            coordinators, physiotherapists and social prescribing link workers. How they are employed shapes
            their experience, their supervision and the risk each member carries.

            ## The main options

            - A lead practice employs the staff on behalf of the network. Simple to set up, but that practice
            carries the employment risk and the admin.
            - A GP federation or a company owned by the practices employs them. Spreads risk and admin, but
            adds a layer of management and cost.
            - A community or hospital provider employs them under an agreement. Gives access to professional
            supervision and training, but the network has less direct control.

            ## Questions to settle whichever you choose

            1. Who gives clinical supervision, and who manages day-to-day work?
            2. How is each person's time split between practices, and who decides when it changes?
            3. How do they get access to each practice's systems and rooms?
            4. Who pays if someone is off sick for a long time or leaves?

            ## Making staff feel part of one team

            Shared staff often say they feel like visitors everywhere. Give them a named contact in each
            practice, a regular team meeting of their own and a say in how their work is planned. Ask them
            every six months what would make their work easier.
        """),
        "audience": LEADS,
        "dimension_keys": [MONEY],
        "support_domain_keys": [OD],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["workforce", "teams"],
        "external_link": "",
    },
    {
        "title": "Network budget planner",
        "kind": TEMPLATE,
        "summary": "A spreadsheet for planning the network's income and spending over the year.",
        "body": _html("""
            A network that cannot see its money clearly will struggle to make confident decisions. This planner
            is a simple spreadsheet that a practice manager can keep up to date in half an hour a month.

            ## What is in it

            - An income tab: each funding stream, when it arrives and any conditions attached to it.
            - A staff tab: each post, its hours, its full cost including pension and training, and its start
            date.
            - A running costs tab: rooms, equipment, software, meetings and backfill for clinicians' time.
            - A summary tab showing the balance month by month, with any month below zero highlighted.

            ## How to use it

            1. Fill in the income you are sure of first, then anything likely, marked separately.
            2. Add staff costs from the start date, not the start of the year.
            3. Review it each month at the network board and note any changes in a short log.
            4. Share the summary with every member so nobody is surprised.

            ## Good habits

            Keep a small reserve for unexpected costs. Agree in advance how any underspend will be used, so it
            does not become a source of argument at the end of the year. When a new funding stream appears,
            add it only once you know its rules, and note who agreed to spend it.
        """),
        "audience": LEADS,
        "dimension_keys": [MONEY, SUSTAINABILITY],
        "support_domain_keys": [SET_UP, OD],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["money", "planning"],
        "external_link": "",
    },
    {
        "title": "Managing change together",
        "kind": GUIDE,
        "summary": "How to bring organisations with different cultures through a change without losing goodwill.",
        "body": _html("""
            Every organisation in a network has its own habits, history and pace. A change that feels small to
            one member can feel like a threat to another. The way you introduce a change matters as much as the
            change itself.

            ## Before the change

            - Explain why the change is needed in terms each member cares about, such as patient safety,
            staff workload or money.
            - Say clearly what will not change. People resist less when they know what is safe.
            - Invite the people most affected to help shape the detail.

            ## Trying it out

            1. Test the new way on a small scale, in one practice or with one team.
            2. Measure a few simple things before and after.
            3. Ask those involved what worked and what did not, and adjust.
            4. Share what you learned, including the problems, before asking everyone to switch.

            ## When people push back

            Resistance usually has a reason: a past change that went badly, a real risk nobody has spotted, or
            simply too much else going on. Listen for the reason before trying to persuade. Sometimes the right
            answer is to slow down or change the plan.

            ## Keeping goodwill

            Thank people publicly for trying something new, and give credit to the members who went first.
            Goodwill is the network's most valuable resource, and it is easier to keep than to rebuild.
        """),
        "audience": EVERYONE,
        "dimension_keys": [LEAD, CARE, LEARNING_DIM],
        "support_domain_keys": [OD],
        "network_types": [],
        "topics": ["quality improvement", "leadership"],
        "external_link": "",
    },
    {
        "title": "Making the most of social prescribing link workers",
        "kind": GUIDE,
        "summary": "How networks can support link workers and connect them with local groups and services.",
        "body": _html("""
            Link workers help people with needs that medicine alone cannot meet, such as loneliness, debt,
            housing worries or low confidence. They give people time, listen to what matters to them and connect
            them with groups and services in their community. They do their best work when the network supports
            them well.

            ## What link workers need

            - Regular supervision from someone who understands the role, with space to talk about hard cases.
            - Time in their week to build links with local groups, not only to see patients.
            - A simple way for any clinician or receptionist to refer, and clear feedback on what happened.
            - A place in team meetings, so other staff understand what they do.
            - Access to the records they need, with clear rules on what they record.

            ## Common pitfalls

            1. Using link workers to fill gaps in clinical or admin rotas.
            2. Expecting them to fix a shortage of local services on their own.
            3. Measuring only the number of referrals, not what changed for people.

            ## Helping them grow

            Encourage link workers across the network to meet as a peer group, share their directory of local
            support and learn from each other. Ask them what they are seeing in the community: they often spot
            gaps and patterns long before the data does.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PEOPLE],
        "support_domain_keys": [SOCIAL_PRESCRIBING],
        "network_types": [DELIVERY],
        "topics": ["social prescribing", "workforce"],
        "external_link": "",
    },
    {
        "title": "Mapping what your community already has",
        "kind": TOOL,
        "summary": "A step-by-step method for listing the groups, places and people your patients can turn to.",
        "body": _html("""
            Asset mapping starts from strengths, not problems. Instead of asking what a neighbourhood lacks, it
            asks what is already there: the people, groups, places and skills that help residents stay well.
            The result helps link workers, clinicians and patients find support close to home.

            ## Steps

            1. Choose an area small enough to walk, such as one neighbourhood or ward.
            2. Invite local people to help: residents, community leaders, link workers and volunteers.
            3. Walk the area together and note every club, faith group, café, library, park, allotment and
            community centre.
            4. Ask people where they go for help, advice or company. Some of the best assets are individuals.
            5. Record each asset with what it offers, who it suits, when it is open and how to get in touch.
            6. Check the list with the groups themselves before sharing it.

            ## Keeping it useful

            - Store the map where every practice and link worker can find it.
            - Name one person to keep it up to date, and check each entry every six months.
            - Note gaps as well as assets, and share them with the council and voluntary sector.

            ## A word of care

            Community groups are not a free service. Ask what they need from the network in return, such as a
            room, a small grant or help with publicity, and avoid sending them more people than they can
            welcome.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PEOPLE],
        "support_domain_keys": [SOCIAL_PRESCRIBING],
        "network_types": [],
        "topics": ["communities", "social prescribing"],
        "external_link": "",
    },
    {
        "title": "Patient participation across a network",
        "kind": GUIDE,
        "summary": "Ideas for bringing practice patient groups together so patients help shape network services.",
        "body": _html("""
            Each practice usually has its own patient participation group. When a network starts running shared
            services, patients need a way to comment on those too. A network-wide group can do this without
            replacing the groups that already exist.

            ## Setting up a network patient group

            - Ask each practice group to nominate one or two members.
            - Add people who do not usually come forward, such as young parents, carers, people who work shifts
            and people whose first language is not English.
            - Meet three or four times a year, at different times of day, and offer an online option.
            - Pay travel costs and offer refreshments. Cost should never be a barrier to taking part.

            ## Giving the group real work

            1. Share plans for new services early, while they can still change.
            2. Ask the group to test letters, leaflets and web pages for plain English.
            3. Invite members to sit on interview panels for network roles.
            4. Report back each time on what changed because of their advice.

            ## Reaching beyond the group

            A small group cannot speak for everyone. Use short surveys, conversations at community events and
            links with local voluntary groups to hear from more people. Treat the patient group as a partner in
            planning that listening, not as a replacement for it.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PEOPLE, LEAD],
        "support_domain_keys": [COLLABORATION],
        "network_types": [],
        "topics": ["patient involvement", "communities"],
        "external_link": "",
    },
    {
        "title": "Writing a shared purpose statement",
        "kind": TOOL,
        "summary": "A way for members to propose, discuss and vote on a short statement of why the network exists.",
        "body": _html("""
            A shared purpose is the reason members give their time to the network. When it is clear, decisions
            become easier: an idea either serves the purpose or it does not. When it is vague, every meeting
            reopens the same debate.

            ## Steps

            1. Ask every member to finish the sentence "This network exists so that..." in no more than 30
            words. Collect answers online or on cards at a meeting.
            2. Group similar answers and look for the words that keep coming up.
            3. Write three or four short draft statements that capture different emphases.
            4. Share the drafts and invite comments for two weeks. Anyone can suggest a change.
            5. Hold a vote, with each member choosing one draft. If no draft has a clear lead, discuss the top
            two and vote again.
            6. Publish the chosen statement where everyone will see it: meeting papers, the network's page and
            induction packs.

            ## What a good statement looks like

            - It names who benefits, not only what the network does.
            - It is short enough to remember.
            - It uses words a patient or a new member would understand.

            ## Keeping it alive

            Read the statement aloud at the start of the first meeting each quarter, and check big decisions
            against it. Review it once a year at your self-assessment. A purpose that no longer fits should be
            changed openly, with members, not quietly forgotten.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PURPOSE, VITALITY],
        "support_domain_keys": [SET_UP, OD],
        "network_types": [],
        "topics": ["shared purpose", "facilitation"],
        "external_link": "",
    },
    {
        "title": "Setting 12-month targets from your baseline",
        "kind": GUIDE,
        "summary": (
            "How to turn a first self-assessment into a few realistic targets and check progress during the year."
        ),
        "body": _html("""
            A first self-assessment gives your network a baseline: an honest picture of where it stands on each
            dimension of the matrix. The next step is to decide where you want to be in a year, and how you will
            know you are getting there.

            ## Choose a few dimensions, not all of them

            Trying to move every dimension at once spreads effort too thinly. Pick two or three where:

            - members disagree least about the current level;
            - a move up would make the biggest difference to patients or members;
            - you can see practical steps to take in the next few months.

            ## Set each target one level up

            A jump of one level in a year is ambitious for most networks. For each chosen dimension, read the
            description of the next level and write two or three things that would be true if you reached it.
            These become your evidence to look for.

            ## Plan check-ins

            1. At three months, ask: have we started the actions we agreed?
            2. At six months, ask: is anything changing that members can see?
            3. At nine months, ask: are we on track, and do we need to change the plan?
            4. At twelve months, repeat the full self-assessment and compare with the baseline.

            ## Be honest about the results

            If a dimension did not move, that is useful information. Ask what got in the way and whether the
            target was right. Celebrate the dimensions that did move, and say who made it happen.
        """),
        "audience": LEADS,
        "dimension_keys": [PURPOSE, LEARNING_DIM, LEAD],
        "support_domain_keys": [OD],
        "network_types": [],
        "topics": ["planning", "evaluation"],
        "external_link": "",
    },
    {
        "title": "Terms of reference for a steering group",
        "kind": TEMPLATE,
        "summary": "A short template for the group that guides a network, with prompts for each section.",
        "body": _html("""
            Many networks are guided by a small steering group that meets between wider gatherings. Terms of
            reference tell everyone what that group is for and how far its authority goes. Keep them to one or
            two pages.

            ## Sections and prompts

            1. Purpose: what is the group for? For example, setting priorities, planning events and checking
            progress against targets.
            2. Membership: how many people, which roles or organisations they come from, and how they are
            chosen. Aim for a mix of experience, professions and places.
            3. Term: how long people serve, and how the group avoids everyone leaving at once. Staggered
            terms of two years work well.
            4. Chair: who chairs, and whether the role rotates.
            5. Decisions: what the group can decide alone, and what must go to all members.
            6. Quorum: how many members must be present for a decision to count.
            7. Meetings: how often, how papers are shared and how actions are recorded.
            8. Openness: how members can see what was discussed and raise items for the agenda.
            9. Conflicts of interest: how members declare them and when they step out of a discussion.
            10. Review: when the terms of reference will next be checked.

            ## Tips

            - Write in plain English and avoid copying long documents from elsewhere.
            - Publish short notes of each meeting so the wider membership trusts the group.
            - Ask new steering group members to read the terms of reference at their first meeting and
            suggest changes.
        """),
        "audience": LEADS,
        "dimension_keys": [GOVERNANCE, LEAD],
        "support_domain_keys": [SET_UP],
        "network_types": [LEARNING, ADVOCACY, SOCIAL],
        "topics": ["governance"],
        "external_link": "",
    },
    {
        "title": "Deciding who belongs: membership and roles",
        "kind": GUIDE,
        "summary": "How to decide who your network is for, how people join and what each role is expected to do.",
        "body": _html("""
            A network that is unclear about who belongs will struggle to make decisions and to keep people
            involved. Being clear does not mean being closed: it means people know how to join, what they can
            expect and what is expected of them.

            ## Questions to answer together

            - Who must be part of the network for it to achieve its purpose?
            - Who would be welcome, even if they are not essential?
            - Should membership be for organisations, for individuals or both?
            - How does someone join, and who approves them, if anyone?
            - How does someone leave, and what happens to their responsibilities?

            ## Roles worth naming

            - Lead: holds the overall direction and speaks for the network.
            - Facilitator or coordinator: keeps things moving, organises meetings and connects people.
            - Steering group member: helps set priorities and checks progress.
            - Member: takes part, shares knowledge and contributes to the work.
            - External partner: brings expertise or a different view, without full membership.

            ## Writing it down

            Put your answers in a short membership statement and share it with every new member. Include who to
            contact with questions and how often the statement is reviewed.

            ## Checking reach

            Once a year, compare your membership with the people and organisations you said the network needs.
            Who is missing? Who has drifted away? Ask a few of them why, and act on what they say.
        """),
        "audience": LEADS,
        "dimension_keys": [GOVERNANCE, VITALITY],
        "support_domain_keys": [SET_UP, COLLABORATION],
        "network_types": [],
        "topics": ["governance", "getting started"],
        "external_link": "",
    },
    {
        "title": "Choosing your network type",
        "kind": GUIDE,
        "summary": (
            "Delivery, learning, advocacy, social or managed: how a network's type shapes the way it should be run."
        ),
        "body": _html("""
            Networks exist for different reasons, and the way you run one should fit its reason for existing.
            Many arguments in new networks come from members quietly assuming different types.

            ## Five common types

            - Delivery or developmental networks exist to provide or improve services together, such as a
            primary care network running shared clinics.
            - Learning networks and communities of practice exist so people doing similar work can share what
            they know and get better at it.
            - Advocacy networks exist to raise a shared voice and influence decisions made elsewhere.
            - Social networks exist mainly for connection, support and belonging.
            - Managed networks are set up and steered by an organisation to achieve goals it has defined.

            ## Why the type matters

            - Governance: a delivery network handling money and staff needs firmer rules than a learning network.
            - Leadership: a community of practice needs facilitation more than direction.
            - Measures: a learning network may measure how knowledge spreads, while a delivery network measures
            service outcomes.
            - Membership: advocacy networks often want wide reach; delivery networks need specific members.

            ## Using this in practice

            Ask each member which type they think the network is. If the answers differ, talk about it openly.
            Some networks are a blend, such as a delivery network with a learning group inside it. That is
            fine, as long as everyone knows which part of the network they are in at any time.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PURPOSE, GOVERNANCE],
        "support_domain_keys": [SET_UP],
        "network_types": [],
        "topics": ["getting started", "shared purpose"],
        "external_link": "",
    },
    {
        "title": "Facilitating a good network meeting",
        "kind": GUIDE,
        "summary": "Practical ways to plan and run meetings where every member is heard and decisions get made.",
        "body": _html("""
            Network meetings bring together people who do not report to each other. Nobody can be told to agree,
            so the quality of the conversation decides what happens next. Good facilitation makes that
            conversation fair and useful.

            ## Before the meeting

            - Ask members what they want to discuss, and say on the agenda what each item is for: to share, to
            discuss or to decide.
            - Send papers at least five working days ahead, with a one-paragraph summary at the top.
            - Give time to the items that need everyone's thinking, not to updates that could be read.

            ## During the meeting

            1. Start by reminding people of the network's purpose and what the meeting needs to achieve.
            2. Agree simple ground rules, such as one voice at a time and cameras on for online meetings.
            3. Use rounds, where each person speaks briefly in turn, so quieter voices are heard.
            4. Summarise what you have heard before moving to a decision.
            5. Record decisions and actions with names and dates as you go.

            ## After the meeting

            Share short notes within two days. Follow up on actions before the next meeting, not at it.

            ## Sharing the role

            Facilitation is a skill that grows with practice. Rotate who facilitates parts of the meeting and
            offer a short debrief afterwards. This builds leadership across the network and avoids everything
            depending on one person.
        """),
        "audience": LEADS,
        "dimension_keys": [FACILITATION, VITALITY],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [],
        "topics": ["facilitation", "leadership"],
        "external_link": "",
    },
    {
        "title": "Sharing leadership across the network",
        "kind": RESEARCH,
        "summary": (
            "What studies of networks say about leadership that is spread across many people, and how to grow it."
        ),
        "body": _html("""
            In a hierarchy, leadership mostly flows from the top. In a network, nobody holds that kind of
            authority. Studies of health and care networks suggest that the strongest ones share leadership
            widely, with different people leading at different times depending on the task.

            ## What the research points to

            - Networks that rely on one charismatic leader often stall when that person moves on.
            - Shared leadership is linked with higher member commitment and more ideas being tried.
            - Leaders in networks spend much of their time connecting people, framing problems and keeping
            conversations open, rather than directing work.
            - Power does not disappear in networks. Larger or better-funded members can dominate unless the
            network makes deliberate room for others.

            ## What this means in practice

            1. Name the leadership tasks, such as chairing, facilitating, speaking to the system and leading
            projects, and spread them across members.
            2. Invite people to lead pieces of work that match their interests, with support rather than
            supervision.
            3. Notice whose voices carry the most weight, and use simple methods, such as rounds and
            anonymous polls, to balance them.
            4. Treat developing new leaders as part of the network's work, not an extra.

            ## Questions for your network

            If your lead left tomorrow, who would step in? How many members have led something in the last
            year? Whose ideas never seem to get picked up?
        """),
        "audience": EVERYONE,
        "dimension_keys": [FACILITATION, LEAD, SUSTAINABILITY],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [],
        "topics": ["leadership"],
        "external_link": "",
    },
    {
        "title": "Leading through conflict",
        "kind": WEBINAR,
        "summary": "A recorded webinar on handling disagreement between members so it strengthens the network.",
        "body": _html("""
            Conflict is normal in networks. Members bring different interests, pressures and histories, and
            some disagreement is a sign that people care. Conflict becomes a problem when it goes underground or
            turns personal. This recording, with slides, looks at how leads can work with it.

            ## What the webinar covers

            - The difference between conflict about tasks, about process and about relationships.
            - Early signs that a disagreement is going underground, such as quiet members, side conversations
            and decisions that are agreed but never carried out.
            - How to name a conflict calmly in a meeting without blaming anyone.
            - When to bring in someone neutral to help.

            ## A simple approach to try

            1. Meet each party separately first and listen to what matters to them.
            2. Bring them together with a clear, shared question, such as how patients can be seen sooner,
            rather than whose plan wins.
            3. Separate interests from positions: ask why each side wants what it wants.
            4. Look for options that meet several interests at once.
            5. Agree what will happen next and when you will check it is working.

            ## Looking after yourself

            Holding conflict is tiring. The speakers suggest leads find someone outside the network to talk to,
            such as a peer group or coach, and avoid carrying every dispute alone.
        """),
        "audience": LEADS,
        "dimension_keys": [FACILITATION, VITALITY, LEAD],
        "support_domain_keys": [LEADERSHIP, OD],
        "network_types": [],
        "topics": ["leadership", "facilitation"],
        "external_link": "",
    },
    {
        "title": "Keeping a network knowledge log",
        "kind": TEMPLATE,
        "summary": "A simple log for recording what the network learns, so it can be found and used again.",
        "body": _html("""
            Networks generate a lot of useful knowledge: what worked, what did not, who knows what and where to
            find things. Most of it lives in people's heads and inboxes, and leaves when they do. A knowledge log
            is a simple, shared record that anyone in the network can add to and search.

            ## Columns in the template

            - Date and the person adding the entry.
            - What we learned, in one or two plain sentences.
            - How we learned it: a project, a meeting, an event, a patient's feedback.
            - Who to ask for more detail.
            - Links to any documents, slides or data.
            - Tags, such as the matrix dimension or topic it relates to.

            ## How to make it a habit

            1. Add a standing item at the end of each meeting: what did we learn today that is worth keeping?
            2. Ask project leads to add three entries when a project finishes.
            3. Review the log every quarter and highlight the entries most worth sharing more widely.
            4. Point new members to the log as part of their welcome.

            ## Turning the log into shared resources

            When several entries point the same way, that is a sign to write a short guide or case study for
            the knowledge hub. This is how a network's experience becomes useful to others beyond it, and how the
            network avoids solving the same problem twice.
        """),
        "audience": MEMBERS,
        "dimension_keys": [KNOWLEDGE],
        "support_domain_keys": [OD],
        "network_types": [LEARNING, DELIVERY],
        "topics": ["knowledge sharing"],
        "external_link": "",
    },
    {
        "title": "Running a learning review after a project",
        "kind": TOOL,
        "summary": "A one-hour structured conversation to capture what a project taught the network.",
        "body": _html("""
            A learning review is a short, structured conversation held when a project ends or reaches a
            milestone. Its aim is to learn, not to judge. It works for successes as well as for projects that
            struggled.

            ## Who should be there

            Everyone who worked on the project, including partners and, where possible, a patient or carer who
            was affected. Ask someone who was not involved to facilitate, so the project lead can take part
            fully.

            ## The four questions

            1. What did we set out to do?
            2. What actually happened?
            3. Why was there a difference?
            4. What will we do the same or differently next time?

            Spend most of the hour on the third and fourth questions.

            ## Ground rules

            - Talk about what happened, not about who was to blame.
            - Everyone's view counts equally, whatever their role.
            - Write down facts and numbers where they exist, and mark opinions as opinions.

            ## After the review

            Write a one-page summary with the three to five most important lessons. Add them to the network's
            knowledge log and share the summary with members. Choose one lesson to act on straight away and name
            who will do it. Look back at past reviews before starting a similar project: the most common waste
            in networks is relearning lessons that were already written down.
        """),
        "audience": EVERYONE,
        "dimension_keys": [KNOWLEDGE, LEARNING_DIM],
        "support_domain_keys": [OD],
        "network_types": [],
        "topics": ["knowledge sharing", "evaluation", "quality improvement"],
        "external_link": "",
    },
    {
        "title": "Writing a case study others can use",
        "kind": TEMPLATE,
        "summary": "A template for telling your network's story so another network can learn from it and try it.",
        "body": _html("""
            A good case study is not a press release. It tells another network honestly what you tried, what
            happened and what they would need to know to try it themselves. This template keeps it short and
            practical.

            ## Sections

            1. The challenge: what problem were you trying to solve, and for whom? Include a number if you
            have one.
            2. Your starting point: what kind of network you are, how mature, and what resources you had.
            3. What you did: the main steps, in order, with roughly how long each took.
            4. What changed: for patients, staff and the network. Say how you know.
            5. What was hard: the obstacles, and how you got past them, or did not.
            6. What you would tell another network: three practical tips.
            7. Who to contact: a role, not a personal email, so the contact stays valid when people move on.

            ## Writing tips

            - Aim for 500 to 800 words. Longer case studies rarely get read to the end.
            - Use plain English and explain any abbreviation the first time.
            - Ask a member who was not involved to read it and say what is unclear.
            - Get permission from anyone quoted, and do not include details that could identify a patient.

            ## Sharing it

            Submit your case study to the knowledge hub, tagged with the matrix dimensions and support domains it
            relates to, so networks working on the same things can find it.
        """),
        "audience": MEMBERS,
        "dimension_keys": [KNOWLEDGE, IMPACT],
        "support_domain_keys": [COLLABORATION],
        "network_types": [],
        "topics": ["knowledge sharing", "evaluation"],
        "external_link": "",
    },
    {
        "title": "Checking the health of your network with a member survey",
        "kind": GUIDE,
        "summary": "How to run the five-minute network health survey, read the results and repeat it to see change.",
        "body": _html("""
            The network health survey asks every member how far they agree with short statements about the
            network's purpose, performance, operations and capacity. It takes about five minutes and gives a
            picture that no single leader could see alone.

            ## Running it

            1. Tell members why you are asking and what you will do with the results, before the survey opens.
            2. Send the invitation with a clear closing date, usually two or three weeks away.
            3. Send one reminder a few days before it closes. Thank people when it does.
            4. Make it safe to be honest: results are shown for groups, never for named people.

            ## Reading the results

            - Look for statements where many people disagree. These are your weak spots.
            - Look for statements where answers are spread widely. Members see the network differently, which
            is worth a conversation.
            - Read every free-text comment. They often explain the numbers.

            ## Talking about it

            Share the results with members within a month, including the uncomfortable parts. Ask a few small
            groups what they think lies behind the scores and what would help.

            ## Repeating it

            Run the survey again after six to twelve months, using the same statements, and compare with the
            first results. A rising response rate is itself a sign that members trust the network to listen.
        """),
        "audience": LEADS,
        "dimension_keys": [VITALITY, IMPACT],
        "support_domain_keys": [OD],
        "network_types": [],
        "topics": ["evaluation", "facilitation"],
        "external_link": "",
    },
    {
        "title": "Building trust between practices",
        "kind": VIDEO,
        "summary": "A short video on the everyday habits that help practices trust each other enough to share work.",
        "body": _html("""
            Practices that have competed or worked separately for years do not start trusting each other because
            they have signed an agreement. Trust grows from many small experiences of people doing what they
            said they would. This fifteen-minute video shows practice managers and clinicians from three
            networks describing how it grew for them.

            ## Themes from the video

            - Keeping promises, especially small ones, such as sending notes on time.
            - Being open about money and workload, even when the news is awkward.
            - Sharing credit for successes and owning mistakes early.
            - Visiting each other's sites and meeting the whole team, not only the partners.
            - Having a fair way to settle disputes before they are needed.

            ## Discussion questions

            1. Think of a time when trust between members grew. What happened?
            2. Think of a time when it was damaged. What would have prevented it?
            3. Which of the habits in the video are strongest in our network, and which are weakest?
            4. What is one thing each of us could do this month to build trust?

            ## Using the video

            Show it at a network meeting and spend twenty minutes on the questions in small mixed groups, with
            people from different practices at each table. Write down the agreed actions and look at them again
            in three months.
        """),
        "audience": EVERYONE,
        "dimension_keys": [VITALITY, LEAD],
        "support_domain_keys": [OD, COLLABORATION],
        "network_types": [DELIVERY],
        "topics": ["partnerships", "teams"],
        "external_link": "",
    },
    {
        "title": "Keeping members involved between meetings",
        "kind": GUIDE,
        "summary": "Simple ways to keep a network lively between gatherings, from a monthly digest to an online forum.",
        "body": _html("""
            Members can lose touch with a network that only exists on meeting days. A few light, regular habits
            keep people connected and make the next meeting more productive.

            ## A monthly digest

            Send a short email once a month with three to five items: something new in the knowledge hub, a
            coming event, a question a member has asked and a success worth celebrating. Keep it readable in
            two minutes and let people unsubscribe with one click.

            ## An online space for questions

            A forum or discussion space lets members ask each other for help. It needs tending at first:

            - Seed it with a few useful questions and answer them quickly.
            - Thank people who answer, and point others to good threads.
            - Agree simple rules on respect and confidentiality, and say who moderates.

            ## Short, regular events

            A 30-minute online session every month on one topic, led by a member, is easier to attend than a
            full-day event. Record it for those who cannot make it.

            ## Noticing who has gone quiet

            Every quarter, look at who has not come to a meeting, opened the digest or posted for a while.
            Contact a few of them personally. Ask what would make the network more useful to them, and listen
            to the answer without defending the network.
        """),
        "audience": LEADS,
        "dimension_keys": [VITALITY, KNOWLEDGE],
        "support_domain_keys": [COLLABORATION],
        "network_types": [LEARNING, SOCIAL, ADVOCACY],
        "topics": ["facilitation", "knowledge sharing"],
        "external_link": "",
    },
    {
        "title": "Plan, do, study, act cycles for networks",
        "kind": GUIDE,
        "summary": "How to test changes on a small scale across several organisations before spreading them.",
        "body": _html("""
            A plan, do, study, act cycle is a simple way to test a change quickly and safely. Instead of
            launching a big new process across every practice, you try a small version, see what happens and
            improve it. In a network, it also lets members see evidence before committing.

            ## The four steps

            1. Plan: state what you will try, what you expect to happen and how you will measure it. Keep the
            test small, such as one clinic, one week or ten patients.
            2. Do: carry out the test and note anything unexpected.
            3. Study: compare what happened with what you expected. Look at the numbers and ask the people
            involved.
            4. Act: decide whether to adopt the change, adapt it and test again, or drop it.

            ## Tips for networks

            - Let one or two willing members test first. Their experience will persuade others more than any
            presentation.
            - Use the same simple measure in each practice so results can be compared.
            - Expect to go round several cycles. The first version of an idea is rarely the best.
            - Keep a short record of each cycle in your knowledge log.

            ## An example

            A network wanted to cut missed appointments for its shared physiotherapy clinic. It tested a text
            reminder two days before in one practice for a month. Missed appointments fell, so it tested the
            same reminder with a rebooking link in two more practices before rolling it out.
        """),
        "audience": EVERYONE,
        "dimension_keys": [LEARNING_DIM, CARE],
        "support_domain_keys": [LEADERSHIP, OD],
        "network_types": [],
        "topics": ["quality improvement"],
        "external_link": "",
    },
    {
        "title": "Measuring capacity and demand",
        "kind": TOOL,
        "summary": "A worksheet for comparing the work coming in with the time available, so queues can be understood.",
        "body": _html("""
            When waiting lists grow, the first instinct is often to ask for more staff. Sometimes that is right.
            Often, though, the problem is that demand and capacity are out of step by day or by week. This
            worksheet helps a network see the pattern before deciding what to change.

            ## What to count

            - Demand: every request for the service, counted when it arrives, not when it is dealt with. Include
            requests that were turned away or redirected.
            - Capacity: the appointments or staff hours actually available, after leave, training and meetings.
            - Activity: what was actually done.
            - Backlog: how many people are waiting at the end of each week.

            ## Steps

            1. Choose one service, such as a shared clinic or a home visiting team.
            2. Count demand and capacity each day for at least six weeks.
            3. Plot both on the same chart, by day of the week.
            4. Look for days when demand is higher than capacity, and for wasted capacity.
            5. Test one change, such as moving sessions to busier days, and keep counting.

            ## Reading the results

            If average capacity is higher than average demand but a queue still grows, the problem is usually
            variation or timing rather than size. If demand is always higher, you have a case for more resource,
            backed by data. Share the chart with members so decisions rest on the same evidence.
        """),
        "audience": MEMBERS,
        "dimension_keys": [LEARNING_DIM, MONEY, DATA],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["quality improvement", "data", "workforce"],
        "external_link": "",
    },
    {
        "title": "Statistical process control charts explained",
        "kind": VIDEO,
        "summary": (
            "A short video on reading run charts and control charts, so you react to real change and not to noise."
        ),
        "body": _html("""
            Every measure goes up and down from week to week. The hard part is telling ordinary variation from a
            real change. Statistical process control charts, sometimes called SPC charts, help with exactly that.
            This twelve-minute video walks through one chart step by step.

            ## What the video covers

            - How a chart plots each value over time, with a centre line showing the average.
            - How upper and lower limits are worked out from the data itself, so you can see the normal range.
            - The simple rules that signal a real change, such as a single point outside the limits, a long run
            of points on one side of the average, or a steady climb or fall.
            - Why comparing this month with last month, or with a target, can be misleading on its own.

            ## Why it matters for networks

            Networks often compare practices or track the effect of a new service. Without charts, it is easy to
            praise or blame a practice for a change that was just chance, or to miss a real improvement because
            it is small. Charts also show whether a process can meet a target at all without changing the
            process.

            ## Trying it

            1. Pick one measure your network already collects weekly or monthly.
            2. Gather at least 15 to 20 points of history.
            3. Build a chart with your analysts or a spreadsheet template, and discuss what it shows at your
            next meeting.
        """),
        "audience": EVERYONE,
        "dimension_keys": [LEARNING_DIM, IMPACT, DATA],
        "support_domain_keys": [PHM],
        "network_types": [],
        "topics": ["data", "quality improvement", "evaluation"],
        "external_link": "",
    },
    {
        "title": "Choosing a balanced set of measures",
        "kind": GUIDE,
        "summary": (
            "How a network or practice can pick a small set of measures that covers more than one side of its work."
        ),
        "body": _html("""
            What gets measured gets attention. A network that only tracks waiting times may improve them at the
            cost of quality, staff wellbeing or money. A balanced set of measures keeps several sides of the
            work in view at once.

            ## Four areas to cover

            - Operations: how the work flows, such as waiting times or appointments used.
            - Quality: whether care is safe, effective and a good experience for patients.
            - Finance: what the work costs and whether resources are used well.
            - Population need: whether you are reaching the people who need help most.

            ## Choosing the measures

            1. Start from your priorities for the year, not from the data that happens to be available.
            2. Pick one or two measures for each area. Eight is usually plenty.
            3. For each, write down exactly how it is counted, where the data comes from and who collects it.
            4. Prefer measures that can be updated weekly or monthly, so you can see change over time.
            5. Include at least one measure based on what patients or staff tell you.

            ## Reviewing them

            Look at the measures together at each network meeting, ideally as charts over time rather than
            single numbers. Once a year, ask whether each measure still earns its place. Drop those nobody uses
            to make a decision, and add measures for any new priority.

            ## A caution

            Avoid turning measures into league tables between members. Use them to learn together and to ask
            better questions, not to rank.
        """),
        "audience": EVERYONE,
        "dimension_keys": [IMPACT, DATA, LEARNING_DIM],
        "support_domain_keys": [PHM],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["evaluation", "data"],
        "external_link": "",
    },
    {
        "title": "Telling the story of your network's impact",
        "kind": GUIDE,
        "summary": (
            "How to show members, partners and funders what difference your network makes, in numbers and in stories."
        ),
        "body": _html("""
            Networks often do valuable work that nobody outside them sees. When funding decisions are made or
            members wonder whether their time is well spent, a clear account of impact matters. It does not need
            to be glossy. It needs to be honest and easy to follow.

            ## Know who you are telling

            - Members want to know their effort is worthwhile.
            - Partners want to know what working with you makes possible.
            - Your system and funders want evidence of value for the money and time invested.
            - Patients and the public want to know what is different for them.

            Tailor the same evidence to each audience rather than writing one long report for all.

            ## Combine numbers and stories

            A number shows scale; a story shows meaning. Pair each key measure with a short account of what it
            meant for one person or team, told with their permission.

            ## A simple structure

            1. What we set out to change and why.
            2. What we did.
            3. What changed, with the evidence.
            4. What we learned, including what did not work.
            5. What we plan next.

            ## Count the hidden value

            Some of a network's value is hard to count: problems solved through a quick call to a colleague,
            staff who stayed because they felt supported, ideas borrowed from a neighbour. Ask members to note
            examples through the year so they are not forgotten at reporting time.
        """),
        "audience": LEADS,
        "dimension_keys": [IMPACT, LEAD],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [],
        "topics": ["evaluation", "partnerships"],
        "external_link": "",
    },
    {
        "title": "A simple logic model for network projects",
        "kind": TEMPLATE,
        "summary": "A one-page template linking what a project puts in to the difference it hopes to make.",
        "body": _html("""
            A logic model is a picture of how you expect a project to work. It links what you put in to what you
            do, what that produces and what difference it should make. Filling one in before you start exposes
            gaps in thinking and gives you a ready-made plan for evaluation.

            ## The columns

            1. Inputs: the people, time, money and partners you will use.
            2. Activities: what you will actually do, such as run clinics, train staff or hold events.
            3. Outputs: what you can count straight away, such as sessions held or people reached.
            4. Short-term outcomes: early changes, such as people feeling more confident to manage a condition.
            5. Longer-term outcomes: the difference you hope to see in a year or more, such as fewer emergency
            admissions.

            ## Assumptions and risks

            Underneath the columns, write the assumptions that link them. For example: people who are invited
            will come; staff have time to attend training. Note what could stop each link from holding.

            ## How to use it

            - Fill it in together with the people who will deliver the project, and a patient if you can.
            - Pick one or two measures for outputs and outcomes, and decide when you will check them.
            - Keep it to one page. If it will not fit, the project may be trying to do too much.
            - Revisit it halfway through and at the end, and update it with what you learned.
        """),
        "audience": MEMBERS,
        "dimension_keys": [IMPACT, PURPOSE],
        "support_domain_keys": [OD],
        "network_types": [],
        "topics": ["evaluation", "planning"],
        "external_link": "",
    },
    {
        "title": "Succession planning for network roles",
        "kind": TOOL,
        "summary": "A checklist to make sure the network can carry on when a lead, chair or key coordinator moves on.",
        "body": _html("""
            Many networks depend heavily on one or two people. When they leave, fall ill or take on another job,
            momentum can disappear overnight. Succession planning is not about replacing anyone: it is about
            making sure the network does not stop when one person does.

            ## Checklist

            - Every key role has a deputy or a named person who could step in for a few months.
            - The main tasks of each role are written down in a short role description.
            - Passwords, mailing lists, documents and budgets are held in shared places, not personal accounts.
            - Relationships with partners are held by more than one person.
            - Terms for lead and chair roles have an end date, with handover built in.
            - At least two people know how to run each regular activity, such as the monthly meeting or digest.

            ## Growing the next leaders

            1. Invite members to shadow leaders at meetings with the system or partners.
            2. Give people small leadership tasks with support, such as chairing one agenda item.
            3. Offer leadership development places to members who are new to leading.
            4. Ask people what they would like to lead, rather than waiting for volunteers.

            ## Handing over well

            When a leader does move on, plan a handover period of at least a month. Introduce the new person to
            partners in person, share the history behind current decisions, and thank the outgoing leader in
            front of the network.
        """),
        "audience": LEADS,
        "dimension_keys": [SUSTAINABILITY, FACILITATION, GOVERNANCE],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [],
        "topics": ["leadership", "governance"],
        "external_link": "",
    },
    {
        "title": "Keeping going when funding changes",
        "kind": GUIDE,
        "summary": "How to make a network less dependent on any one source of money, and what to do when funding ends.",
        "body": _html("""
            Networks are often started with short-term funding: a pilot, a grant or a national programme. When
            that ends, many fade even though members valued them. Planning for this from the start makes the
            network more resilient.

            ## From the start

            - Know exactly what each funding stream pays for and when it ends.
            - Build in-kind support from members, such as rooms, staff time and admin help, so not everything
            depends on cash.
            - Keep core running costs low. A network can survive on very little if its purpose is strong.

            ## A year before funding ends

            1. Review what the network has achieved and gather the evidence.
            2. Decide which activities matter most and which could stop.
            3. Talk to your system, member organisations and partners about what they would be willing to
            support.
            4. Look for activities that could be taken on by members as part of their normal work.

            ## If funding does end

            Agree openly with members what the network will keep doing, perhaps at a smaller scale. A learning
            network can often continue with a volunteer coordinator, a mailing list and a few meetings a year.
            Keep the knowledge hub entries, contact lists and documents safe so the network can grow again later.

            ## Signs of resilience

            Members attend because they value it, more than one person can lead, and partners would notice if
            the network stopped. These matter more than the size of the budget.
        """),
        "audience": LEADS,
        "dimension_keys": [SUSTAINABILITY, MONEY],
        "support_domain_keys": [OD],
        "network_types": [],
        "topics": ["money", "planning"],
        "external_link": "",
    },
    {
        "title": "Looking after your wellbeing as a network lead",
        "kind": VIDEO,
        "summary": "A short video with practical ways for network leads to protect their time, energy and health.",
        "body": _html("""
            Network leads often take on the role alongside a demanding clinical or management job. The work is
            rewarding, but it can be draining: long meetings, conflicting demands and the feeling of being
            responsible for everyone. In this ten-minute video, three leads talk frankly about what helped them.

            ## Ideas from the video

            - Agree in writing how many hours a week the role needs, and protect them in your diary.
            - Say no, or not yet, to requests that do not serve the network's priorities.
            - Share the load: delegate whole pieces of work, not just tasks.
            - Find someone outside the network to talk to, such as a coach, mentor or peer group.
            - Notice early warning signs in yourself, such as dreading meetings or working every evening.

            ## Questions to reflect on

            1. How many hours did the role actually take last month, compared with what you agreed?
            2. What drains you most, and could someone else do it?
            3. What gives you energy, and how could you do more of it?
            4. Who would you talk to if the role became too much?

            ## For networks and systems

            The health of a network depends on the health of its leaders. Steering groups and system teams can
            help by checking in with leads regularly, funding proper protected time and making it normal to ask
            for help. Signpost to local staff wellbeing services as well.
        """),
        "audience": LEADS,
        "dimension_keys": [SUSTAINABILITY, FACILITATION],
        "support_domain_keys": [LEADERSHIP],
        "network_types": [],
        "topics": ["wellbeing", "leadership"],
        "external_link": "",
    },
    {
        "title": "Sharing data safely between organisations",
        "kind": GUIDE,
        "summary": "The information governance basics a network needs before linking and sharing patient data.",
        "body": _html("""
            Population health work depends on bringing together data held by different organisations. That is
            only possible if it is done lawfully, safely and in a way patients would expect. Getting the basics
            right early avoids long delays later.

            ## Start with the purpose

            Be clear what you want the data for, such as finding people who would benefit from a new service or
            understanding how a group uses care. The purpose decides what data you need, who can see it and the
            legal basis for sharing it.

            ## The key documents

            - A data sharing agreement between the organisations, saying what is shared, why, how and for how
            long.
            - A data protection impact assessment, which looks at the risks to people's privacy and how they
            will be reduced.
            - Updated privacy notices, so patients can find out how their information is used.

            ## Good practice

            1. Use the least data that will do the job. Pseudonymised or grouped data is often enough.
            2. Limit who can see identifiable data to those who need it for care.
            3. Involve each organisation's data protection officer from the start.
            4. Keep a record of decisions and review the agreement each year.

            ## Getting help

            Your system usually has information governance specialists and may already have templates and
            agreements in place that your network can join. Ask before writing your own. Talk to your patient
            group too: their questions are a good test of whether your plans are easy to explain.
        """),
        "audience": EVERYONE,
        "dimension_keys": [DATA, GOVERNANCE],
        "support_domain_keys": [PHM],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["data", "governance"],
        "external_link": "",
    },
    {
        "title": "Using data to tackle health inequalities",
        "kind": WEBINAR,
        "summary": (
            "A recorded webinar on finding unfair gaps in health and access in your population, and acting on them."
        ),
        "body": _html("""
            Health inequalities are unfair and avoidable differences in health between groups of people. They
            often hide inside averages. This recorded webinar, with slides, shows how two networks used their
            data to find gaps and decide what to do about them.

            ## What the speakers cover

            - Breaking down measures by age, sex, ethnicity, deprivation and neighbourhood, rather than looking
            at the whole population at once.
            - Checking the quality of the data itself: if ethnicity is missing for many records, the picture
            will be incomplete.
            - Looking at who is not using services, as well as who is.
            - Combining numbers with conversations in the community, to understand the reasons behind a gap.

            ## Examples from the webinar

            One network found that uptake of health checks was much lower in two neighbourhoods. Rather than
            sending more letters, it ran drop-in sessions with a local community centre and a trusted faith
            leader. Another found that people with a learning disability were missing annual reviews, and gave
            them longer appointments at quieter times.

            ## Questions to take away

            1. Which groups in our population have the worst outcomes, and do we know why?
            2. What data do we need to see this more clearly?
            3. Which community partners could help us reach people we are missing?
            4. How will we know if the gap is closing?
        """),
        "audience": EVERYONE,
        "dimension_keys": [DATA, PEOPLE],
        "support_domain_keys": [PHM],
        "network_types": [],
        "topics": ["population health", "data", "communities"],
        "external_link": "",
    },
    {
        "title": "Personalised care and support planning",
        "kind": GUIDE,
        "summary": "How teams across a network can plan care with people, around what matters to them.",
        "body": _html("""
            In personalised care, people have a real say in how their care is organised, and plans start from
            their own priorities, strengths and circumstances rather than from a standard list. Care and support
            planning is the conversation where that happens.

            ## What a good planning conversation includes

            - Time to prepare: people are sent their test results and a few questions to think about beforehand.
            - A focus on what matters to the person, not only on clinical targets.
            - Shared decisions about options, including doing nothing, with their benefits and risks explained.
            - Agreed goals and actions, written in the person's own words.
            - A named contact and a date to review.

            ## How a network helps

            1. Agree one approach and one simple template across member practices.
            2. Train staff together, including health care assistants, nurses, pharmacists and link workers.
            3. Use the wider team: social prescribing, health coaching and care coordination all support plans.
            4. Make sure plans can be seen by the services that need them, with the person's agreement.

            ## Checking it is working

            Ask people whether they felt listened to and whether their plan helps them. Look at how many people
            with long-term conditions have a plan, and whether plans are reviewed on time. Share examples of good
            plans, with permission, so staff can learn from each other.
        """),
        "audience": MEMBERS,
        "dimension_keys": [CARE, PEOPLE],
        "support_domain_keys": [COLLABORATION],
        "network_types": [DELIVERY],
        "topics": ["patient involvement", "teams"],
        "external_link": "",
    },
    {
        "title": "Four foundations of multidisciplinary teams",
        "kind": VIDEO,
        "summary": "A video on what strong teams across organisations are built on, with questions for your own team.",
        "body": _html("""
            Teams that bring together people from different organisations and professions can achieve far more
            than any one service alone, but many struggle. This fifteen-minute video explores four foundations
            that strong teams of this kind tend to share.

            ## The four foundations

            - Hearts and behaviours: members trust each other and treat each other with respect, whatever their
            role or employer.
            - A shared approach: the team agrees how it will work and how it will try new ideas.
            - A common purpose: everyone can say what the team is for and who it serves.
            - Leveraging each other's organisations: members use their own organisation's resources and
            influence to help the team, rather than guarding them.

            ## Which comes first

            Trust and shared purpose usually need to be built before anything else. Teams that rush to agree
            processes without them often find that the processes are ignored.

            ## Reflection questions for your team

            1. How well do we know each other as people, not just as roles?
            2. Could each of us describe the team's purpose in one sentence, and would our answers match?
            3. How do we decide to try something new, and who can say no?
            4. When did one of us last use our own organisation's resources to unblock the team?

            Answer the questions separately first, then compare. The differences are where the useful
            conversation starts.
        """),
        "audience": MEMBERS,
        "dimension_keys": [CARE, VITALITY, PURPOSE],
        "support_domain_keys": [COLLABORATION, OD],
        "network_types": [],
        "topics": ["teams", "shared purpose"],
        "external_link": "",
    },
    {
        "title": "Working with the voluntary and community sector",
        "kind": GUIDE,
        "summary": "How networks can build fair, lasting partnerships with local charities and community groups.",
        "body": _html("""
            Voluntary and community organisations reach people that health services often miss, and offer
            support that services cannot. Many networks want to work with them more closely. The partnerships
            that last are built on respect, fairness and shared aims.

            ## Getting to know each other

            - Find out who is active locally. Your council for voluntary service or local infrastructure body
            can help.
            - Visit groups on their ground and learn what they do, who they serve and what pressures they face.
            - Invite them to network meetings as partners, not as an audience.

            ## Working together fairly

            1. Agree a shared aim, such as reducing loneliness among older people in a neighbourhood.
            2. Be clear about what each partner brings and needs. Referrals cost a group time and money.
            3. Where the network asks for a service, fund it. Avoid assuming volunteers can absorb extra demand.
            4. Keep paperwork proportionate. Small groups cannot fill in long forms.
            5. Share data on outcomes both ways, within the rules on information sharing.

            ## Keeping the partnership healthy

            Meet regularly, even briefly, to review how it is going. Celebrate successes together in public. When
            something goes wrong, talk about it early and openly. A partnership that survives a difficulty is
            usually stronger afterwards.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PEOPLE, LEAD],
        "support_domain_keys": [SOCIAL_PRESCRIBING, COLLABORATION],
        "network_types": [],
        "topics": ["partnerships", "communities"],
        "external_link": "",
    },
    {
        "title": "Measuring what social prescribing changes",
        "kind": RESEARCH,
        "summary": "What studies say about the effects of social prescribing, and how to measure them sensibly.",
        "body": _html("""
            Social prescribing has grown fast, and so have questions about its effects. The evidence is still
            developing, which means networks can contribute by measuring their own work carefully.

            ## What the evidence suggests so far

            - Many people who take part report feeling less isolated, more confident and better able to cope.
            - Some studies report fewer GP appointments afterwards, though results vary and many studies are
            small.
            - The quality of the link worker relationship, and the range of local support, seem to matter a lot.
            - People with the most complex needs may need longer support before anything changes.

            ## Measuring your own service

            1. Count referrals, who they come from and how many people take up the offer.
            2. Record what matters to each person at the start and how far they have moved at review. A short
            wellbeing scale, used the same way each time, can help.
            3. Ask people what changed for them in their own words.
            4. Track what support people were connected to and whether those groups could cope.
            5. If you look at use of GP or hospital services, compare with a similar group of people, not only
            with before and after.

            ## Be cautious with claims

            Avoid promising savings that the evidence does not yet support. The strongest case for social
            prescribing is usually what it means to people's lives, backed by honest numbers.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PEOPLE, IMPACT],
        "support_domain_keys": [SOCIAL_PRESCRIBING],
        "network_types": [],
        "topics": ["social prescribing", "evaluation"],
        "external_link": "",
    },
    {
        "title": "Growing volunteering in your community",
        "kind": GUIDE,
        "summary": "How a network can help local people give time in ways that are safe, rewarding and well supported.",
        "body": _html("""
            Volunteers add warmth and local knowledge that paid services cannot buy. Volunteering is also good
            for the volunteers: it builds confidence, connections and skills. A network can help it grow, but it
            must be organised well.

            ## Where volunteers can help

            - Befriending people who are lonely, by phone or in person.
            - Running walking groups, lunch clubs and gardening sessions.
            - Helping people get to appointments or use digital services.
            - Acting as community champions who share health information in their own networks.

            ## Getting the basics right

            1. Work through an existing volunteer organisation where you can. They already know how to recruit,
            check and support volunteers.
            2. Write a short role description for each kind of volunteering, with clear limits.
            3. Offer training, a named supervisor and a way to raise concerns.
            4. Pay out-of-pocket expenses promptly.
            5. Make sure safeguarding checks match the role.

            ## Keeping volunteers

            People stay when they feel valued and see the difference they make. Thank them often, invite them to
            network events and ask for their ideas. Some of the best community projects were started by
            volunteers who spotted a need first.

            ## What volunteers are not

            Volunteers should add to services, not replace paid staff. Be clear about this with members and
            partners from the start.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PEOPLE, SUSTAINABILITY],
        "support_domain_keys": [SOCIAL_PRESCRIBING],
        "network_types": [],
        "topics": ["communities", "social prescribing"],
        "external_link": "",
    },
    {
        "title": "Running a self-assessment conversation",
        "kind": GUIDE,
        "summary": (
            "How to plan and facilitate a session where members and the system rate the network against a matrix."
        ),
        "body": _html("""
            A self-assessment is most useful as a conversation, not a form. The scores matter less than what
            people learn by explaining them to each other. This guide helps you plan a session that is honest,
            fair and leads to action.

            ## Before the session

            - Choose the matrix that fits your network: the PCN Maturity Matrix for primary care networks, or
            the Network Maturity Matrix for other kinds of network.
            - Invite a mix of members, and people from your system who know the network's work.
            - Ask everyone to rate each dimension on their own first, with a line of evidence for each.

            ## During the session

            1. Remind people that the aim is an accurate picture, not a high score.
            2. Look first at the dimensions where ratings differ most. Ask people at each end to explain.
            3. Agree a level for each dimension, and write down the evidence that decided it.
            4. Where you cannot agree, record the lower level and the reasons for the difference.
            5. Finish by choosing one or two priorities for improvement and the support you need.

            ## After the session

            Share the agreed results and priorities with all members within a week. Turn the priorities into a
            simple plan with named owners. Book the next check-in and the repeat assessment in a year.

            ## Facilitation tips

            A facilitator from outside the network helps people speak freely. Keep the group small enough to talk,
            or split into groups and bring the views together.
        """),
        "audience": LEADS,
        "dimension_keys": [LEARNING_DIM, FACILITATION, LEAD],
        "support_domain_keys": [SET_UP],
        "network_types": [],
        "topics": ["evaluation", "facilitation"],
        "external_link": "",
    },
    {
        "title": "A pre-flight check before launching a network",
        "kind": TOOL,
        "summary": "Questions to answer before a new network starts, so it launches on firm ground.",
        "body": _html("""
            Launching a network is exciting, and it is tempting to start with a big event. Networks that pause to
            check the basics first tend to last longer. Use these questions with the people planning the network,
            and be honest where the answer is not yet.

            ## Purpose

            - Can we say in one sentence why this network should exist?
            - Do the people we hope to involve agree that it is needed?
            - Is there already a network doing something similar that we could join instead?

            ## People

            - Who will lead and facilitate, and do they have protected time?
            - Who are the first members, and how will we reach others?
            - Which partners need to be involved from day one?

            ## Running the network

            - How will decisions be made in the first six months?
            - What resources do we have: money, time, rooms and tools for meeting and sharing online?
            - How will members communicate between meetings?

            ## Knowing if it works

            - What would success look like after one year?
            - How will we take a baseline, for example with a maturity matrix or member survey?

            ## Using the answers

            If several answers are unclear, that is not a reason to give up. It tells you what to sort out first.
            Write down the gaps, agree who will close each one and set a launch date once the most important are
            settled.
        """),
        "audience": LEADS,
        "dimension_keys": [PURPOSE, GOVERNANCE, SUSTAINABILITY],
        "support_domain_keys": [SET_UP],
        "network_types": [LEARNING, ADVOCACY, SOCIAL, MANAGED],
        "topics": ["getting started", "planning"],
        "external_link": "",
    },
    {
        "title": "Working with your system: what networks can expect",
        "kind": GUIDE,
        "summary": "How networks and their integrated care system work together through the yearly development cycle.",
        "body": _html("""
            Networks do not develop alone. Your integrated care system, and the people in it who support primary
            care and networks, play a part at each stage of the yearly development cycle. Knowing what to expect
            helps you ask for the right help at the right time.

            ## The yearly cycle

            1. Self-assessment: the network and people from the system rate the network together against a
            maturity matrix, and agree priorities.
            2. Support needs: the network and system agree which support would help most, linked to the support
            domains.
            3. Support delivered: the system arranges or funds support, such as facilitation, training or
            analysts' time.
            4. Review: progress is checked against the priorities, with a repeat assessment after a year, and
            learning is shared.

            ## What you can ask of your system

            - A named contact who knows your network.
            - Data and analysis to help you understand your population.
            - Access to development support and leadership programmes.
            - Help to connect with community providers, the council and the voluntary sector.
            - Clear information about funding and what it can be used for.

            ## What your system will ask of you

            Honest self-assessment, clear priorities and a willingness to share what you learn with other
            networks. Treat the relationship as a partnership: tell the system what is and is not working, and
            invite them to see your work in person.
        """),
        "audience": LEADS,
        "dimension_keys": [LEAD, PURPOSE],
        "support_domain_keys": [SET_UP, OD],
        "network_types": [DELIVERY],
        "topics": ["partnerships", "planning"],
        "external_link": "",
    },
    {
        "title": "Supporting networks across a system: a guide for system teams",
        "kind": GUIDE,
        "summary": "How system and regional teams can support many networks at once without taking them over.",
        "body": _html("""
            System teams often support dozens of networks at different stages. Each needs something different,
            and none wants to be told what to do. This guide is for the people in systems and regions whose job is
            to help networks grow.

            ## Know your networks

            - Keep a simple overview of each network: its stage, its latest self-assessment results, its
            priorities and the support it is receiving.
            - Look across networks for common weak dimensions. These point to support you can arrange once for
            many.
            - Notice networks that have gone quiet. They may need help most but ask for it least.

            ## Offer support that fits

            1. Match support to the priorities networks have chosen, not to what is easiest to provide.
            2. Offer a mix: facilitation, training, peer learning and practical help with data or contracts.
            3. Let networks at similar stages learn from each other through action learning sets or peer visits.
            4. Ask networks afterwards whether the support helped, and change it if not.

            ## Take part in self-assessments well

            When you join a network's self-assessment, add the system's view honestly and listen more than you
            speak. Your role is to help the network see itself clearly, not to grade it.

            ## Share what you learn

            Collect case studies and lessons from across your networks and share them through the knowledge hub,
            so good ideas travel further.
        """),
        "audience": SYSTEMS,
        "dimension_keys": [LEAD, LEARNING_DIM, KNOWLEDGE],
        "support_domain_keys": [OD, LEADERSHIP],
        "network_types": [],
        "topics": ["partnerships", "facilitation"],
        "external_link": "",
    },
    {
        "title": "Making better use of buildings and digital tools",
        "kind": GUIDE,
        "summary": "Practical ideas for sharing rooms, equipment and digital systems across a network's members.",
        "body": _html("""
            Space and technology are often the hidden barriers to network working. New staff join with nowhere
            to sit. A shared clinic cannot book appointments because practices use different settings. Sorting
            out the basics frees people to focus on care.

            ## Rooms and buildings

            - List every room across member sites and when it is free. Empty rooms are common at certain times.
            - Agree a simple booking system that every member can use.
            - Think about which services need to be close to patients and which can be based in one place.
            - Involve your system's estates team early if you need more space, as changes take time.

            ## Digital tools

            1. Make sure shared staff can log in at every site where they work, with the right access.
            2. Agree how appointments for network services are booked and recorded, so nothing falls between
            systems.
            3. Use one shared place for documents, rotas and contacts, rather than email attachments.
            4. Check that online tools are accessible for patients who find them hard to use, and keep other
            routes open.

            ## Getting help

            Systems usually have digital and estates teams who can advise. Give them a clear list of the
            problems your staff face each day. A short survey of staff asking what slows them down is often the
            quickest way to find the fixes that matter most.
        """),
        "audience": MEMBERS,
        "dimension_keys": [MONEY, CARE],
        "support_domain_keys": [OD],
        "network_types": [DELIVERY, MANAGED],
        "topics": ["money", "teams"],
        "external_link": "",
    },
    {
        "title": "Primary care networks on the NHS England website",
        "kind": LINK,
        "summary": "NHS England's pages on primary care networks: national guidance, contract information and updates.",
        "body": _html("""
            NHS England publishes national information about primary care networks on its website. It is the
            place to check the current rules and guidance, which change from year to year. This page explains
            what you will find there and how it fits with the resources in this hub.

            ## What you can find there

            - Background on what primary care networks are and what they are expected to do.
            - The current network contract and the guidance that goes with it.
            - Information on the roles that networks can recruit to and how they are funded.
            - News and updates for network leads and practice teams.

            ## How to use it with this hub

            1. Use the national pages to check what is required of your network this year.
            2. Use the resources in this hub for practical ideas on how to do it well, and to learn from other
            networks.
            3. Talk to your system team if national guidance and local arrangements seem to differ.

            ## Keeping up to date

            National guidance is often updated at the start of the financial year. Ask one person in the network
            to check for changes each spring and summarise anything important for members in plain English.
            Record the summary in your knowledge log so new members can see how rules have changed over time.
        """),
        "audience": EVERYONE,
        "dimension_keys": [LEAD, MONEY],
        "support_domain_keys": [SET_UP],
        "network_types": [DELIVERY],
        "topics": ["getting started", "governance"],
        "external_link": "https://www.england.nhs.uk/primary-care/primary-care-networks/",
    },
    {
        "title": "Social prescribing on the NHS England website",
        "kind": LINK,
        "summary": (
            "NHS England's pages on social prescribing: what it is, the link worker role and national resources."
        ),
        "body": _html("""
            NHS England's social prescribing pages bring together national information on how social
            prescribing works in England. They are a useful starting point for anyone new to the subject, and a
            reference for networks planning or reviewing their service.

            ## What you can find there

            - An explanation of social prescribing and how it fits into personalised care.
            - Information about the role of social prescribing link workers.
            - Links to national resources, such as guidance and learning materials.
            - Examples of social prescribing in different parts of the country.

            ## How to use it with this hub

            1. Read the national pages for the overall picture and any current requirements.
            2. Use the hub's guides on supporting link workers, mapping community assets and working with the
            voluntary sector for practical next steps.
            3. Share the national explanation with partners who are new to the idea, such as local groups or
            housing teams, so everyone starts from the same understanding.

            ## A tip for networks

            National pages describe what social prescribing should look like in general. What makes it work in
            your area is local: the groups, places and people your link workers can connect with. Spend at least
            as much time on that local picture as on national guidance.
        """),
        "audience": EVERYONE,
        "dimension_keys": [PEOPLE],
        "support_domain_keys": [SOCIAL_PRESCRIBING],
        "network_types": [],
        "topics": ["social prescribing"],
        "external_link": "https://www.england.nhs.uk/personalisedcare/social-prescribing/",
    },
]

CASE_STUDIES: list[CaseStudyData] = [
    {
        "title": "One rota for five practices",
        "network_name": "Ravensby Central PCN",
        "network_type": DELIVERY,
        "summary": "How five practices moved from separate rotas to one shared rota for their network staff.",
        "problem": _html("""
            The network employed three clinical pharmacists and two care coordinators to work across five
            practices. Each practice booked their time in its own way, on its own spreadsheet. Some weeks a
            pharmacist was expected in two places at once; other weeks they sat in an empty room.

            Staff felt pulled in every direction, and practices complained that they were not getting their fair
            share of sessions.
        """),
        "what_they_did": _html("""
            The practice managers agreed to meet for an hour every fortnight for three months. They counted the
            sessions each practice had actually received over the previous quarter and shared the figures
            openly.

            Together they agreed a fair split based on list size, with a small pool of flexible sessions for
            busy periods. They moved to one online rota that every practice and every member of staff could
            see, and named one manager to look after it each month, taking turns.

            The pharmacists and coordinators were asked what they needed, and asked for a fixed base day each
            week and a team meeting of their own. Both were agreed.
        """),
        "what_changed": _html("""
            Within three months, double bookings stopped and unused sessions fell sharply. Disputes about fair
            shares disappeared from network meetings because the figures were visible to all.

            The shared staff said they felt part of one team for the first time. One coordinator who had
            planned to leave decided to stay. The practice managers now use the same fortnightly meeting to
            solve other shared problems.
        """),
        "contact": "The network's operations manager, through Wayfinder",
        "dimension_keys": [MONEY, CARE, GOVERNANCE],
        "support_domain_keys": [OD],
    },
    {
        "title": "Finding people at rising risk together",
        "network_name": "Medlow Vale PCN",
        "network_type": DELIVERY,
        "summary": (
            "A network pooled its data to find patients whose health was getting worse before they reached hospital."
        ),
        "problem": _html("""
            Each of the network's four practices kept its own lists of patients it worried about. Nobody could
            see the whole picture, and the lists mostly held people who were already very unwell and well known
            to services.

            Emergency admissions among older people with several long-term conditions were rising, and most of
            those admitted had not been on any list beforehand.
        """),
        "what_they_did": _html("""
            The network asked its system's analysts for help. Under a data sharing agreement, they linked
            practice and hospital data to produce one monthly list of people whose risk was rising, not only
            those at the very top.

            A clinician from each practice reviewed the list every month, removing people for whom extra
            contact would not help and adding people they knew were struggling. Care coordinators then called
            each person to offer a review of their care, medicines and support at home.
        """),
        "what_changed": _html("""
            Care coordinators now contact people before a crisis rather than after. Over the first year, the
            network saw fewer emergency admissions in the group it contacted than in a similar group from the
            year before, although it is cautious about how much was down to the project.

            Clinicians say the monthly review has become one of the most useful meetings they attend, because
            it brings the practices' knowledge together around the same people.
        """),
        "contact": "The network's clinical lead, through Wayfinder",
        "dimension_keys": [DATA, CARE],
        "support_domain_keys": [PHM],
    },
    {
        "title": "A garden and a walking group",
        "network_name": "Brackenfield Link Workers' Community of Practice",
        "network_type": LEARNING,
        "summary": "How link workers and a local charity turned an empty plot into a place for people who feel alone.",
        "problem": _html("""
            Link workers from several networks met monthly as a community of practice. They noticed the same
            pattern in every area: many of the people who visited their surgery most often were lonely rather
            than ill, and there was little nearby for them to join, especially on weekdays.
        """),
        "what_they_did": _html("""
            The group mapped what existed locally and found an unused plot beside a community centre and a
            gardening charity keen to expand. The link workers helped the charity apply for a small grant and
            agreed to refer people who might enjoy it.

            The charity ran weekly gardening sessions, and the link workers started a short walking group from
            the same spot an hour before, so people could try one or both. Volunteers from the first cohort
            were trained to welcome newcomers.
        """),
        "what_changed": _html("""
            Forty people now come most weeks, and some of the earliest members run sessions themselves. People
            describe feeling part of something and having a reason to go out.

            The community of practice wrote up what it learned and shared it with other link workers, and two
            more neighbourhoods have since started similar groups.
        """),
        "contact": "The community of practice's coordinator, through Wayfinder",
        "dimension_keys": [PEOPLE, KNOWLEDGE],
        "support_domain_keys": [SOCIAL_PRESCRIBING],
    },
    {
        "title": "Agreeing a shared purpose by vote",
        "network_name": "Northfell Quality Improvement Network",
        "network_type": LEARNING,
        "summary": (
            "A large learning network let its members write and choose its purpose statement, and saw involvement grow."
        ),
        "problem": _html("""
            The network had grown quickly to several hundred members from practices, community services and
            the voluntary sector. Its steering group had written a purpose statement at the start, but few
            members could recall it and meetings kept drifting into topics that pleased some members and lost
            others.
        """),
        "what_they_did": _html("""
            The steering group invited every member to propose a short purpose statement online. Over three
            weeks, members suggested more than sixty. A small group of volunteers grouped them into four
            drafts, each reflecting a different emphasis.

            The drafts were posted for comment, and members could suggest changes. A final vote ran for two
            weeks, with reminders in the monthly digest. The winning statement was announced at the next
            online event, together with the full results.
        """),
        "what_changed": _html("""
            Members now refer to the statement when proposing events and projects, and the steering group uses
            it to decide between competing ideas. Attendance at events rose over the following year, and the
            network's next member survey showed much stronger agreement that members understood what the
            network was for.

            The network plans to review the statement every two years in the same way.
        """),
        "contact": "The network's steering group chair, through Wayfinder",
        "dimension_keys": [PURPOSE, GOVERNANCE, VITALITY],
        "support_domain_keys": [OD, SET_UP],
    },
    {
        "title": "Handing over the chair without losing momentum",
        "network_name": "Castlebrook PCN",
        "network_type": DELIVERY,
        "summary": "When a long-serving clinical director stepped down, the network kept its plans on track.",
        "problem": _html("""
            The network's first clinical director had led it since it began and held most of its relationships
            with the system and partners. When they announced they would step down within six months, members
            worried that plans for a shared frailty service would stall and that partners would lose
            confidence.
        """),
        "what_they_did": _html("""
            The network agreed a handover plan at its next meeting. It wrote down the main tasks of the role,
            moved documents and contacts from personal accounts to shared ones and named a deputy for each
            main partnership.

            Two partners expressed interest in the role and each shadowed the outgoing director at system
            meetings. Members chose the new clinical director, who then had a two-month overlap with their
            predecessor, including joint visits to key partners. The network also set a fixed term for the role
            in its agreement.
        """),
        "what_changed": _html("""
            The frailty service launched on time. Partners said the handover was the smoothest they had seen.
            Because more members now held relationships and knowledge, the network felt less dependent on one
            person.

            The network now reviews its succession plan every year and has started offering short leadership
            roles to members who want to develop.
        """),
        "contact": "The network's clinical director, through Wayfinder",
        "dimension_keys": [SUSTAINABILITY, FACILITATION, LEAD],
        "support_domain_keys": [LEADERSHIP],
    },
    {
        "title": "From talking shop to measurable change",
        "network_name": "Elderbeck Frailty Network",
        "network_type": MANAGED,
        "summary": (
            "A system-led network learned to test small changes and track them on charts, and began to see results."
        ),
        "problem": _html("""
            The network was set up by its system to improve care for older people living with frailty. It
            brought together practices, community teams, the hospital and social care. After a year of
            well-attended meetings, members agreed that there had been plenty of discussion but little change
            that anyone could point to.
        """),
        "what_they_did": _html("""
            The network chose two measures everyone cared about: the number of falls leading to an ambulance
            call, and the time people waited for a home assessment. Analysts set up simple charts showing each
            measure month by month.

            Each member organisation then ran small tests of change, such as strength and balance classes in
            one neighbourhood and a single referral form for home assessments. Every meeting began with the
            charts and a short report from each test. Lessons were written up in a shared log.
        """),
        "what_changed": _html("""
            Within nine months, waiting times for home assessment showed a sustained fall on the chart, and
            members could see which change had caused it. The falls measure moved more slowly, which prompted a
            new test with community groups.

            Members say meetings now feel worth attending. The network has published two short case studies
            for others and has been asked to help set up a similar network nearby.
        """),
        "contact": "The network's improvement lead, through Wayfinder",
        "dimension_keys": [LEARNING_DIM, IMPACT, KNOWLEDGE, DATA],
        "support_domain_keys": [COLLABORATION, PHM],
    },
    {
        "title": "Carers shaping the services they rely on",
        "network_name": "Oakmoor Carers' Voice Network",
        "network_type": ADVOCACY,
        "summary": (
            "An advocacy network of unpaid carers worked with local practices to make appointments easier to manage."
        ),
        "problem": _html("""
            Unpaid carers in the area told their local carers' group that getting appointments for themselves
            and the people they cared for was a constant struggle. They often could not wait on the phone in
            the morning, and practices did not always know who was a carer.
        """),
        "what_they_did": _html("""
            The carers formed a small advocacy network and asked to meet the local primary care network. They
            collected short accounts from carers about what made things hard, and presented them with three
            practical requests.

            Together with practice staff they agreed a simple way to record carers in each practice, a flexible
            booking option for carers and a named contact for carers in every practice. Carers helped write the
            information leaflets and tested the booking process before it launched.
        """),
        "what_changed": _html("""
            More carers are now recorded in practice systems, and carers report that booking is less
            stressful. Practice staff say they understand carers' situations better.

            The carers' network now meets the primary care network twice a year to review how things are
            going, and has been invited to comment on plans for new services.
        """),
        "contact": "The carers' network's coordinator, through Wayfinder",
        "dimension_keys": [PEOPLE, VITALITY, IMPACT],
        "support_domain_keys": [COLLABORATION, SOCIAL_PRESCRIBING],
    },
]

SPOTLIGHTS: list[SpotlightData] = [
    {
        "title": "Starting a new network",
        "introduction": (
            "Everything a new network needs in its first year, from checking it is ready to launch to agreeing "
            "a purpose, writing down how it will work and planning its money."
        ),
        "items": [
            "A pre-flight check before launching a network",
            "Choosing your network type",
            "Your network's first hundred days",
            "Writing a shared purpose statement",
            "Network agreement: a template to adapt",
            "Terms of reference for a steering group",
            "Network budget planner",
            "Agreeing a shared purpose by vote",
        ],
    },
    {
        "title": "Using data to act early",
        "introduction": (
            "How networks use data to understand their population, find people before a crisis and check "
            "whether what they do is making a difference."
        ),
        "items": [
            "Getting started with population health data",
            "Sharing data safely between organisations",
            "Risk stratification explained",
            "Using data to tackle health inequalities",
            "Choosing a balanced set of measures",
            "Statistical process control charts explained",
            "Finding people at rising risk together",
        ],
    },
    {
        "title": "Working with communities",
        "introduction": (
            "Ideas and stories for networks that want to build on the strengths of local people, groups and "
            "places, and involve patients and carers in shaping services."
        ),
        "items": [
            "Making the most of social prescribing link workers",
            "Mapping what your community already has",
            "Working with the voluntary and community sector",
            "Growing volunteering in your community",
            "Patient participation across a network",
            "A garden and a walking group",
            "Carers shaping the services they rely on",
        ],
    },
]
