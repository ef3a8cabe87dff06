"""What plans hold about a person, for "download my data" (the actions they own), and what "delete my account"
takes away: their name from the plan's change log and their ownership of actions. The plan itself is the
network's and stays."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from wayfinder.comms.registry import DataFile
from wayfinder.plans.models import Action, PlanEvent

FORMER_MEMBER = "a former member"


def export(user: Any) -> list[DataFile]:
    actions = Action.objects.filter(owner=user).select_related("priority__plan__network").order_by("due_on", "pk")
    events = PlanEvent.objects.filter(actor=user).select_related("plan__network").order_by("at", "pk")
    return [
        DataFile(
            name="plans/actions-you-own.csv",
            header=["Network", "Plan", "Priority", "Action", "Due", "Status", "Notes"],
            rows=[
                [
                    action.priority.plan.network.name,
                    action.priority.plan.title,
                    action.priority.title,
                    action.title,
                    action.due_on,
                    action.get_status_display(),
                    action.notes,
                ]
                for action in actions
            ],
        ),
        DataFile(
            name="plans/changes-you-made.csv",
            header=["Network", "Plan", "When", "What"],
            rows=[[event.plan.network.name, event.plan.title, event.at, event.summary] for event in events],
        ),
    ]


def names_of(user: Any) -> list[str]:
    """The ways the change log may name the person, longest first so a full name goes before a part of it."""
    names = {user.email, user.display_name}
    if user.full_name:
        names.add(user.full_name)
    return sorted((name for name in names if len(name) >= 3), key=len, reverse=True)


def without_names(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, FORMER_MEMBER)
    return text


def erase(user: Any) -> None:
    names = names_of(user)
    # The log names an action's owner in the plans of networks the person belonged to.
    events = list(
        PlanEvent.objects.filter(Q(actor=user) | Q(plan__network__memberships__user=user)).distinct().order_by("pk")
    )
    changed = []
    for event in events:
        summary = without_names(event.summary, names)
        changes = {label: [without_names(value, names) for value in pair] for label, pair in event.changes.items()}
        if summary != event.summary or changes != event.changes or event.actor_id == user.pk:
            event.summary, event.changes = summary, changes
            if event.actor_id == user.pk:
                event.actor = None
            changed.append(event)
    PlanEvent.objects.bulk_update(changed, ["summary", "changes", "actor"])
    Action.objects.filter(owner=user).update(owner=None)
