"""A person's personal API tokens: the list, creating one (its secret shown once) and revoking one; and the API
reference page, made from the OpenAPI document."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.api import queries, reference, services
from wayfinder.api.api import api
from wayfinder.api.forms import TokenCreateForm
from wayfinder.api.models import ApiToken

NAV = "profile"


def _crumbs(*, to_list: bool) -> list[dict[str, str]]:
    crumbs = [{"href": reverse("accounts:profile"), "text": "Your profile"}]
    if to_list:
        crumbs.append({"href": reverse("api-tokens:list"), "text": "API tokens"})
    return crumbs


def _status(token: ApiToken, now: Any) -> tuple[str, str]:
    """The token's state in words and the tag colour it is shown with."""
    if token.revoked_at is not None:
        return "Revoked", "grey"
    if token.is_expired(now):
        return "Expired", "grey"
    return "Active", "green"


@login_required
@require_GET
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    now = timezone.now()
    tokens = [
        {"token": token, "status": status, "colour": colour, "active": status == "Active"}
        for token in queries.tokens_of(request.user)
        for status, colour in [_status(token, now)]
    ]
    return render(
        request,
        "api/tokens/list.jinja",
        {
            "tokens": tokens,
            "may_create": services.two_factor_satisfied(request.user),
            "nav_section": NAV,
            "breadcrumbs": _crumbs(to_list=False),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    may_create = services.two_factor_satisfied(request.user)
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and may_create and form.is_valid():
        try:
            token, secret = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"], expires_in_days=form.expires_in_days()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The secret is in this response and nowhere else: not in the session, a message or a log.
            response = render(
                request,
                "api/tokens/created.jinja",
                {"token": token, "secret": secret, "nav_section": NAV, "breadcrumbs": _crumbs(to_list=True)},
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "api/tokens/create.jinja",
        {"form": form, "may_create": may_create, "nav_section": NAV, "breadcrumbs": _crumbs(to_list=True)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = queries.token_of_or_404(request.user, token_id)
    if token.revoked_at is not None:
        messages.success(request, f"The token “{token.name}” was already revoked")
        return redirect("api-tokens:list")
    if request.method == "POST":
        services.api_token_revoke(token=token)
        messages.success(request, f"The token “{token.name}” has been revoked. It no longer works.")
        return redirect("api-tokens:list")
    return render(
        request,
        "api/tokens/revoke_confirm.jinja",
        {"token": token, "nav_section": NAV, "breadcrumbs": _crumbs(to_list=True)},
    )


@cache
def _reference() -> reference.Reference:
    # The document is the same for everyone and changes only with the code, so each process works it out once.
    return reference.reference_from(api.get_openapi_schema())


@require_GET
def api_reference(request: HttpRequest) -> HttpResponse:
    """The API's operations and data shapes as an NHS.UK page, for everyone: the document itself is public."""
    return render(
        request,
        "api/reference.jinja",
        {"reference": _reference(), "openapi_url": reverse("api:openapi-json")},
    )
