"""The pre-flight check: what a group should be able to answer before it launches a network (No, Partly or Yes)."""

from __future__ import annotations

from wayfinder.frameworks.builtin.shapes import FrameworkData

FRAMEWORK: FrameworkData = {
    "slug": "pre-flight-check",
    "name": "Pre-flight check for a new network",
    "kind": "check",
    "summary": (
        "Questions to answer before you launch a network. You do not need a detailed plan to start, but you do "
        "need enough direction, people, tools and resources to reach your first milestone."
    ),
    "version": {
        "introduction": (
            "Answer each question as a group: No, Partly or Yes. A No is not a reason to stop, but it tells you what "
            "to sort out first. Come back to the check after a few months to see what has changed."
        ),
        "external_introduction": (
            "You have been asked for a view from outside the group starting this network. Answer each question No, "
            "Partly or Yes from what you have seen and been told. If you cannot tell, choose the answer your "
            "experience supports and say so in your evidence. The group will use your answers to see what to "
            "sort out before it starts."
        ),
        "perspectives": [],
        "levels": [
            {"name": "No", "summary": "Not in place"},
            {"name": "Partly", "summary": "Some of it is in place"},
            {"name": "Yes", "summary": "Ready"},
        ],
        "dimensions": [
            {
                "key": "direction",
                "name": "Do you know well enough where the network is heading?",
                "summary": "You need a sense of destination, not a detailed blueprint.",
                "descriptors": {
                    "No": "We have not agreed what the network is for or what it should achieve first.",
                    "Partly": "We have a rough idea of where we are heading, but have not checked it with others.",
                    "Yes": "We have enough sense of direction to start, even without a detailed plan.",
                },
            },
            {
                "key": "right-kind-of-network",
                "name": "Have you chosen the kind of network that suits the task?",
                "summary": "A learning network, a delivery network and a community of practice are run differently.",
                "descriptors": {
                    "No": "We have not thought about what kind of network we are setting up.",
                    "Partly": "We have discussed the options but not agreed which suits our purpose.",
                    "Yes": "We know what kind of network we are and what that means for how we run it.",
                },
            },
            {
                "key": "assumptions-tested",
                "name": "Have you tested your ideas with the people you hope will join?",
                "summary": "Asking early shows what people want and who might help.",
                "descriptors": {
                    "No": "Our plans are based on our own assumptions.",
                    "Partly": "We have talked to a few potential members, but not widely.",
                    "Yes": "We have asked potential members what they want and changed our plans as a result.",
                },
            },
            {
                "key": "co-leaders",
                "name": "Do you have co-leaders with passion, commitment and enough time?",
                "summary": "Leading a network is not a job for one person.",
                "descriptors": {
                    "No": "One person is carrying the network alone, or nobody has time set aside.",
                    "Partly": "Others are keen to help, but their time and roles are not agreed.",
                    "Yes": "A small group shares the leadership, with agreed roles and time for the work.",
                },
            },
            {
                "key": "two-way-communication",
                "name": "Can you talk with your sponsors and your members in both directions?",
                "summary": "Members and sponsors need ways to reach you, not only to hear from you.",
                "descriptors": {
                    "No": "We have no regular way to reach members or to hear back from them.",
                    "Partly": "We can send news out, but have few ways for members and sponsors to reply.",
                    "Yes": "We have regular channels that let us share news and hear what members and sponsors think.",
                },
            },
            {
                "key": "tools",
                "name": "Do you have up-to-date tools to run the network?",
                "summary": "For example an online space, a way to manage the project and a way to run events.",
                "descriptors": {
                    "No": "We do not yet have the tools we need to run the network.",
                    "Partly": "We have some tools, but they are out of date or do not yet fit together.",
                    "Yes": "We have working tools for communicating, managing the work and bringing people together.",
                },
            },
            {
                "key": "resources",
                "name": "Do you have enough resources to reach your first milestone?",
                "summary": "Time, money and support to get you to your first event or result.",
                "descriptors": {
                    "No": "We have no funding or protected time agreed.",
                    "Partly": "We have some resources, but not enough to be sure of reaching our first milestone.",
                    "Yes": "We have the time, money and support to reach our first milestone.",
                },
            },
        ],
    },
}
