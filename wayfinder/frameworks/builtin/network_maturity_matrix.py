"""The Network Maturity Matrix: 8 dimensions of a healthy network, each described at levels One to Five."""

from __future__ import annotations

from wayfinder.frameworks.builtin.shapes import FrameworkData

FRAMEWORK: FrameworkData = {
    "slug": "network-maturity-matrix",
    "name": "Network Maturity Matrix",
    "kind": "matrix",
    "summary": (
        "Eight dimensions of a healthy network, from its purpose to how long it can last. Use it for a "
        "baseline, to set targets for the next 12 months and to check progress along the way."
    ),
    "version": {
        "introduction": (
            "For each dimension, read the five levels from One upwards and choose the one that best describes "
            "your network today, not where you hope it will be. If the network fits parts of two levels, choose "
            "the lower one and say why in your evidence. Views from outside the network help you avoid marking "
            "your own homework."
        ),
        "external_introduction": (
            "You have been asked for a view from outside the network. For each dimension, read the five levels "
            "from One upwards and choose the one that best matches what you have seen of the network, in your "
            "work with it or as one of its partners. You are not expected to know how it works inside. If you "
            "have seen too little to judge, choose the level your experience supports and say so in your "
            "evidence. Your answers sit beside the members' own, so say what you see, not what you think they "
            "would choose."
        ),
        "perspectives": [],
        "levels": [
            {"name": "One", "summary": "Getting started"},
            {"name": "Two", "summary": "Emerging"},
            {"name": "Three", "summary": "Developing"},
            {"name": "Four", "summary": "Established"},
            {"name": "Five", "summary": "Thriving"},
        ],
        "dimensions": [
            {
                "key": "purpose-and-direction",
                "name": "Purpose and direction",
                "summary": "Does the network know why it exists and where it is going?",
                "descriptors": {
                    "One": (
                        "There is no shared vision and no goals: the network lives in the here and now. "
                        "It reacts to events, so changes come late. Members are unsure why the network exists."
                    ),
                    "Two": (
                        "A sense of purpose is starting to appear in conversations, but nothing has been agreed. "
                        "Some members have ideas about what the network could become, but there is no plan that "
                        "everyone has signed up to."
                    ),
                    "Three": (
                        "A written charter sets out what the network is for, what it covers and where it works. "
                        "Most members could explain the purpose to a colleague. Members have agreed a plan for "
                        "how the network will develop over the next year."
                    ),
                    "Four": (
                        "Members use the shared purpose to decide what the network takes on. People outside the "
                        "network increasingly understand its role, whether that is delivering, facilitating or "
                        "speaking up, and its place in the wider system is clear."
                    ),
                    "Five": (
                        "Members hold one vision, back the strategy and plans, and feel personally committed to the "
                        "network's future. The network reliably delivers its priorities and grows beyond them where "
                        "that makes sense. The forces that shape the network are well understood."
                    ),
                },
            },
            {
                "key": "governance-and-structure",
                "name": "Governance and structure",
                "summary": "Is it clear who belongs, who decides and how the network is run?",
                "descriptors": {
                    "One": (
                        "Nobody has a clear view of what the network needs or how much effort it will take. "
                        "It is not clear who the members are, and there are no agreed rules for how it is run."
                    ),
                    "Two": (
                        "The network reaches a fair share of the people it should, but there are divisions under "
                        "the surface. Governance is only partly understood. Apart from the leader, nobody has a "
                        "defined role."
                    ),
                    "Three": (
                        "The network reaches most of its potential members and involves the key people. Members "
                        "know what is expected of them and get regular updates. Governance has been planned at a "
                        "suitable level, though some important gaps remain."
                    ),
                    "Four": (
                        "Membership is well managed and every participant has a clear role. Members are kept well "
                        "informed, governance works across organisational boundaries, and low participation is "
                        "noticed and followed up."
                    ),
                    "Five": (
                        "The network reaches everyone it should and each group is properly represented. Joining and "
                        "leaving are well managed. There is a formal structure that members have seen and a clear "
                        "set of objectives. Leaders actively run the network and promote what it does."
                    ),
                },
            },
            {
                "key": "leadership-and-facilitation",
                "name": "Leadership and facilitation",
                "summary": "Does someone have the time and skill to lead, and is leadership shared?",
                "descriptors": {
                    "One": (
                        "The network drifts along without clear leadership, kept going by the goodwill of a few "
                        "people. Participants have little say and take little part."
                    ),
                    "Two": (
                        "A leader or facilitator has come forward or been appointed, but has little or no protected "
                        "time. Only a few activities happen around the network and much of its potential is unused."
                    ),
                    "Three": (
                        "The network has a visible leader or leadership team with set tasks and time for the role, "
                        "and other members support them. The network keeps people up to date, for example when it "
                        "responds to a challenge or has a success to share."
                    ),
                    "Four": (
                        "Leaders have agreed time to facilitate the network and the network backs them. Members take "
                        "on a range of tasks that keep the network running, and they trust that good coordination "
                        "will keep it successful."
                    ),
                    "Five": (
                        "Several members share the leadership and have the time and capacity to do it well. They "
                        "understand what kind of network this is, for example one that connects people or one that "
                        "drives innovation, and facilitate it so that members give their best. They help the "
                        "network grow and deliver."
                    ),
                },
            },
            {
                "key": "knowledge-capture-and-reuse",
                "name": "Knowledge capture and reuse",
                "summary": "Is what members know written down, shared and used again?",
                "descriptors": {
                    "One": (
                        "Knowledge stays with individuals. Little is written down or shared, and work is often "
                        "repeated because nobody knows it has been done before."
                    ),
                    "Two": (
                        "Some members share documents and ideas, mostly informally or when asked. There is no agreed "
                        "place or routine for keeping what the network learns."
                    ),
                    "Three": (
                        "Members make good use of the resources available. Named people or subject experts "
                        "coordinate discussions, and there is a simple, written way of capturing and sharing what "
                        "comes out of them."
                    ),
                    "Four": (
                        "Capturing and reusing knowledge is part of how the network works. There are good examples "
                        "of members building on each other's work, and members often bring fresh insights."
                    ),
                    "Five": (
                        "Members bring new insights, analysis and material as a matter of course, and others put "
                        "them to use. Some become recognised as knowledge leaders and share their projects, guides "
                        "and checklists so others can use them. There are settled ways to capture learning from "
                        "meetings and online events."
                    ),
                },
            },
            {
                "key": "integrity-and-vitality",
                "name": "Integrity and vitality",
                "summary": "Do members trust each other, and is the network lively?",
                "descriptors": {
                    "One": (
                        "Relationships between members are thin and trust is low. A handful of people contribute "
                        "and most stay silent."
                    ),
                    "Two": (
                        "Trust is starting to grow between some members. Most contributions come from a small group "
                        "and questions often go unanswered."
                    ),
                    "Three": (
                        "The network uses online spaces, data sharing and social media where it can. Contributions "
                        "come from many members and people's expertise is valued. Some posts still get no reply, "
                        "and leaders sometimes have to chase answers behind the scenes."
                    ),
                    "Four": (
                        "Relationships rest on trust and members respect each other's expertise. Most questions are "
                        "answered by other members, not only by leaders, and people are starting to talk openly "
                        "about what has not worked."
                    ),
                    "Five": (
                        "Deep trust and mutual respect run through the network. People can disagree and still solve "
                        "problems together in a focused, professional way. Members often volunteer to do work for "
                        "the network and are as open about failures as about successes."
                    ),
                },
            },
            {
                "key": "learning-and-improvement",
                "name": "Learning and improvement",
                "summary": "Does the network learn together and get better at what it does?",
                "descriptors": {
                    "One": (
                        "The network makes no time to learn or reflect. Ways of working stay the same unless "
                        "something goes wrong."
                    ),
                    "Two": (
                        "Members learn from each other now and then, but it is not planned. The network seldom asks "
                        "for feedback on how it is doing."
                    ),
                    "Three": (
                        "The leader encourages members to reflect and to share what has gone well. Members are keen "
                        "to learn from peers and happy to ask each other for help."
                    ),
                    "Four": (
                        "Learning is built into the network's activities, for example peer learning sessions and "
                        "project reviews. The network asks for feedback and acts on it."
                    ),
                    "Five": (
                        "The network learns all the time, formally and informally, from peers and from outside. "
                        "It reflects on its own practice and uses evaluation and feedback to work better. Members "
                        "talk about what went wrong as readily as what went right."
                    ),
                },
            },
            {
                "key": "impact-and-value",
                "name": "Impact and value",
                "summary": "Does the network make a difference that members and others can see?",
                "descriptors": {
                    "One": (
                        "Nobody has described what difference the network should make. Members find it hard to say "
                        "what they get from it."
                    ),
                    "Two": (
                        "Members can point to some benefits, mostly for themselves, but the network does not gather "
                        "evidence of its impact."
                    ),
                    "Three": (
                        "Members share an understanding of the value the network adds. There are examples that show "
                        "its impact, such as better outcomes for patients."
                    ),
                    "Four": (
                        "The network collects evidence of its impact and reports it to members and partners. Members "
                        "offer ideas to keep the network effective and well run."
                    ),
                    "Five": (
                        "Members and stakeholders recognise the network for what it achieves. Members are proud of "
                        "their work together and own the network's success. Senior leaders, outside partners and "
                        "people with influence are actively involved."
                    ),
                },
            },
            {
                "key": "sustainability-and-resilience",
                "name": "Sustainability and resilience",
                "summary": "Could the network keep going and grow if circumstances changed?",
                "descriptors": {
                    "One": (
                        "The network depends on one or two people and has no funding or plan for the future. "
                        "It would stop if they left."
                    ),
                    "Two": (
                        "Members want the network to continue, but there is no agreed plan for funding, support or "
                        "growth."
                    ),
                    "Three": (
                        "Membership is growing, especially where the network has aimed to grow. Funding and support "
                        "are being discussed, and members talk about the network's future and their wish to expand."
                    ),
                    "Four": (
                        "Resources are secured for the next period and more than one person can step into each key "
                        "role. Plans for growth are agreed with partners."
                    ),
                    "Five": (
                        "Members value the network highly, and many disciplines, such as clinical care, workforce "
                        "and audit, are well represented. Growth is well planned and carried out, with an agreed "
                        "strategy for expansion, funding and bringing in new members."
                    ),
                },
            },
        ],
    },
}
