"""A short check on the four organising practices of networks, on a four-step scale from Not yet to Embedded."""

from __future__ import annotations

from wayfinder.frameworks.builtin.shapes import FrameworkData, LevelData

# The four-step scale shared by the short checks of practices and foundations.
CHECK_LEVELS: list[LevelData] = [
    {"name": "Not yet", "summary": "This is not happening yet"},
    {"name": "Starting", "summary": "First steps have been taken"},
    {"name": "Developing", "summary": "It happens, but not everywhere or every time"},
    {"name": "Embedded", "summary": "It is simply how we work"},
]

FRAMEWORK: FrameworkData = {
    "slug": "organising-practices",
    "name": "Four organising practices of networks",
    "kind": "check",
    "summary": (
        "Networks are organised differently from hierarchies. This check looks at four practices that hold a "
        "network together: how power and leadership work, how purpose is set, how people communicate and how "
        "the network learns."
    ),
    "version": {
        "introduction": (
            "Networks tend to work best when leadership is facilitative, shared and inclusive. For each practice, "
            "choose the step that best describes your network today, then talk about what would help you move up "
            "a step."
        ),
        "external_introduction": (
            "You have been asked for a view from outside the network. For each practice, choose the step that best "
            "describes what you have seen of the network in your work with it. If you have seen too little to "
            "judge, choose the step your experience supports and say so in your evidence. The network will "
            "compare your view with its own and talk about where they differ."
        ),
        "perspectives": [],
        "levels": CHECK_LEVELS,
        "dimensions": [
            {
                "key": "power-and-leadership",
                "name": "Power and leadership",
                "summary": "How is power used, how is leadership practised and how are decisions made?",
                "descriptors": {
                    "Not yet": (
                        "Decisions are made by one person or a small group, often out of sight. Members do not know "
                        "how to influence what the network does."
                    ),
                    "Starting": (
                        "The network has talked about how decisions are made. Leaders ask for views, but power still "
                        "sits mainly with them."
                    ),
                    "Developing": (
                        "Several people share the leadership. Decisions are made in the open and members can see how "
                        "their views shaped them."
                    ),
                    "Embedded": (
                        "Leadership is facilitative, shared and inclusive. Members at every level lead pieces of "
                        "work, and differences of view are used to find creative answers."
                    ),
                },
            },
            {
                "key": "purpose-and-direction",
                "name": "Purpose and direction",
                "summary": "How are the network's purposes brought into the open, agreed and turned into direction?",
                "descriptors": {
                    "Not yet": (
                        "The network has not talked about why it exists. Members bring their own aims, and these "
                        "have not been shared."
                    ),
                    "Starting": (
                        "Members have begun to say what they each want from the network, and a common purpose is "
                        "being drafted."
                    ),
                    "Developing": (
                        "There is an agreed purpose that respects members' different aims. The network sets "
                        "expectations for action and checks progress against them."
                    ),
                    "Embedded": (
                        "Purpose is revisited regularly and direction changes as members learn. Everyone knows what "
                        "is expected of them and how success will be judged."
                    ),
                },
            },
            {
                "key": "communication",
                "name": "Communication",
                "summary": "Is communication treated as the main way the network organises itself?",
                "descriptors": {
                    "Not yet": "Communication is occasional and one-way, mostly announcements from the leaders.",
                    "Starting": "There are regular updates and some chances for members to reply or ask questions.",
                    "Developing": (
                        "Communication flows both ways, online and face to face. Members talk to each other, not "
                        "only to the leaders."
                    ),
                    "Embedded": (
                        "Conversation is how the network organises itself. Members connect with each other all the "
                        "time, and the network keeps renewing itself through those conversations."
                    ),
                },
            },
            {
                "key": "knowledge-and-learning",
                "name": "Knowledge and learning",
                "summary": "Is knowledge built as a shared asset, and do members learn together?",
                "descriptors": {
                    "Not yet": (
                        "Knowledge stays with individuals and their organisations. There are few chances to learn "
                        "together."
                    ),
                    "Starting": (
                        "Members share some resources and stories, and the network has started to hold learning events."
                    ),
                    "Developing": (
                        "Knowledge is treated as something the network owns together. Learning together is planned, "
                        "for example through a community of practice or peer review."
                    ),
                    "Embedded": (
                        "The network builds and reuses a shared body of knowledge. Learning from each other is part "
                        "of every activity, and members put what they learn into practice."
                    ),
                },
            },
        ],
    },
}
