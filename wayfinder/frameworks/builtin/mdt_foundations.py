"""A short check on the four foundations of multi-disciplinary teams, on the same four-step scale as the practices."""

from __future__ import annotations

from wayfinder.frameworks.builtin.organising_practices import CHECK_LEVELS
from wayfinder.frameworks.builtin.shapes import FrameworkData

FRAMEWORK: FrameworkData = {
    "slug": "mdt-foundations",
    "name": "Four foundations of multi-disciplinary teams",
    "kind": "check",
    "summary": (
        "Teams that work well across professions and organisations rest on four foundations: trust, a shared way "
        "of making change, a common purpose and the backing of their home organisations. Use this check with a "
        "team to see which foundations need attention."
    ),
    "version": {
        "introduction": (
            "Trust and a common purpose come first; a shared approach and the backing of your organisations follow. "
            "For each foundation, choose the step that best describes your team today and talk about what would "
            "help you move up a step."
        ),
        "external_introduction": (
            "You have been asked for a view from outside the team. For each foundation, choose the step that best "
            "describes what you have seen of the team in your work with it. If you have seen too little to judge, "
            "choose the step your experience supports and say so in your evidence. The team will compare your "
            "view with its own and talk about where they differ."
        ),
        "perspectives": [],
        "levels": list(CHECK_LEVELS),
        "dimensions": [
            {
                "key": "hearts-and-behaviours",
                "name": "Hearts and behaviours",
                "summary": "Do team members trust each other and behave in ways that build trust?",
                "descriptors": {
                    "Not yet": (
                        "Team members barely know each other. Differences between professions and organisations get "
                        "in the way of trust."
                    ),
                    "Starting": (
                        "The team has begun to spend time on relationships. Members are learning about each other's "
                        "roles and pressures."
                    ),
                    "Developing": (
                        "Members trust each other and speak openly. They value what each profession brings and handle "
                        "disagreement well."
                    ),
                    "Embedded": (
                        "Trust is deep and has been built over time. People are generous with each other and also "
                        "hold each other to account."
                    ),
                },
            },
            {
                "key": "shared-approach",
                "name": "Shared approach",
                "summary": "Has the team agreed how it will make change happen together?",
                "descriptors": {
                    "Not yet": (
                        "Each member works in their own way, and the team has no agreed way of making change happen."
                    ),
                    "Starting": (
                        "The team is trying out ways of working together, such as joint meetings or shared case "
                        "reviews."
                    ),
                    "Developing": (
                        "The team has an agreed way of designing and testing changes and uses it on real work."
                    ),
                    "Embedded": (
                        "The team's shared approach to innovation is well practised. It adapts the approach as it "
                        "learns and brings new members into it quickly."
                    ),
                },
            },
            {
                "key": "common-purpose",
                "name": "Common purpose",
                "summary": "Is the team clear and committed about what it is trying to achieve?",
                "descriptors": {
                    "Not yet": "The team has not agreed what it is trying to achieve together.",
                    "Starting": "The team is shaping a shared vision, but members still pull in different directions.",
                    "Developing": (
                        "There is a clear, agreed purpose that members can state, and it guides what the team takes on."
                    ),
                    "Embedded": (
                        "Members are strongly committed to the common purpose and it shapes every team decision."
                    ),
                },
            },
            {
                "key": "leveraging-each-others-organisations",
                "name": "Leveraging each other's organisations",
                "summary": "Do members bring the resources of their own organisations behind the team's work?",
                "descriptors": {
                    "Not yet": (
                        "Members take part as individuals. Their home organisations are not involved in the team's "
                        "work."
                    ),
                    "Starting": "Some members keep their organisations informed, but ask little of them.",
                    "Developing": (
                        "Members go back to their organisations to secure time, staff or money for the team's work."
                    ),
                    "Embedded": (
                        "Partner organisations actively put their resources behind the team's purpose and change how "
                        "they work to support it."
                    ),
                },
            },
        ],
    },
}
