"""What development plans add to the home page's to-do list: the person's actions that are due soon or overdue,
and plan reviews due in the networks they lead or facilitate. One query each."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db.models import Max
from django.urls import reverse

from wayfinder.core.home import ToDo, Viewer, day
from wayfinder.plans import permissions
from wayfinder.plans.models import Action, ActionStatus, Plan

# Actions due within this many days are listed (overdue ones always are).
ACTION_NOTICE_DAYS = 14
# At most this many actions are listed; past that, a link to every action.
MOST_ACTIONS = 10
# A plan is reviewed every REVIEW_MONTHS months, and once more when its year ends; a review is listed from
# REVIEW_NOTICE_DAYS before it is due, and no longer once the plan ended more than REVIEW_GRACE_DAYS ago.
REVIEW_MONTHS = 3
REVIEW_NOTICE_DAYS = 14
REVIEW_GRACE_DAYS = 90


def actions_due(viewer: Viewer) -> list[ToDo]:
    """The person's unfinished actions due within two weeks or overdue, in the networks they still belong to (as
    "Your actions" shows them)."""
    network_ids = viewer.network_ids()
    if not network_ids:
        return []
    actions = list(
        Action.objects.filter(
            owner_id=viewer.user.pk,
            priority__plan__network_id__in=network_ids,
            due_on__lte=viewer.today + timedelta(days=ACTION_NOTICE_DAYS),
        )
        .exclude(status=ActionStatus.DONE)
        .select_related("priority__plan__network")
        .order_by("due_on", "pk")[: MOST_ACTIONS + 1]
    )
    to_dos = [
        ToDo(
            title=action.title,
            action="Update the action",
            href=reverse("plans:action-edit", kwargs={"plan_id": action.priority.plan_id, "action_id": action.pk})
            + "?back=my-actions",
            detail=f"{action.priority.plan.network.name}: {action.priority.plan.title}",
            due_on=action.due_on,
            rank=40,
        )
        for action in actions[:MOST_ACTIONS]
    ]
    if len(actions) > MOST_ACTIONS:
        to_dos.append(
            ToDo(
                title="More of your actions are due",
                action="See all your actions",
                href=reverse("plans:my-actions"),
                rank=41,
            )
        )
    return to_dos


def months_on(start: date, months: int) -> date:
    """The same day `months` months later, or the month's last day when it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def review_due_on(*, starts_on: date, ends_on: date, last_reviewed_on: date | None) -> date | None:
    """When a plan's next review is due: REVIEW_MONTHS after the last review (or the start), and at the latest when
    the plan year ends; None once it has been reviewed at or after its end."""
    if last_reviewed_on is not None and last_reviewed_on >= ends_on:
        return None
    return min(months_on(last_reviewed_on or starts_on, REVIEW_MONTHS), ends_on)


def reviews_due(viewer: Viewer) -> list[ToDo]:
    """Plans of the networks the person leads or facilitates whose review is due within two weeks or overdue."""
    network_ids = viewer.network_ids(*permissions.PLAN_EDITORS)
    if not network_ids:
        return []
    today = viewer.today
    plans = (
        Plan.objects.filter(
            network_id__in=network_ids,
            starts_on__lte=today,
            ends_on__gte=today - timedelta(days=REVIEW_GRACE_DAYS),
        )
        .select_related("network")
        .annotate(last_reviewed_on=Max("reviews__reviewed_on"))
        .order_by("ends_on", "pk")
    )
    to_dos = []
    for plan in plans:
        last: date | None = plan.last_reviewed_on  # type: ignore[attr-defined]
        due_on = review_due_on(starts_on=plan.starts_on, ends_on=plan.ends_on, last_reviewed_on=last)
        if due_on is None or (due_on - today).days > REVIEW_NOTICE_DAYS:
            continue
        detail = f"Last reviewed {day(last)}" if last else "Not reviewed yet"
        if due_on == plan.ends_on:
            detail += ". The plan year ends then"
        to_dos.append(
            ToDo(
                title=f"{plan.network.name}: {plan.title}",
                action="Record a review",
                href=reverse("plans:review-add", kwargs={"plan_id": plan.pk}),
                detail=detail,
                due_on=due_on,
                due_label="Review due",
                rank=35,
            )
        )
    return to_dos
