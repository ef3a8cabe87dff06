"""The six development support domains a network's priorities link to, each with its key components."""

from __future__ import annotations

from wayfinder.frameworks.builtin.shapes import SupportDomainData

SUPPORT_DOMAINS: list[SupportDomainData] = [
    {
        "key": "pcn-set-up",
        "name": "PCN set-up",
        "summary": (
            "For networks at the very start. Some need their foundations in place before they can move up the "
            "maturity matrix, and this support meets that need quickly, at a pace that suits each network."
        ),
        "components": [
            "Policy and context: why the current way of working needs to change and what should be different",
            "Ways of working: building relationships with the wider community and learning from what already works",
            "Leading change: capacity, trusted relationships, a shared purpose, good operational discipline, "
            "quality improvement and clear accountability",
            "Where to start: assessing where you are now, testing small changes and measuring them, and choosing "
            "a first project linked to the NHS Long Term Plan",
        ],
    },
    {
        "key": "organisational-development-and-change",
        "name": "Organisational development and change",
        "summary": (
            "Practical help to bring staff together around a common purpose, build a culture of collaboration "
            "across organisations, and lead the individual changes that together move a network forward."
        ),
        "components": [
            "Building strong teams, including multi-disciplinary teams that span practices and include "
            "community partners",
            "Healthy, supportive places to work, with a culture of continuous development",
            "A learning culture across the system that spreads good practice and helps people and organisations grow",
            "Trusted relationships with the system and with local people and communities",
            "Understanding change at system and organisational level, and building people's ability to make it happen",
            "Creating a sense of purpose and motivation for change, with early wins that build confidence",
            "Skills for leading change: improvement methods, tackling barriers, getting processes right and "
            "measuring impact",
        ],
    },
    {
        "key": "leadership-development",
        "name": "Leadership development",
        "summary": (
            "Leadership matters at every level of a network, whatever its maturity. Everyone in a network can lead, "
            "and leaders need to lead across the boundaries and cultures of different organisations."
        ),
        "components": [
            "Leading in a complex, changing environment, including across the system and through conflict",
            "Understanding different leadership styles and when each helps",
            "Skills for clinical and for non-clinical leaders",
            "Leading a compassionate community around a shared purpose, and learning from others",
            "Leading with quality improvement tools, such as process redesign, plan-do-study-act cycles, and "
            "capacity and demand analysis",
        ],
    },
    {
        "key": "supporting-collaborative-working",
        "name": "Supporting collaborative working",
        "summary": (
            "Networks succeed when they look outwards to patients, carers, communities and other providers. This "
            "support helps teams share resources, coordinate care and offer more personalised care together."
        ),
        "components": [
            "How collaborative working connects with population health management and personalised care planning",
            "What existing and newer roles each bring to a strong multi-disciplinary team, with local people "
            "as partners",
            "What a strong team needs: clear responsibilities, governance, and a balance between clinical and "
            "non-clinical voices",
            "The parts of personalised care: shared decisions, care and support planning, social prescribing, "
            "supported self-management, choice of provider and personal budgets",
            "Learning together through self-directed and facilitated learning, training hubs and peer support",
        ],
    },
    {
        "key": "population-health-management",
        "name": "Population health management",
        "summary": (
            "Using data systematically to understand and anticipate what a network's population needs, so that "
            "services act early to keep people well and reduce inequalities."
        ),
        "components": [
            "The basics: the population health management cycle, segmenting and stratifying a population, and "
            "choosing the interventions likely to make the most difference",
            "Data and information governance, so that data can be linked and shared between organisations "
            "lawfully and safely",
            "Creating intelligence: analysing numbers and people's experience to understand the population, "
            "including unwarranted variation, with clinicians and analysts working together",
            "Delivering benefits with people and communities: testing new models of care quickly, joining up "
            "resources across sectors and evaluating interventions for targeted groups",
        ],
    },
    {
        "key": "social-prescribing-and-asset-based-community-development",
        "name": "Social prescribing and asset-based community development",
        "summary": (
            "Helping people take charge of their own health and wellbeing by connecting them with community groups "
            "and services, and building on the strengths that communities already have."
        ),
        "components": [
            "The role of social prescribing link workers, on their own and as part of the team",
            "Connecting people with support in their community, and measuring the difference it makes",
            "Mapping community assets and building trusted partnerships with them",
            "Working with the voluntary and community sector towards a shared vision",
            "Building community capacity and social value, including through volunteering",
            "Making full use of all the capacity in the local system, with clear governance",
        ],
    },
]
