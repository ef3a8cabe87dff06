"""The learner's pages under /learning/ (their learning, the counts a lead sees) and the form posts the unit and
module pages send (enrol, save answers, mark complete), with the workbook and certificate downloads.

The programme, module and unit pages themselves are Wagtail pages at /hub/learning/...; these views answer their
forms and send the learner back there. Everything a learner wrote is read for the person asking only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.certificates.queries import certificates_for
from wayfinder.core.downloads import download_response
from wayfinder.core.views import breadcrumbs
from wayfinder.learning import permissions, queries, recommend, services, workbook
from wayfinder.learning.models import ModulePage, UnitPage
from wayfinder.support.content import CD_PLAN_ITEMS, CD_RATING_CHOICES
from wayfinder.support.models import ClinicalDirectorPlan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _module_or_404(module_id: int) -> ModulePage:
    module = ModulePage.objects.live().filter(pk=module_id).first()
    if module is None:
        raise Http404("No such module")
    return module


def _unit_or_404(unit_id: int) -> UnitPage:
    unit = UnitPage.objects.live().filter(pk=unit_id).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def _errors(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def home(request: HttpRequest) -> HttpResponse:
    """Learning: the programmes, the person's own modules and progress, and units for their Clinical Director
    plan."""
    user = request.user
    context: dict[str, Any] = {
        "index": queries.learning_index(),
        "programmes": queries.programmes_listed(user),
        "nav_section": "learning",
        "breadcrumbs": breadcrumbs(),
    }
    if user.is_authenticated:
        plans = list(ClinicalDirectorPlan.objects.filter(person=user).prefetch_related("ratings", "support_domains"))
        context["mine"] = queries.my_learning(user)
        context["has_cd_plan"] = bool(plans)
        context["for_cd_plan"] = recommend.for_cd_plans(
            plans, {item.key: item.title for item in CD_PLAN_ITEMS}, dict(CD_RATING_CHOICES)
        )
        context["can_see_counts"] = permissions.can_see_counts(user)
        context["certificates"] = list(certificates_for(user, key_prefix="learning:"))
    return render(request, "learning/home.jinja", context)


@require_GET
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit by its id, for links made without looking up the site (recommendations): on to its page."""
    return redirect(_unit_or_404(unit_id).url)


@login_required
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    """Counts for the networks and systems a person leads: how many are enrolled, part way and done, per module."""
    groups = permissions.groups_for(request.user)
    if not groups:
        raise Http404("No such page")
    modules = queries.live_modules()
    return render(
        request,
        "learning/people.jinja",
        {
            "groups": [(group, queries.counts_for_people(group.people, modules)) for group in groups],
            "nav_section": "learning",
            "breadcrumbs": breadcrumbs((reverse("learning:home"), "Learning")),
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _module_or_404(module_id)
    try:
        services.enrolment_start(person=request.user, module=module)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        return redirect(module.url)
    messages.success(request, f"You are enrolled on {module.title}")
    first = UnitPage.objects.live().child_of(module).order_by("path").first()
    return redirect(first.url if first is not None and request.POST.get("start") else module.url)


def _unit_page(request: HttpRequest, unit: UnitPage, errors: list[str], status: int = 400) -> HttpResponse:
    """The unit page again, with what went wrong at the top (the form post that failed, without JavaScript)."""
    context = unit.get_context(request)
    context["errors"] = errors
    # Keep what the learner typed: the answers shown are those just posted.
    context["posted"] = request.POST
    return TemplateResponse(request, unit.get_template(request), context, status=status)


@login_required
@require_POST
def answers(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Save the unit's answers: the whole form (plain post), or one activity as the learner goes (htmx)."""
    unit = _unit_or_404(unit_id)
    try:
        saved = services.answers_save(person=request.user, unit=unit, data=request.POST)
    except ValidationError as error:
        if request.headers.get("HX-Request"):
            return render(request, "learning/_saved.jinja", {"errors": _errors(error), "unit": unit}, status=200)
        return _unit_page(request, unit, _errors(error))
    if request.headers.get("HX-Request"):
        return render(request, "learning/_saved.jinja", {"errors": [], "saved": saved, "unit": unit})
    if request.POST.get("complete"):
        return complete(request, unit_id)
    messages.success(request, "Your answers are saved")
    return redirect(f"{unit.url}#activities")


@login_required
@require_POST
def complete(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit_or_404(unit_id)
    try:
        result = services.unit_complete(person=request.user, unit=unit)
    except ValidationError as error:
        return _unit_page(request, unit, _errors(error))
    module = unit.get_parent()
    if result.module_completed:
        messages.success(request, f"You have completed {module.title}. Your certificate is ready to download.")
        return redirect(module.url)
    next_unit = UnitPage.objects.live().child_of(module).filter(path__gt=unit.path).order_by("path").first()
    messages.success(request, f"{unit.title} is complete")
    return redirect(next_unit.url if next_unit is not None else module.url)


@login_required
@require_GET
def workbook_download(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    """The learner's own workbook for a module, with their answers (blank where they have none)."""
    module = _module_or_404(module_id)
    content = workbook.module_docx(
        module, queries.workbook_units(module, request.user), learner_name=request.user.display_name
    )
    return download_response(content, DOCX, workbook.filename(module))


@login_required
@require_GET
def certificate(request: HttpRequest, module_id: int) -> HttpResponse:
    """The learner's certificate for a module they completed (issued once; the same one after that)."""
    module = _module_or_404(module_id)
    enrolment = module.enrolments.filter(person=request.user, completed_at__isnull=False).first()
    if enrolment is None:
        raise Http404("No certificate yet")
    cert = services.module_certificate(person=request.user, module=module, enrolment=enrolment)
    return redirect(cert.pdf_url)
