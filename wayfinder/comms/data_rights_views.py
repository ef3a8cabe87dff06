"""Pages for my data: ask for a copy, download it once, delete the account; and the site admins' log of data
requests, from which they act on someone's behalf."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.comms import data_rights
from wayfinder.comms.data_rights_forms import ConfirmErasureForm, DeleteAccountForm, OnBehalfForm
from wayfinder.comms.data_rights_models import DataRequest
from wayfinder.core.downloads import download_response
from wayfinder.core.views import breadcrumbs

LOG_PAGE_SIZE = 50


def _crumbs(*links: tuple[str, str]) -> list[dict[str, str]]:
    return breadcrumbs((reverse("accounts:profile"), "Your profile"), *links)


@login_required
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    latest = data_rights.latest_export(request.user)
    context = {
        "latest": latest,
        "link_works": latest is not None
        and latest.status == "ready"
        and latest.expires_at is not None
        and latest.expires_at > timezone.now(),
        "nav_section": "profile",
        "breadcrumbs": _crumbs(),
    }
    return render(request, "comms/data_rights/my_data.jinja", context)


@login_required
@require_POST
def export_request(request: AuthenticatedRequest) -> HttpResponse:
    data_rights.data_export_request(user=request.user, requested_by=request.user)
    messages.success(request, "We are preparing your data. We will email you a link to download it.")
    return redirect("rights:my-data")


@login_required
@require_http_methods(["GET", "POST"])
def download(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links, and the link works once); POST hands over the ZIP."""
    context: dict[str, Any] = {
        "nav_section": "profile",
        "breadcrumbs": _crumbs((reverse("rights:my-data"), "Your data")),
        "error_text": "",
    }
    try:
        if request.method == "POST":
            archive = data_rights.data_export_download(user=request.user, token=token)
            name = f"wayfinder-data-{timezone.localdate().isoformat()}.zip"
            return download_response(archive, "application/zip", name)
        context["export"] = data_rights.export_for_token(user=request.user, token=token)
    except ValidationError as error:
        context["error_text"] = " ".join(error.messages)
        return render(request, "comms/data_rights/download.jinja", context, status=400)
    return render(request, "comms/data_rights/download.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    blockers = data_rights.erasure_blockers(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        user = request.user
        try:
            data_rights.account_erase(user=user, requested_by=user)
        except ValidationError as error:
            blockers = error.messages
        else:
            logout(request)
            return redirect("rights:deleted")
    context = {
        "form": form,
        "blockers": blockers,
        "nav_section": "profile",
        "breadcrumbs": _crumbs((reverse("rights:my-data"), "Your data")),
    }
    return render(request, "comms/data_rights/delete.jinja", context)


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "comms/data_rights/deleted.jinja", {})


# Site admins -------------------------------------------------------------------------------------------------


def _admin_only(request: HttpRequest) -> None:
    if not data_rights.can_manage_data_requests(request.user):
        raise Http404("No such page")


@login_required
@require_http_methods(["GET", "POST"])
def request_log(request: AuthenticatedRequest) -> HttpResponse:
    _admin_only(request)
    form = OnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            form.add_error("email", "No one has an account with this email address")
        elif form.cleaned_data["kind"] == "export":
            data_rights.data_export_request(user=person, requested_by=request.user)
            messages.success(request, f"We are preparing the data of {person.email}. We will email them a link.")
            return redirect("rights:log")
        else:
            return redirect("rights:erase", user_id=person.pk)
    entries = DataRequest.objects.defer("archive").select_related("requested_by")
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "nav_section": "data-requests", "breadcrumbs": breadcrumbs()}
    return render(request, "comms/data_rights/log.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def erase_on_behalf(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    _admin_only(request)
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        raise Http404("No such person")
    blockers = data_rights.erasure_blockers(person)
    form = ConfirmErasureForm(request.POST or None)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            data_rights.account_erase(user=person, requested_by=request.user)
        except ValidationError as error:
            blockers = error.messages
        else:
            messages.success(request, "The account has been deleted. The log below keeps only its number.")
            return redirect("rights:log")
    context = {
        "person": person,
        "form": form,
        "blockers": blockers,
        "nav_section": "data-requests",
        "breadcrumbs": breadcrumbs((reverse("rights:log"), "Data requests")),
    }
    return render(request, "comms/data_rights/erase_on_behalf.jinja", context)
