"""Pages for development plans: start a plan from results, priorities, actions, reviews, history, downloads
and "my actions". Thin: parse, ask the permission policy, call a service or a query, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.assessments import permissions as assessments_permissions
from wayfinder.assessments.models import Round
from wayfinder.assessments.queries import RoundResults, round_results
from wayfinder.core import panels
from wayfinder.core.downloads import download_response
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs, network_breadcrumbs
from wayfinder.frameworks.models import FrameworkKind
from wayfinder.networks import permissions as networks_permissions
from wayfinder.plans import exports, gaps, naming, permissions, queries, services
from wayfinder.plans.forms import (
    ActionForm,
    ActionProgressForm,
    PlanDetailsForm,
    PriorityForm,
    ReviewForm,
    StartPlanForm,
)
from wayfinder.plans.models import Action, Plan, Priority, PriorityKind, Review


def _plan_crumbs(plan: Plan) -> list[dict[str, str]]:
    return network_breadcrumbs(plan.network, (plan.get_absolute_url(), plan.title))


def _editable_plan_or_404(request: AuthenticatedRequest, plan_id: int) -> Plan:
    plan = queries.plan_or_404(request.user, plan_id)
    if not permissions.can_edit_plan(request.user, plan):
        # Members who may see the plan but not change it get the same answer as anyone else.
        raise Http404("No such plan")
    return plan


# Plans ----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def network_plans(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = networks_permissions.get_visible_network_or_404(request.user, slug=slug)
    if not networks_permissions.belongs_or_oversees(request.user, network):
        raise Http404("No such network")
    can_start = permissions.can_start_plan(request.user, network)
    results_rounds = []
    if can_start:
        results_rounds = queries.rounds_to_start_from(network)
    return render(
        request,
        "plans/network_plans.jinja",
        {
            "network": network,
            "plans": list(queries.network_plans(network)),
            "can_start": can_start,
            "rounds": results_rounds,
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_start(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = assessments_permissions.round_for_user_or_404(
        request.user, round_id, "network__system__region", "version__framework"
    )
    if not permissions.can_start_plan(request.user, round_.network):
        raise Http404("No such round")
    if round_.version.framework.kind == FrameworkKind.SURVEY:
        raise Http404("Plans start from a maturity matrix")
    existing = list(queries.network_plans(round_.network).filter(round=round_))
    # A round that has a plan gets another only when the person chooses to start one (?another=yes).
    another = (request.POST if request.method == "POST" else request.GET).get("another") == "yes"
    if existing and not another:
        return render(
            request,
            "plans/start_existing.jinja",
            {
                "round": round_,
                "existing": existing,
                "nav_section": "networks",
                "breadcrumbs": network_breadcrumbs(round_.network),
            },
        )
    results = round_results(round_)
    proposals = queries.gap_proposals(results)
    initial = _start_initial(results, proposals, number=len(existing) + 1)
    domains = queries.support_domains()
    form = StartPlanForm(
        request.POST or None, initial=initial, proposals=proposals, domains=[(d.key, d.name) for d in domains]
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_start(
                network=round_.network,
                round_=round_,
                user=request.user,
                title=form.cleaned_data["title"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                choices=[services.Choice(dimension_key=k, support_domain_key=d) for k, d in form.chosen()],
                another=another,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The plan has been started. Add actions to each priority next.")
            return redirect(plan)
    return render(
        request,
        "plans/start.jinja",
        {
            "round": round_,
            "results": results,
            "form": form,
            "domains": domains,
            "existing": existing,
            "another": another,
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(
                round_.network, (reverse("assessments:results", kwargs={"round_id": round_.pk}), results.round_label)
            ),
        },
    )


def _start_initial(results: RoundResults, proposals: list[gaps.Proposal], *, number: int) -> dict[str, Any]:
    """The start form as first shown: a plan named after its round, running a year from today, with the
    largest gaps ticked."""
    today = timezone.localdate()
    initial: dict[str, Any] = {
        "title": naming.default_title(purpose_label=results.purpose_label, opened_on=results.opens_on, number=number),
        "starts_on": today.isoformat(),
        "ends_on": services.a_year_on(today).isoformat(),
    }
    for p in proposals:
        initial[f"include_{p.key}"] = p.suggested
    return initial


@login_required
@require_GET
def detail(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = queries.plan_or_404(request.user, plan_id)
    today = timezone.localdate()
    page = queries.plan_page(plan, today)
    where = queries.plan_levels(page, today)
    shown = panels.panels_for(
        panels.Place(
            page="plan",
            user=request.user,
            network_id=plan.network_id,
            network_slug=plan.network.slug,
            network_name=plan.network.name,
            levels=where.levels,
            dimension_names=where.names,
            domains=page.tags[1],
            plan_id=plan.pk,
            priority_ids=[row.priority.pk for row in page.priorities],
            role=networks_permissions.network_role(request.user, plan.network) or "",
            network=plan.network,
            framework_id=plan.framework_id,
        )
    )
    return render(
        request,
        "plans/detail.jinja",
        {
            "plan": plan,
            "page": page,
            "today": today,
            "can_edit": permissions.can_edit_plan(request.user, plan),
            "recommendations": queries.plan_recommendations(page, where),
            "panels": shown,
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(plan.network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _editable_plan_or_404(request, plan_id)
    form = PlanDetailsForm(
        request.POST or None,
        initial={"title": plan.title, "starts_on": plan.starts_on.isoformat(), "ends_on": plan.ends_on.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The plan's details have been saved.")
            return redirect(plan)
    return render(
        request,
        "plans/plan_form.jinja",
        {"plan": plan, "form": form, "nav_section": "networks", "breadcrumbs": _plan_crumbs(plan)},
    )


@login_required
@require_GET
def history(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = queries.plan_or_404(request.user, plan_id)
    return render(
        request,
        "plans/history.jinja",
        {
            "plan": plan,
            "events": list(queries.plan_history(plan)),
            "nav_section": "networks",
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


# Priorities -----------------------------------------------------------------------------------------------


def _priority_or_404(plan: Plan, priority_id: int) -> Priority:
    priority = Priority.objects.select_related("support_domain").filter(plan=plan, pk=priority_id).first()
    if priority is None:
        raise Http404("No such priority")
    priority.plan = plan
    return priority


@login_required
@require_http_methods(["GET", "POST"])
def priority_add(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _editable_plan_or_404(request, plan_id)
    dimensions = queries.dimension_choices(plan)
    kind = request.GET.get("kind")
    form = PriorityForm(
        request.POST or None,
        domains=queries.support_domain_choices(),
        dimensions=dimensions,
        initial={"kind": kind if kind in PriorityKind.values else PriorityKind.DEVELOPMENT},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        names = dict(dimensions)
        try:
            services.priority_add(
                plan=plan,
                user=request.user,
                kind=data["kind"],
                title=data["title"],
                support_domain_key=data["support_domain"],
                dimension_key=data.get("dimension") or "",
                dimension_name=names.get(data.get("dimension") or "", ""),
                goal=data.get("goal", ""),
                measure=data.get("measure", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The priority has been added.")
            return redirect(plan)
    return render(
        request,
        "plans/priority_form.jinja",
        {
            "plan": plan,
            "form": form,
            "priority": None,
            "domains": queries.support_domains(),
            "nav_section": "networks",
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def priority_edit(request: AuthenticatedRequest, plan_id: int, priority_id: int) -> HttpResponse:
    plan = _editable_plan_or_404(request, plan_id)
    priority = _priority_or_404(plan, priority_id)
    form = PriorityForm(
        request.POST or None,
        domains=queries.support_domain_choices(),
        initial={
            "kind": priority.kind,
            "title": priority.title,
            "support_domain": priority.domain_key,
            "goal": priority.goal,
            "measure": priority.measure,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.priority_update(
                priority=priority,
                user=request.user,
                kind=data["kind"],
                title=data["title"],
                support_domain_key=data["support_domain"],
                goal=data.get("goal", ""),
                measure=data.get("measure", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The priority has been saved.")
            return redirect(plan)
    return render(
        request,
        "plans/priority_form.jinja",
        {
            "plan": plan,
            "form": form,
            "priority": priority,
            "domains": queries.support_domains(),
            "nav_section": "networks",
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


# Actions --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: AuthenticatedRequest, plan_id: int, priority_id: int) -> HttpResponse:
    plan = _editable_plan_or_404(request, plan_id)
    priority = _priority_or_404(plan, priority_id)
    form = ActionForm(request.POST or None, owners=queries.members_for_owner_choice(plan.network))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(
                priority=priority,
                user=request.user,
                title=data["title"],
                owner=queries.member_or_none(plan.network_id, data["owner"]),
                due_on=data["due_on"],
                status=data["status"],
                notes=data.get("notes", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The action has been added.")
            return redirect(plan)
    return render(
        request,
        "plans/action_form.jinja",
        {
            "plan": plan,
            "priority": priority,
            "action": None,
            "form": form,
            "full": True,
            "nav_section": "networks",
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedRequest, plan_id: int, action_id: int) -> HttpResponse:
    plan = queries.plan_or_404(request.user, plan_id)
    action = Action.objects.select_related("priority", "owner").filter(priority__plan=plan, pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    action.priority.plan = plan
    if not permissions.can_update_action(request.user, action):
        raise Http404("No such action")
    full = permissions.can_edit_plan(request.user, plan)
    initial = {
        "title": action.title,
        "owner": action.owner_id,
        "due_on": action.due_on.isoformat(),
        "status": action.status,
        "notes": action.notes,
    }
    form: ActionForm | ActionProgressForm
    if full:
        owners = queries.owner_choices(plan.network, action.owner)
        form = ActionForm(request.POST or None, initial=initial, owners=owners)
    else:
        form = ActionProgressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if isinstance(form, ActionForm):
                owner = (
                    action.owner
                    if data["owner"] == action.owner_id
                    else queries.member_or_none(plan.network_id, data["owner"])
                )
                services.action_update(
                    action=action,
                    user=request.user,
                    title=data["title"],
                    owner=owner,
                    due_on=data["due_on"],
                    status=data["status"],
                    notes=data.get("notes", ""),
                )
            else:
                services.action_progress(
                    action=action, user=request.user, status=data["status"], notes=data.get("notes", "")
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The action has been saved.")
            back = request.POST.get("back")
            return redirect(reverse("plans:my-actions") if back == "my-actions" else plan.get_absolute_url())
    return render(
        request,
        "plans/action_form.jinja",
        {
            "plan": plan,
            "priority": action.priority,
            "action": action,
            "form": form,
            "full": full,
            "back": request.GET.get("back") or request.POST.get("back") or "",
            "nav_section": "networks",
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


@login_required
@require_GET
def my_actions(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    to_do, done = queries.my_actions(request.user, today)
    return render(
        request,
        "plans/my_actions.jinja",
        {
            "to_do": to_do,
            "done": done,
            "today": today,
            "nav_section": "home",
            "breadcrumbs": breadcrumbs(),
        },
    )


# Reviews --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def review_add(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _editable_plan_or_404(request, plan_id)
    priorities = list(plan.priorities.order_by("position", "pk").values_list("pk", "title"))
    rounds = queries.rounds_for_review(request.user, plan)
    newer = [pk for pk, _ in rounds if plan.round_id is None or pk != plan.round_id]
    form = ReviewForm(
        request.POST or None,
        priorities=priorities,
        rounds=rounds,
        initial={"reviewed_on": timezone.localdate().isoformat(), "round": newer[0] if newer else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round_ = Round.objects.select_related("version").filter(pk=data["round"]).first() if data.get("round") else None
        try:
            review = services.review_record(
                plan=plan,
                user=request.user,
                reviewed_on=data["reviewed_on"],
                round_=round_,
                progress=form.progress(),
                summary=data.get("summary", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The review has been recorded.")
            return redirect("plans:review", plan_id=plan.pk, review_id=review.pk)
    return render(
        request,
        "plans/review_form.jinja",
        {"plan": plan, "form": form, "nav_section": "networks", "breadcrumbs": _plan_crumbs(plan)},
    )


@login_required
@require_GET
def review_detail(request: AuthenticatedRequest, plan_id: int, review_id: int) -> HttpResponse:
    plan = queries.plan_or_404(request.user, plan_id)
    review = Review.objects.select_related("created_by").filter(plan=plan, pk=review_id).first()
    if review is None:
        raise Http404("No such review")
    rows, round_label = queries.review_movement(review)
    return render(
        request,
        "plans/review.jinja",
        {
            "plan": plan,
            "review": review,
            "rows": rows,
            "round_label": round_label,
            "nav_section": "networks",
            "breadcrumbs": _plan_crumbs(plan),
        },
    )


# Downloads ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_pdf(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = queries.plan_or_404(request.user, plan_id)
    page = queries.plan_page(plan, timezone.localdate())
    name = exports.filename(plan, "pdf", number=queries.number_from_its_round(plan))
    return download_response(exports.plan_pdf(page, request), "application/pdf", name)


@login_required
@require_GET
def plan_docx(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = queries.plan_or_404(request.user, plan_id)
    page = queries.plan_page(plan, timezone.localdate())
    name = exports.filename(plan, "docx", number=queries.number_from_its_round(plan))
    return download_response(exports.plan_docx(page), exports.DOCX_CONTENT_TYPE, name)
