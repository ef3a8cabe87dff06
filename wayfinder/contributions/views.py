"""Pages for sharing with the hub (choose, fill in, see your contributions) and the "Was this useful?" form.

Views stay thin: parse, check who may do it, call a service or a query, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.contributions import queries, services
from wayfinder.contributions.forms import PLAIN_TEXT_HINT, CaseStudyForm, FeedbackForm, KindForm, ResourceForm
from wayfinder.contributions.models import ContributionKind
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs
from wayfinder.hub.models import HubIndexPage, ResourcePage
from wayfinder.networks.models import Network


def _crumbs(*extra: tuple[str, str]) -> list[dict[str, str]]:
    hub = HubIndexPage.objects.first()
    own = [(hub.url or "/hub/", "Knowledge hub")] if hub is not None else []
    return breadcrumbs(*own, *extra)


def _members_only(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "contributions/members_only.jinja",
        {"nav_section": "hub", "breadcrumbs": _crumbs()},
        status=403,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request: AuthenticatedRequest) -> HttpResponse:
    if not services.can_contribute(request.user):
        return _members_only(request)
    form = KindForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        return redirect("contributions:case-study" if kind == ContributionKind.CASE_STUDY else "contributions:resource")
    return render(
        request, "contributions/contribute.jinja", {"form": form, "nav_section": "hub", "breadcrumbs": _crumbs()}
    )


def _form_page(request: AuthenticatedRequest, form: Any, *, kind: str) -> HttpResponse:
    crumbs = _crumbs((reverse("contributions:contribute"), "Share with the hub"))
    return render(
        request,
        "contributions/contribution_form.jinja",
        {"form": form, "kind": kind, "plain_text_hint": PLAIN_TEXT_HINT, "nav_section": "hub", "breadcrumbs": crumbs},
    )


def _submitted(request: AuthenticatedRequest, title: str) -> HttpResponse:
    messages.success(
        request, f"Thank you. We have sent “{title}” to the hub's editors, who will email you when they decide."
    )
    return redirect("contributions:mine")


@login_required
@require_http_methods(["GET", "POST"])
def contribute_resource(request: AuthenticatedRequest) -> HttpResponse:
    if not services.can_contribute(request.user):
        return _members_only(request)
    form = ResourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contribution = services.contribution_submit_resource(
                contributor=request.user,
                title=data["title"],
                kind=data["kind"],
                summary=data["summary"],
                body=data["body"],
                external_link=data["external_link"],
                dimension_keys=data["dimension_keys"],
                support_domain_keys=data["support_domain_keys"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _submitted(request, contribution.title)
    return _form_page(request, form, kind=ContributionKind.RESOURCE)


@login_required
@require_http_methods(["GET", "POST"])
def contribute_case_study(request: AuthenticatedRequest) -> HttpResponse:
    if not services.can_contribute(request.user):
        return _members_only(request)
    networks = Network.objects.filter(memberships__user=request.user).order_by("name")
    form = CaseStudyForm(request.POST if request.method == "POST" else None, networks=networks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contribution = services.contribution_submit_case_study(
                contributor=request.user,
                title=data["title"],
                network=data["network"],
                summary=data["summary"],
                problem=data["problem"],
                what_they_did=data["what_they_did"],
                what_changed=data["what_changed"],
                contact=data["contact"],
                dimension_keys=data["dimension_keys"],
                support_domain_keys=data["support_domain_keys"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _submitted(request, contribution.title)
    return _form_page(request, form, kind=ContributionKind.CASE_STUDY)


@login_required
def my_contributions(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "contributions/my_contributions.jinja",
        {
            "contributions": list(queries.contributions_of(request.user)),
            "can_contribute": services.can_contribute(request.user),
            "nav_section": "hub",
            "breadcrumbs": _crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, page_id: int) -> HttpResponse:
    """The "Was this useful?" form: posted from the resource page, shown on its own page only to correct an
    error or change an earlier answer."""
    page = ResourcePage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404("No such resource")
    user = request.user if request.user.is_authenticated else None
    earlier = queries.feedback_of(request.user, page)
    initial = {"useful": "yes" if earlier.useful else "no", "comment": earlier.comment} if earlier else None
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _, created = services.feedback_record(
                page=page,
                user=user,  # type: ignore[arg-type]
                useful=form.cleaned_data["useful"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Thank you for your feedback." if created else "Thank you. We have updated your feedback.",
            )
            return redirect(page.url or "/hub/")
    return render(
        request,
        "contributions/feedback.jinja",
        {
            "page": page,
            "form": form,
            "earlier": earlier,
            "nav_section": "hub",
            "breadcrumbs": _crumbs((page.url or "", page.title)),
        },
    )
