"""Pages for the readiness checklist, Clinical Director plans and support requests.

Views stay thin: parse, ask the permission policy, call a service or a query, render. Anything a person may
not see answers 404, so ids cannot be probed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs, network_breadcrumbs
from wayfinder.networks import permissions as networks_permissions
from wayfinder.networks.models import Network, System
from wayfinder.support import permissions, queries, services
from wayfinder.support.content import (
    CD_PLAN_ITEMS,
    CD_RATING_CHOICES,
    READINESS_BY_KEY,
    READINESS_ITEMS,
    SKILL,
    SPEND_CATEGORIES,
    UNDERSTANDING,
)
from wayfinder.support.forms import (
    RATING_FIELD_PREFIX,
    CDPlanForm,
    CommissionForm,
    DecisionForm,
    ProgressForm,
    ReadinessTickForm,
    SupportRequestForm,
)
from wayfinder.support.models import ClinicalDirectorPlan, RequestStatus, SupportRequest


def _network_for(request: HttpRequest, slug: str, allowed: Any) -> Network:
    network = networks_permissions.get_visible_network_or_404(request.user, slug=slug)
    if not allowed(request.user, network):
        raise Http404("No such page")
    return network


def _system_for(request: HttpRequest, system_id: int) -> System:
    return networks_permissions.system_overseen_or_404(request.user, system_id)


# Readiness checklist -----------------------------------------------------------------------------------------


@login_required
def readiness(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = _network_for(request, slug, permissions.can_view_readiness)
    rows = queries.readiness_checklist(network)
    return render(
        request,
        "support/readiness.jinja",
        {
            "network": network,
            "rows": rows,
            "done": sum(1 for row in rows if row.tick is not None),
            "total": len(READINESS_ITEMS),
            "can_edit": permissions.can_edit_readiness(request.user, network),
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def readiness_item(request: AuthenticatedRequest, slug: str, item: str) -> HttpResponse:
    network = _network_for(request, slug, permissions.can_edit_readiness)
    checklist_item = READINESS_BY_KEY.get(item)
    if checklist_item is None:
        raise Http404("No such checklist item")
    tick = next(row.tick for row in queries.readiness_checklist(network) if row.item.key == item)
    back = reverse("support:readiness", kwargs={"slug": network.slug})
    if request.method == "POST" and request.POST.get("action") == "untick":
        services.readiness_untick(network=network, item=item)
        messages.success(request, f"“{checklist_item.title}” is no longer marked as done")
        return redirect(back)
    form = ReadinessTickForm(request.POST or None, initial={"evidence": tick.evidence if tick else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.readiness_tick(
                network=network, item=item, evidence=form.cleaned_data["evidence"], user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{checklist_item.title}” is marked as done")
            return redirect(back)
    crumbs = network_breadcrumbs(network, (back, "Readiness checklist"))
    return render(
        request,
        "support/readiness_item.jinja",
        {"network": network, "item": checklist_item, "tick": tick, "form": form, "breadcrumbs": crumbs},
    )


@login_required
def system_readiness(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    system = _system_for(request, system_id)
    networks = queries.system_readiness(request.user, system)
    return render(
        request,
        "support/system_readiness.jinja",
        {
            "system": system,
            "networks": networks,
            "total": len(READINESS_ITEMS),
            "complete": sum(1 for row in networks if row.done == len(READINESS_ITEMS)),
            "breadcrumbs": breadcrumbs(),
        },
    )


# Support requests --------------------------------------------------------------------------------------------


@login_required
def network_requests(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = _network_for(request, slug, permissions.can_view_support_requests)
    return render(
        request,
        "support/network_requests.jinja",
        {
            "network": network,
            "requests": list(queries.network_requests(network)),
            "can_request": permissions.can_request_support(request.user, network),
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = _network_for(request, slug, permissions.can_request_support)
    form = SupportRequestForm(request.POST or None, dimensions=queries.dimensions_for(network))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            support_request = services.support_request_create(
                network=network,
                requested_by=request.user,
                domain=data["domain"],
                what=data["what"],
                why=data["why"],
                dimensions=data["dimensions"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your request has been sent to {network.system}")
            return redirect(support_request)
    crumbs = network_breadcrumbs(
        network, (reverse("support:network-requests", kwargs={"slug": network.slug}), "Support requests")
    )
    return render(
        request,
        "support/request_form.jinja",
        {"network": network, "form": form, "nav_section": "networks", "breadcrumbs": crumbs},
    )


def _visible_request(request: AuthenticatedRequest, request_id: int) -> SupportRequest:
    support_request = queries.visible_request(request.user, request_id)
    if support_request is None:
        raise Http404("No such support request")
    return support_request


def _request_page(
    request: AuthenticatedRequest,
    support_request: SupportRequest,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    network = support_request.network
    crumbs = network_breadcrumbs(
        network, (reverse("support:network-requests", kwargs={"slug": network.slug}), "Support requests")
    )
    return render(
        request,
        "support/request_detail.jinja",
        {
            "support_request": support_request,
            "network": network,
            "commissions": list(support_request.commissions.all()),
            "dimensions": list(support_request.dimensions.all()),
            "spend_labels": {category.key: category.label for category in SPEND_CATEGORIES},
            "can_decide": permissions.can_decide_support_request(request.user, support_request),
            "decision_form": decision_form or DecisionForm(),
            "nav_section": "networks",
            "breadcrumbs": crumbs,
        },
        status=status,
    )


@login_required
def request_detail(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    return _request_page(request, _visible_request(request, request_id))


@login_required
@require_POST
def request_decide(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    support_request = _visible_request(request, request_id)
    if not permissions.can_decide_support_request(request.user, support_request):
        raise Http404("No such support request")
    form = DecisionForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.support_request_decide(
                support_request=support_request,
                decided_by=request.user,
                decision=decision,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = {"accept": "accepted", "decline": "declined", "deliver": "marked as delivered"}[decision]
            messages.success(request, f"The request has been {done}. We have emailed the network.")
            return redirect(support_request)
    return _request_page(request, support_request, decision_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def commission_create(request: AuthenticatedRequest, request_id: int) -> HttpResponse:
    support_request = _visible_request(request, request_id)
    if not permissions.can_decide_support_request(request.user, support_request):
        raise Http404("No such support request")
    if support_request.status not in (RequestStatus.ACCEPTED, RequestStatus.DELIVERED):
        messages.error(request, "Accept the request before you record the support commissioned for it")
        return redirect(support_request)
    form = CommissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.commissioned_support_record(
                support_request=support_request, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The commissioned support has been recorded")
            return redirect(support_request)
    network = support_request.network
    crumbs = network_breadcrumbs(network, (support_request.get_absolute_url(), "Support request"))
    return render(
        request,
        "support/commission_form.jinja",
        {
            "support_request": support_request,
            "network": network,
            "form": form,
            "categories": SPEND_CATEGORIES,
            "breadcrumbs": crumbs,
        },
        status=400 if form.errors else 200,
    )


@login_required
def system_requests(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    system = _system_for(request, system_id)
    return render(
        request,
        "support/system_requests.jinja",
        {
            "system": system,
            "requests": list(queries.system_requests(request.user, system)),
            "breadcrumbs": breadcrumbs(),
        },
    )


# Clinical Director plans -------------------------------------------------------------------------------------


@login_required
def cd_plans(request: AuthenticatedRequest) -> HttpResponse:
    plans = list(queries.cd_plans_for(request.user))
    own = [plan for plan in plans if plan.person_id == request.user.pk]
    others = [plan for plan in plans if plan.person_id != request.user.pk]
    with_plan = {plan.network_id for plan in own}
    can_start = [network for network in queries.pcns_led_by(request.user) if network.pk not in with_plan]
    return render(
        request,
        "support/cd_plans.jinja",
        {
            "own": own,
            "others": others,
            "can_start": can_start,
            "item_count": len(CD_PLAN_ITEMS),
            "breadcrumbs": breadcrumbs(),
        },
    )


@login_required
@require_POST
def cd_plan_start(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = _network_for(request, slug, permissions.can_start_cd_plan)
    try:
        plan = services.cd_plan_start(person=request.user, network=network)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("support:cd-plans")
    return redirect(plan)


def _visible_plan(request: AuthenticatedRequest, plan_id: int) -> ClinicalDirectorPlan:
    plan = queries.visible_cd_plan(request.user, plan_id)
    if plan is None:
        raise Http404("No such plan")
    return plan


def _plan_crumbs(*links: tuple[str, str]) -> list[dict[str, str]]:
    return breadcrumbs((reverse("support:cd-plans"), "Clinical Director plans"), *links)


@login_required
@require_http_methods(["GET", "POST"])
def cd_plan(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """The plan, and the form for a progress note (which both the Clinical Director and the development lead
    may add)."""
    plan = _visible_plan(request, plan_id)
    form = ProgressForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_add_cd_progress(request.user, plan):
            raise Http404("No such plan")
        if form.is_valid():
            try:
                services.cd_progress_add(plan=plan, author=request.user, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your progress note has been added")
                return redirect(plan)
    return render(
        request,
        "support/cd_plan.jinja",
        {
            "plan": plan,
            "groups": queries.plan_rows(plan),
            "rating_labels": dict(CD_RATING_CHOICES),
            "skill": SKILL,
            "understanding": UNDERSTANDING,
            "domains": list(plan.support_domains.all()),
            "progress": list(plan.progress.all()),
            "form": form,
            "can_edit": permissions.can_edit_cd_plan(request.user, plan),
            "is_own": plan.person_id == request.user.pk,
            "breadcrumbs": _plan_crumbs(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cd_plan_edit(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _visible_plan(request, plan_id)
    if not permissions.can_edit_cd_plan(request.user, plan):
        raise Http404("No such plan")
    initial: dict[str, Any] = {
        "needs": plan.needs,
        "support_notes": plan.support_notes,
        "support_domains": [domain.pk for domain in plan.support_domains.all()],
    }
    initial.update({RATING_FIELD_PREFIX + rating.item: str(rating.rating) for rating in plan.ratings.all()})
    form = CDPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cd_plan_update(
                plan=plan,
                ratings=form.ratings(),
                needs=form.cleaned_data["needs"],
                support_domains=form.cleaned_data["support_domains"],
                support_notes=form.cleaned_data["support_notes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your plan has been saved")
            return redirect(plan)
    return render(
        request,
        "support/cd_plan_edit.jinja",
        {
            "plan": plan,
            "form": form,
            "skills": [item for item in CD_PLAN_ITEMS if item.group == SKILL],
            "understanding": [item for item in CD_PLAN_ITEMS if item.group == UNDERSTANDING],
            "breadcrumbs": _plan_crumbs((plan.get_absolute_url(), "Your plan")),
        },
        status=400 if form.errors else 200,
    )
