"""Reads that plan pages and exports share, each in a fixed number of queries however big the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from wayfinder.accounts.models import User
from wayfinder.assessments import permissions as assessments_permissions
from wayfinder.assessments.models import Round
from wayfinder.assessments.queries import RoundResults, closed_by, round_label, round_results
from wayfinder.assessments.targets import latest_version
from wayfinder.frameworks.models import FrameworkKind, SupportDomain
from wayfinder.hub.recommend import Recommendation, recommend_for
from wayfinder.networks.models import Membership, Network
from wayfinder.plans import gaps, permissions
from wayfinder.plans.models import Action, ActionStatus, Plan, PlanEvent, Priority, PriorityReview, Review


def plan_or_404(user: Any, plan_id: int) -> Plan:
    """The plan, if the user may see it; 404 otherwise, so plan ids cannot be probed."""
    plan = (
        permissions.plans_visible_to(user)
        .select_related("network__system__region", "framework", "round", "created_by")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not permissions.can_view_plan(user, plan):
        raise Http404("No such plan")
    return plan


@dataclass
class ActionRow:
    action: Action
    overdue: bool


@dataclass
class PriorityRow:
    priority: Priority
    domain: SupportDomain
    actions: list[ActionRow]
    progress: PriorityReview | None = None

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.actions if row.action.status == ActionStatus.DONE)


@dataclass
class PlanPage:
    plan: Plan
    priorities: list[PriorityRow]
    latest_review: Review | None
    level_names: dict[int, str] = field(default_factory=dict)

    @property
    def has_service_improvement(self) -> bool:
        return any(row.priority.is_service_improvement for row in self.priorities)

    @property
    def action_count(self) -> int:
        return sum(len(row.actions) for row in self.priorities)

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.priorities for a in row.actions if a.overdue)

    @property
    def tags(self) -> tuple[list[str], list[str]]:
        return plan_tags(self.priorities)


def plan_tags(rows: list[PriorityRow]) -> tuple[list[str], list[str]]:
    """The plan's dimension keys and support domain keys, for the hub's recommend_for(dimensions, domains)."""
    dimensions: list[str] = []
    domains: list[str] = []
    for row in rows:
        for key in row.priority.tags["dimensions"]:
            if key not in dimensions:
                dimensions.append(key)
        for key in row.priority.tags["domains"]:
            if key not in domains:
                domains.append(key)
    return dimensions, domains


def latest_closed_round(plan: Plan, today: date) -> Round | None:
    """The network's most recent round on the plan's framework that has closed, ready for round_results."""
    return (
        Round.objects.filter(network_id=plan.network_id, version__framework_id=plan.framework_id)
        .filter(closed_by(today))
        .select_related("network", "version__framework")
        .order_by("-opens_on", "-pk")
        .first()
    )


@dataclass(frozen=True)
class PlanLevels:
    """Where the network stands on each dimension, for the plan's recommendations and the panels below it."""

    levels: dict[str, float]
    names: dict[str, str]
    # Why a dimension counts at its level when the latest round does not say (it became a priority at that level).
    reasons: dict[str, str]


def plan_levels(page: PlanPage, today: date) -> PlanLevels:
    """The agreed levels (or the medians until one is agreed) of the network's latest closed round on the plan's
    framework; a priority's dimension that round does not cover counts at the level it stood at when it became a
    priority. Seven queries at most: one for the round and the six of round_results."""
    levels: dict[str, float] = {}
    names: dict[str, str] = {}
    round_ = latest_closed_round(page.plan, today)
    if round_ is not None and round_.version.framework.kind != FrameworkKind.SURVEY:
        for dimension in round_results(round_).dimensions:
            names[dimension.key] = dimension.name
            if dimension.current is not None:
                levels[dimension.key] = dimension.current
    reasons: dict[str, str] = {}
    for row in page.priorities:
        priority = row.priority
        if priority.dimension_key and priority.dimension_key not in levels and priority.level_then is not None:
            levels[priority.dimension_key] = priority.level_then
            names[priority.dimension_key] = priority.dimension_name
            reasons[priority.dimension_key] = "Because {dimension} was at level {level} when you made it a priority"
    return PlanLevels(levels=levels, names=names, reasons=reasons)


def plan_recommendations(page: PlanPage, where: PlanLevels, limit: int = 4) -> list[Recommendation]:
    """Knowledge hub resources for the network's weakest dimensions (`plan_levels`) and for the support domains the
    plan chose: at most three queries in recommend_for."""
    _, domains = page.tags
    return recommend_for(
        where.levels,
        domains,
        limit,
        dimension_names=where.names,
        domain_reason="Because you chose {domain} in your plan",
        dimension_reasons=where.reasons,
    )


def plan_page(plan: Plan, today: date) -> PlanPage:
    """Priorities with their domain and actions, and the latest review's progress: four queries."""
    priorities = list(
        Priority.objects.filter(plan=plan)
        .select_related("support_domain")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("due_on", "pk")))
        .order_by("position", "pk")
    )
    latest = Review.objects.filter(plan=plan).select_related("round", "created_by").first()
    entries: dict[int, PriorityReview] = {}
    if latest is not None:
        entries = {e.priority_id: e for e in PriorityReview.objects.filter(review=latest)}
    rows = [
        PriorityRow(
            priority=p,
            domain=p.support_domain,
            actions=[ActionRow(action=a, overdue=a.is_overdue(today)) for a in p.actions.all()],
            progress=entries.get(p.pk),
        )
        for p in priorities
    ]
    return PlanPage(plan=plan, priorities=rows, latest_review=latest)


def number_from_its_round(plan: Plan) -> int:
    """1 for the first plan started from its round, 2 for a second one started on purpose, and so on."""
    if plan.round_id is None:
        return 1
    return 1 + Plan.objects.filter(round_id=plan.round_id, pk__lt=plan.pk).count()


def rounds_to_start_from(network: Network, limit: int = 5) -> list[Round]:
    """The network's latest rounds a plan can start from (surveys cannot), newest first."""
    return list(
        Round.objects.filter(network=network)
        .exclude(version__framework__kind=FrameworkKind.SURVEY)
        .select_related("version__framework")
        .order_by("-opens_on", "-pk")[:limit]
    )


def gap_proposals(results: RoundResults) -> list[gaps.Proposal]:
    """The dimensions a plan started from these results could take as priorities, largest gap first."""
    now = [
        gaps.DimensionNow(
            key=d.key, number=d.number, name=d.name, current=d.current, target=d.target.level if d.target else None
        )
        for d in results.dimensions
    ]
    return gaps.propose(now, results.max_level)


def support_domains() -> list[SupportDomain]:
    return list(SupportDomain.objects.order_by("position"))


def support_domain_choices() -> list[tuple[str, str]]:
    return list(SupportDomain.objects.order_by("position").values_list("key", "name"))


def dimension_choices(plan: Plan) -> list[tuple[str, str]]:
    """The dimensions a priority of the plan may name: its round's version, else the framework's latest."""
    version = plan.round.version if plan.round is not None else latest_version(plan.framework)
    if version is None:
        return []
    return list(version.dimensions.order_by("position").values_list("key", "name"))


def member_or_none(network_id: int, user_id: int | None) -> User | None:
    """The person, if they are a member of the network (services say so clearly when an owner is not)."""
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, memberships__network_id=network_id).first()


def network_plans(network: Network) -> QuerySet[Plan]:
    return Plan.objects.filter(network=network).select_related("framework", "round").order_by("-starts_on", "-pk")


def members_for_owner_choice(network: Network) -> list[tuple[int, str]]:
    """Who may own an action: the network's members, by name."""
    rows = (
        Membership.objects.filter(network=network)
        .select_related("user")
        .order_by("user__full_name", "user__email")
        .only("user__id", "user__full_name", "user__email")
    )
    return [(m.user.pk, m.user.display_name) for m in rows]


def owner_choices(network: Network, owner: User | None) -> list[tuple[int, str]]:
    """Who may own an action: the network's members, and its present owner even once they have left, so the action
    can be saved without reassigning it."""
    owners = members_for_owner_choice(network)
    if owner is not None and owner.pk not in dict(owners):
        owners.append((owner.pk, f"{owner.display_name} (no longer a member)"))
    return owners


def my_actions(user: Any, today: date) -> tuple[list[ActionRow], list[ActionRow]]:
    """The user's actions in every network they belong to: (to do, done), in one query."""
    member_networks = Membership.objects.filter(user=user).values("network_id")
    actions = (
        Action.objects.filter(owner=user, priority__plan__network_id__in=member_networks)
        .select_related("priority__plan__network")
        .order_by("due_on", "pk")
    )
    to_do: list[ActionRow] = []
    done: list[ActionRow] = []
    for action in actions:
        (done if action.status == ActionStatus.DONE else to_do).append(
            ActionRow(action=action, overdue=action.is_overdue(today))
        )
    return to_do, done


def plan_history(plan: Plan) -> QuerySet[PlanEvent]:
    return PlanEvent.objects.filter(plan=plan).select_related("actor").order_by("-at", "-pk")


def rounds_for_review(user: Any, plan: Plan) -> list[tuple[int, str]]:
    """Rounds the review can be compared with: the network's rounds on the plan's framework, newest first."""
    rows = (
        assessments_permissions.rounds_visible_to(user)
        .filter(network_id=plan.network_id, version__framework_id=plan.framework_id)
        .order_by("-opens_on", "-pk")
        .values_list("pk", "title", "purpose", "opens_on")
    )
    return [(pk, round_label(title=title, purpose=purpose, opens_on=opens_on)) for pk, title, purpose, opens_on in rows]


@dataclass(frozen=True)
class Movement:
    """One priority's dimension: where it stood when the plan started and where the review's round puts it."""

    priority: Priority
    entry: PriorityReview | None
    then: float | None
    now: float | None
    target: int | None

    @property
    def change(self) -> float | None:
        if self.then is None or self.now is None:
            return None
        return self.now - self.then


def review_movement(review: Review) -> tuple[list[Movement], str]:
    """Progress per priority, with level then and now where the review links a round. Returns the rows and
    the label of the round compared with."""
    entries = {
        e.priority_id: e
        for e in PriorityReview.objects.filter(review=review)
        .select_related("priority")
        .order_by("priority__position", "priority__pk")
    }
    priorities = list(Priority.objects.filter(plan_id=review.plan_id).order_by("position", "pk"))
    now: dict[str, float | None] = {}
    label = ""
    if review.round_id is not None:
        round_ = Round.objects.select_related("network", "version__framework").get(pk=review.round_id)
        results = round_results(round_)
        now = {d.key: d.current for d in results.dimensions}
        label = results.round_label
    rows = [
        Movement(
            priority=p,
            entry=entries.get(p.pk),
            then=p.level_then,
            now=now.get(p.dimension_key) if p.dimension_key else None,
            target=p.target_level,
        )
        for p in priorities
    ]
    return rows, label
