"""The network health survey: about 20 statements in 4 groups, answered by every member on an agreement scale."""

from __future__ import annotations

from wayfinder.frameworks.builtin.shapes import DimensionData, FrameworkData

PURPOSE, PERFORMANCE, OPERATIONS, CAPACITY = "Purpose", "Performance", "Operations", "Capacity"


def _statement(group: str, key: str, name: str) -> DimensionData:
    return {"key": key, "name": name, "group": group}


FRAMEWORK: FrameworkData = {
    "slug": "network-health-survey",
    "name": "Network health survey",
    "kind": "survey",
    "summary": (
        "A short survey for every member about the network's purpose, what it achieves, how it runs and whether "
        "it has what it needs to last. Run it once for a baseline and again later to see what has changed."
    ),
    "version": {
        "introduction": (
            "This survey asks how you see the network today. It takes about 5 minutes. For each statement, say how "
            "much you agree. There are no right or wrong answers, and your answers are combined with those of "
            "other members. You can add comments at the end."
        ),
        "external_introduction": (
            "This survey asks how the network looks to you from outside. It takes about 5 minutes. For each "
            "statement, say how much you agree, thinking of what you have seen of the network in your work with "
            "it. There are no right or wrong answers, and your answers are combined with those of other people. "
            "You can add comments at the end."
        ),
        "perspectives": [],
        "levels": [
            {"name": "Strongly disagree"},
            {"name": "Disagree"},
            {"name": "Neither agree nor disagree"},
            {"name": "Agree"},
            {"name": "Strongly agree"},
        ],
        "dimensions": [
            _statement(PURPOSE, "purpose-understood", "I understand what this network is for."),
            _statement(PURPOSE, "purpose-matters", "The network's purpose matters to me and my work."),
            _statement(PURPOSE, "purpose-shared-focus", "Members agree on what the network should focus on."),
            _statement(PURPOSE, "purpose-guides-plans", "The network's plans follow from its purpose."),
            _statement(PURPOSE, "purpose-explain", "I could explain the network's purpose to a colleague."),
            _statement(
                PERFORMANCE,
                "performance-difference",
                "The network makes a real difference for patients and the people we serve.",
            ),
            _statement(PERFORMANCE, "performance-helps-me", "Being part of the network helps me in my own work."),
            _statement(PERFORMANCE, "performance-achieves", "The network achieves what it sets out to do."),
            _statement(PERFORMANCE, "performance-evidence", "The network shares evidence of what it has achieved."),
            _statement(PERFORMANCE, "performance-learns", "The network learns from things that have not worked."),
            _statement(OPERATIONS, "operations-decisions", "I know how decisions are made in the network."),
            _statement(
                OPERATIONS, "operations-meetings", "The network's meetings and events are a good use of my time."
            ),
            _statement(
                OPERATIONS, "operations-communication", "I hear about the network's news and activities in good time."
            ),
            _statement(
                OPERATIONS,
                "operations-resources",
                "I can easily find the information and resources the network shares.",
            ),
            _statement(
                OPERATIONS,
                "operations-inclusive",
                "Everyone is welcome to contribute, whatever their role or profession.",
            ),
            _statement(CAPACITY, "capacity-leadership-time", "The network's leaders have enough time for the role."),
            _statement(
                CAPACITY, "capacity-shared-leadership", "Leadership is shared by several people, not left to one."
            ),
            _statement(
                CAPACITY, "capacity-resources", "The network has the money and support it needs for the next year."
            ),
            _statement(CAPACITY, "capacity-my-time", "I have enough time to take part in the network."),
            _statement(CAPACITY, "capacity-new-members", "New members are joining and getting involved."),
        ],
    },
}
