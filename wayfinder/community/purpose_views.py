"""Pages for shared purpose: the network's statements and votes, and the forms that change them.

Everything here is for the network's members: anyone else gets 404. Each action is a plain form POST that comes
back to the page, so it all works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.community import purpose_permissions as permissions
from wayfinder.community import purpose_queries as queries
from wayfinder.community import purpose_services as services
from wayfinder.community.purpose_forms import CommentForm, StatementForm
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import network_breadcrumbs
from wayfinder.networks.models import Network


def _page_url(network: Network) -> str:
    return reverse("community:purpose", kwargs={"slug": network.slug})


def _render_page(
    request: AuthenticatedRequest,
    network: Network,
    *,
    form: StatementForm | None = None,
    comment_form: CommentForm | None = None,
    comment_on: int | None = None,
    status: int = 200,
) -> HttpResponse:
    ballots = queries.purpose_page(network, request.user)
    current = ballots[0] if ballots and not ballots[0].ballot.is_closed else None
    # One comment form per statement, each with its own prefix so the fields' ids differ.
    comment_forms = {
        row.statement.pk: CommentForm(prefix=f"comment-{row.statement.pk}")
        for ballot in ballots
        if not ballot.ballot.is_closed
        for row in ballot.statements
    }
    if comment_form is not None and comment_on is not None:
        comment_forms[comment_on] = comment_form
    return render(
        request,
        "community/purpose/page.jinja",
        {
            "network": network,
            "ballots": ballots,
            "current": current,
            "earlier": ballots[1:] if current else ballots,
            "form": form or StatementForm(),
            "comment_forms": comment_forms,
            "can_take_part": permissions.can_take_part(request.user, network),
            "can_run": permissions.can_run_purpose_vote(request.user, network),
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def purpose(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The page, and proposing a statement on it."""
    network = permissions.purpose_network_or_404(request.user, slug)
    if request.method == "GET":
        return _render_page(request, network)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            services.purpose_propose(network=network, user=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your purpose statement has been added")
            return redirect(_page_url(network))
    return _render_page(request, network, form=form, status=400)


@login_required
@require_POST
def comment(request: AuthenticatedRequest, slug: str, statement_id: int) -> HttpResponse:
    network = permissions.purpose_network_or_404(request.user, slug)
    statement = permissions.statement_or_404(request.user, network, statement_id)
    form = CommentForm(request.POST, prefix=f"comment-{statement.pk}")
    if form.is_valid():
        try:
            services.purpose_comment(statement=statement, user=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your comment has been added")
            return redirect(f"{_page_url(network)}#statement-{statement.pk}")
    return _render_page(request, network, comment_form=form, comment_on=statement.pk, status=400)


def _act(request: AuthenticatedRequest, network: Network, action: Callable[[], object], done: str) -> HttpResponse:
    """Run a service that takes no form; its refusal is shown as a message at the top of the page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(_page_url(network))


@login_required
@require_POST
def vote(request: AuthenticatedRequest, slug: str, statement_id: int) -> HttpResponse:
    network = permissions.purpose_network_or_404(request.user, slug)
    statement = permissions.statement_or_404(request.user, network, statement_id)
    return _act(
        request, network, lambda: services.purpose_vote(statement=statement, user=request.user), "Your vote is saved"
    )


@login_required
@require_POST
def voting_open(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.purpose_network_or_404(request.user, slug)
    return _act(
        request,
        network,
        lambda: services.purpose_voting_open(network=network, user=request.user),
        "The vote is open. Members can now vote for one statement each.",
    )


@login_required
@require_POST
def voting_close(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.purpose_network_or_404(request.user, slug)
    return _act(
        request,
        network,
        lambda: services.purpose_voting_close(network=network, user=request.user),
        "The vote has closed. You can now adopt a statement.",
    )


@login_required
@require_POST
def adopt(request: AuthenticatedRequest, slug: str, statement_id: int) -> HttpResponse:
    network = permissions.purpose_network_or_404(request.user, slug)
    statement = permissions.statement_or_404(request.user, network, statement_id)
    return _act(
        request,
        network,
        lambda: services.purpose_adopt(statement=statement, user=request.user),
        "The statement is adopted. It now shows on the network's page.",
    )
