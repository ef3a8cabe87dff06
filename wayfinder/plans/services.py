"""Every write a person can make to a development plan. Each function is atomic, raises ValidationError with a
message a person understands, and writes a PlanEvent so the plan keeps its history. Views check permission
(wayfinder.plans.permissions) before calling these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wayfinder.accounts.models import User
from wayfinder.assessments.models import Round
from wayfinder.assessments.queries import round_results
from wayfinder.comms.pipeline import mail_send
from wayfinder.core.changes import changed
from wayfinder.core.links import absolute_url
from wayfinder.frameworks.models import FrameworkKind, SupportDomain
from wayfinder.networks.models import Membership, Network
from wayfinder.plans import mail
from wayfinder.plans.models import (
    Action,
    ActionStatus,
    Plan,
    PlanEvent,
    Priority,
    PriorityKind,
    PriorityReview,
    Progress,
    Review,
)

# Owners are reminded this many days before an action is due.
REMIND_DAYS_BEFORE = 3
TITLE_REQUIRED = "Enter a title"
ALREADY_STARTED = (
    "A plan has already been started from this round. Go to it from the network's development plans, or choose "
    "to start another plan from the same round."
)


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else "no date"


def _log(
    *, plan: Plan, actor: User | None, kind: str, summary: str, changes: dict[str, list[str]] | None = None
) -> None:
    PlanEvent.objects.create(plan=plan, actor=actor, kind=kind, summary=summary[:500], changes=changes or {})


def a_year_on(day: date) -> date:
    """The last day of a plan year that starts on `day`."""
    try:
        return day.replace(year=day.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return day + timedelta(days=364)


def _check_plan_dates(starts_on: date, ends_on: date) -> None:
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The end date must be after the start date"})
    if ends_on > a_year_on(starts_on):
        raise ValidationError({"ends_on": "A plan covers one year at most. Start a new plan for the next year."})


def _domain(key: str) -> SupportDomain:
    domain = SupportDomain.objects.filter(key=key).first()
    if domain is None:
        raise ValidationError({"support_domain": "Choose one of the six support domains"})
    return domain


# Plans ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A dimension the lead chose from the proposals, with the support domain it links to."""

    dimension_key: str
    support_domain_key: str


@transaction.atomic
def plan_start(
    *,
    network: Network,
    round_: Round,
    user: User,
    title: str,
    starts_on: date,
    ends_on: date,
    choices: list[Choice],
    another: bool = False,
) -> Plan:
    """Start a plan from a round's results. Levels and targets are read again here, never taken from the form.

    A round that already has a plan gets another only when the person has said so (`another`), so a second
    click or an old tab does not start a second plan by accident.
    """
    if round_.network_id != network.pk:
        raise ValidationError("That round belongs to another network.")
    # Locking the round makes a second request for the same round wait, then see the first one's plan.
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    if not another and Plan.objects.filter(round=round_).exists():
        raise ValidationError(ALREADY_STARTED)
    framework = round_.version.framework
    if framework.kind == FrameworkKind.SURVEY:
        raise ValidationError("A plan starts from a maturity matrix, not a survey.")
    if not title.strip():
        raise ValidationError({"title": "Enter a name for the plan"})
    _check_plan_dates(starts_on, ends_on)
    results = round_results(round_)
    by_key = {d.key: d for d in results.dimensions}
    domains = {d.key: d for d in SupportDomain.objects.all()}
    seen: set[str] = set()
    for choice in choices:
        if choice.dimension_key not in by_key or choice.dimension_key in seen:
            raise ValidationError("One of the chosen dimensions is not part of this round. Choose again.")
        seen.add(choice.dimension_key)
        if choice.support_domain_key not in domains:
            name = by_key[choice.dimension_key].name
            raise ValidationError({f"domain_{choice.dimension_key}": f"{name}: choose the support domain it links to"})
    plan = Plan.objects.create(
        network=network,
        framework=framework,
        round=round_,
        title=title.strip()[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        top_level=results.max_level,
        created_by=user,
    )
    priorities = []
    for n, choice in enumerate(choices, start=1):
        now = by_key[choice.dimension_key]
        priorities.append(
            Priority(
                plan=plan,
                position=n,
                kind=PriorityKind.DEVELOPMENT,
                title=f"Improve {now.name}"[:300],
                dimension_key=now.key,
                dimension_name=now.name[:200],
                support_domain=domains[choice.support_domain_key],
                level_then=now.current,
                target_level=now.target.level if now.target else None,
            )
        )
    Priority.objects.bulk_create(priorities)
    changed(networks=[network.pk])
    _log(
        plan=plan,
        actor=user,
        kind="plan_started",
        summary=f"Started the plan from {results.round_label} with {len(choices)} "
        f"{'priority' if len(choices) == 1 else 'priorities'}",
    )
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, user: User, title: str, starts_on: date, ends_on: date) -> Plan:
    if not title.strip():
        raise ValidationError({"title": "Enter a name for the plan"})
    _check_plan_dates(starts_on, ends_on)
    before = {"Name": plan.title, "Starts": _day(plan.starts_on), "Ends": _day(plan.ends_on)}
    plan.title, plan.starts_on, plan.ends_on = title.strip()[:200], starts_on, ends_on
    after = {"Name": plan.title, "Starts": _day(plan.starts_on), "Ends": _day(plan.ends_on)}
    changes = {label: [before[label], after[label]] for label in before if before[label] != after[label]}
    if changes:
        plan.save(update_fields=["title", "starts_on", "ends_on", "updated_at"])
        changed(networks=[plan.network_id])
        _log(plan=plan, actor=user, kind="plan_changed", summary="Changed the plan's details", changes=changes)
    return plan


# Priorities -----------------------------------------------------------------------------------------------


def _check_priority(*, kind: str, title: str, goal: str, measure: str) -> None:
    errors: dict[str, str] = {}
    if kind not in PriorityKind.values:
        errors["kind"] = "Choose what kind of priority this is"
    if not title.strip():
        errors["title"] = TITLE_REQUIRED
    if kind == PriorityKind.SERVICE_IMPROVEMENT:
        if not goal.strip():
            errors["goal"] = "Enter the goal this service improvement serves"
        if not measure.strip():
            errors["measure"] = "Enter how you will measure progress"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def priority_add(
    *,
    plan: Plan,
    user: User,
    kind: str,
    title: str,
    support_domain_key: str,
    dimension_key: str = "",
    dimension_name: str = "",
    goal: str = "",
    measure: str = "",
) -> Priority:
    _check_priority(kind=kind, title=title, goal=goal, measure=measure)
    domain = _domain(support_domain_key)
    position = (plan.priorities.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    priority = Priority.objects.create(
        plan=plan,
        position=position,
        kind=kind,
        title=title.strip()[:300],
        support_domain=domain,
        dimension_key=dimension_key,
        dimension_name=dimension_name[:200],
        goal=goal.strip() if kind == PriorityKind.SERVICE_IMPROVEMENT else "",
        measure=measure.strip() if kind == PriorityKind.SERVICE_IMPROVEMENT else "",
    )
    changed(networks=[plan.network_id])
    _log(
        plan=plan,
        actor=user,
        kind="priority_added",
        summary=f"Added the {priority.get_kind_display().lower()} “{priority.title}” ({domain.name})",
    )
    return priority


@transaction.atomic
def priority_update(
    *, priority: Priority, user: User, kind: str, title: str, support_domain_key: str, goal: str = "", measure: str = ""
) -> Priority:
    _check_priority(kind=kind, title=title, goal=goal, measure=measure)
    domain = _domain(support_domain_key)
    labels = {
        "kind": "Kind",
        "title": "Title",
        "support_domain": "Support domain",
        "goal": "Goal",
        "measure": "Measure",
    }

    def shown(p: Priority) -> dict[str, str]:
        return {
            "kind": p.get_kind_display(),
            "title": p.title,
            "support_domain": p.support_domain.name,
            "goal": p.goal,
            "measure": p.measure,
        }

    before = shown(priority)
    priority.kind = kind
    priority.title = title.strip()[:300]
    priority.support_domain = domain
    is_service = kind == PriorityKind.SERVICE_IMPROVEMENT
    priority.goal = goal.strip() if is_service else ""
    priority.measure = measure.strip() if is_service else ""
    after = shown(priority)
    changes = {labels[k]: [before[k], after[k]] for k in labels if before[k] != after[k]}
    if changes:
        priority.save(update_fields=["kind", "title", "support_domain", "goal", "measure", "updated_at"])
        changed(networks=[priority.plan.network_id])
        _log(
            plan=priority.plan,
            actor=user,
            kind="priority_changed",
            summary=f"Changed the priority “{priority.title}”",
            changes=changes,
        )
    return priority


# Actions --------------------------------------------------------------------------------------------------


def _check_owner(network_id: int, owner: User | None) -> None:
    if owner is None or not Membership.objects.filter(network_id=network_id, user=owner).exists():
        raise ValidationError({"owner": "Choose an owner who is a member of the network"})


def _check_status(status: str) -> None:
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose a status"})


@transaction.atomic
def action_add(
    *,
    priority: Priority,
    user: User,
    title: str,
    owner: User | None,
    due_on: date,
    status: str = ActionStatus.NOT_STARTED,
    notes: str = "",
) -> Action:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = TITLE_REQUIRED
    if due_on < timezone.localdate():
        errors["due_on"] = "The due date must be today or in the future"
    if errors:
        raise ValidationError(errors)
    _check_owner(priority.plan.network_id, owner)
    _check_status(status)
    action = Action.objects.create(
        priority=priority,
        title=title.strip()[:300],
        owner=owner,
        due_on=due_on,
        status=status,
        notes=notes.strip(),
        created_by=user,
    )
    _log(
        plan=priority.plan,
        actor=user,
        kind="action_added",
        summary=f"Added the action “{action.title}” to “{priority.title}”, owned by "
        f"{owner.display_name if owner else 'nobody'} and due {_day(due_on)}",
    )
    return action


def _action_values(action: Action) -> dict[str, str]:
    return {
        "Title": action.title,
        "Owner": action.owner.display_name if action.owner else "Nobody",
        "Due": _day(action.due_on),
        "Status": action.get_status_display(),
        "Notes": action.notes,
    }


def _save_action(action: Action, user: User, before: dict[str, str], due_before: date) -> Action:
    after = _action_values(action)
    changes = {label: [before[label], after[label]] for label in before if before[label] != after[label]}
    if not changes:
        return action
    if action.due_on != due_before:
        # A new due date deserves its own reminder.
        action.reminded_at = None
    action.save(update_fields=["title", "owner", "due_on", "status", "notes", "reminded_at", "updated_at"])
    plan = action.priority.plan
    _log(plan=plan, actor=user, kind="action_changed", summary=f"Changed the action “{action.title}”", changes=changes)
    return action


@transaction.atomic
def action_update(
    *, action: Action, user: User, title: str, owner: User | None, due_on: date, status: str, notes: str = ""
) -> Action:
    """Change any detail of an action (plan editors). A changed due date may not be in the past; an overdue
    action can be edited without moving its date."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = TITLE_REQUIRED
    if due_on != action.due_on and due_on < timezone.localdate():
        errors["due_on"] = "A new due date must be today or in the future"
    if errors:
        raise ValidationError(errors)
    if owner is None or owner.pk != action.owner_id:
        _check_owner(action.priority.plan.network_id, owner)
    _check_status(status)
    before, due_before = _action_values(action), action.due_on
    action.title, action.owner, action.due_on, action.status = title.strip()[:300], owner, due_on, status
    action.notes = notes.strip()
    return _save_action(action, user, before, due_before)


@transaction.atomic
def action_progress(*, action: Action, user: User, status: str, notes: str = "") -> Action:
    """Change an action's status and notes: what its owner may do."""
    _check_status(status)
    before, due_before = _action_values(action), action.due_on
    action.status, action.notes = status, notes.strip()
    return _save_action(action, user, before, due_before)


def actions_due_a_reminder(today: date | None = None) -> list[int]:
    """Actions not done, due within REMIND_DAYS_BEFORE days from today, whose owner has not been reminded."""
    today = today or timezone.localdate()
    return list(
        Action.objects.filter(
            reminded_at__isnull=True,
            owner__isnull=False,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(status=ActionStatus.DONE)
        .order_by("due_on", "pk")
        .values_list("pk", flat=True)
    )


def action_remind(*, action_id: int) -> bool:
    """Email the owner of one action that is coming due. Safe to run twice: it sends at most once."""
    today = timezone.localdate()
    with transaction.atomic():
        action = (
            Action.objects.select_for_update(of=("self",))
            .select_related("owner", "priority__plan__network")
            .filter(pk=action_id, reminded_at__isnull=True, owner__isnull=False, due_on__gte=today)
            .exclude(status=ActionStatus.DONE)
            .first()
        )
        if action is None or action.owner is None:
            return False
        plan = action.priority.plan
        if not Membership.objects.filter(network_id=plan.network_id, user=action.owner).exists():
            return False
        action.reminded_at = timezone.now()
        action.save(update_fields=["reminded_at", "updated_at"])
        text = render_to_string(
            "plans/email/action_reminder.txt",
            {
                "action": action,
                "plan": plan,
                "network": plan.network,
                "owner": action.owner,
                "due_on": _day(action.due_on),
                "days_left": (action.due_on - today).days,
                "link": absolute_url(plan.get_absolute_url()),
                "my_actions": absolute_url(reverse("plans:my-actions")),
            },
        ).strip()
        subject, _, body = text.partition("\n")
        mail_send(
            kind=mail.ACTION_REMINDER,
            key=f"{mail.ACTION_REMINDER}:{action.pk}:{action.due_on.isoformat()}",
            to=[action.owner.email],
            subject=f"Wayfinder: {subject.strip()}",
            text=body.strip() + "\n",
        )
    return True


# Reviews --------------------------------------------------------------------------------------------------


@transaction.atomic
def review_record(
    *,
    plan: Plan,
    user: User,
    reviewed_on: date,
    round_: Round | None,
    progress: Mapping[int, tuple[str, str]],
    summary: str = "",
) -> Review:
    """Record progress on every priority of the plan, and the round that shows where the network is now."""
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": "The review date cannot be in the future"})
    if round_ is not None and (
        round_.network_id != plan.network_id or round_.version.framework_id != plan.framework_id
    ):
        raise ValidationError({"round": "Choose a round of this network on the same framework as the plan"})
    priorities = list(plan.priorities.all())
    if not priorities:
        raise ValidationError("Add a priority before you review the plan.")
    if set(progress) - {p.pk for p in priorities}:
        raise ValidationError("One of the priorities is not part of this plan. Reload the page and try again.")
    errors: dict[str, str] = {}
    for p in priorities:
        value = progress.get(p.pk, ("", ""))[0]
        if value not in Progress.values:
            errors[f"progress_{p.pk}"] = f"{p.title}: choose how it is going"
    if errors:
        raise ValidationError(errors)
    review = Review.objects.create(
        plan=plan, reviewed_on=reviewed_on, round=round_, summary=summary.strip(), created_by=user
    )
    PriorityReview.objects.bulk_create(
        PriorityReview(review=review, priority=p, progress=progress[p.pk][0], note=progress[p.pk][1].strip())
        for p in priorities
    )
    labels = dict(Progress.choices)
    _log(
        plan=plan,
        actor=user,
        kind="review_recorded",
        summary=f"Recorded a review on {_day(reviewed_on)}"
        + (f", compared with {round_}" if round_ is not None else ""),
        changes={p.title: ["", labels[progress[p.pk][0]]] for p in priorities},
    )
    return review
