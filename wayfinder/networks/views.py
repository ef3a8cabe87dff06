"""Pages for networks: home, the directory, a network's page, joining, invitations and members.

Views stay thin: parse, ask the permission policy, call a service or a query, render.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from markupsafe import Markup

from wayfinder.accounts.http import AuthenticatedRequest, HtmxRequest
from wayfinder.accounts.models import User
from wayfinder.core import generations, panels
from wayfinder.core import home as home_registry
from wayfinder.core import permissions as core_permissions
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs, network_breadcrumbs
from wayfinder.networks import caching, permissions, queries, services
from wayfinder.networks.forms import (
    DecisionForm,
    DirectoryFilterForm,
    InviteForm,
    JoinRequestForm,
    NetworkCreateForm,
    NetworkForm,
    RoleForm,
)
from wayfinder.networks.models import Invitation, JoinRequest, Membership, Network

DIRECTORY_PAGE_SIZE = 25
MEMBERS_PAGE_SIZE = 50


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"nav_section": "home"}
    if request.user.is_authenticated:
        context["signed_in"] = home_drawn(request.user)
    return render(request, "networks/home.jinja", context)


def home_drawn(user: User) -> Markup:
    """A signed-in person's home, drawn once and kept in the shared cache under their own generations: the
    person's (their appointments) and their home's, which every change it shows renews (networks.caching: their
    memberships, join requests, ratings and rounds, the networks they belong to, what they lead). Kept for today
    only, as what is due changes with the date."""
    today = timezone.localdate()

    def draw() -> str:
        return render_to_string("networks/_home_signed_in.jinja", queries.home_for(user))

    html = generations.cached(
        "networks:home",
        [core_permissions.person_generation_key(user.pk), home_registry.home_generation_key(user.pk)],
        (user.pk, today),
        draw,
        home_registry.HOME_SECONDS,
    )
    return Markup(html)  # noqa: S704 - drawn by an autoescaping Jinja template


def directory(request: HtmxRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    networks = queries.directory(request.user, **filters)
    page = Paginator(networks, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = queries.with_member_counts(list(page.object_list))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query_without_page.urlencode(),
        "nav_section": "networks",
        "breadcrumbs": breadcrumbs(),
        "can_create": permissions.can(request.user, "network.create"),
    }
    template = "networks/_directory_results.jinja" if request.htmx else "networks/directory.jinja"
    return render(request, template, context)


@dataclass(frozen=True)
class DrawnNetwork:
    """What a network's page shows every viewer, kept in the shared cache under the network's generation."""

    member_count: int
    about: Markup
    members: Markup  # shown only to people who may see the members
    waiting_requests: int  # requests to join waiting for a decision: shown only to those who manage members
    system_name: str  # "" when the network is in no system
    # The page's addresses, the same for every viewer (each shown only to those it is for).
    addresses: dict[str, str]


# The pages a network's page links to, by the name it uses for each; each takes the network's slug.
NETWORK_ADDRESSES = {
    "join": "networks:join",
    "members": "networks:members",
    "edit": "networks:edit",
    "invite": "networks:invite",
    "leave": "networks:leave",
    "rounds": "assessments:network-rounds",
    "plans": "plans:network-plans",
    "round_open": "assessments:round-open",
}


def draw_network(network: Network) -> DrawnNetwork:
    """What every viewer sees; pass the network read with its system, region and place."""
    member_count = network.memberships.count()
    addresses = {name: reverse(view, kwargs={"slug": network.slug}) for name, view in NETWORK_ADDRESSES.items()}
    contacts = reverse("contacts:directory")
    # Quoted as Jinja's urlencode filter quotes (a space is %20), as the page linked before.
    addresses["contacts"] = f"{contacts}?q={quote(network.system.name, safe='/')}" if network.system else contacts
    context = {
        "network": network,
        "organisations": list(network.organisations.order_by("name")),
        "member_count": member_count,
        "members": queries.members_preview(network),
    }
    return DrawnNetwork(
        member_count=member_count,
        # Safe: drawn by autoescaping Jinja templates.
        about=Markup(render_to_string("networks/_detail_about.jinja", context)),  # noqa: S704
        members=Markup(render_to_string("networks/_detail_members.jinja", context)),  # noqa: S704
        waiting_requests=queries.pending_requests_count(network),
        system_name=network.system.name if network.system is not None else "",
        addresses=addresses,
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The network alone: its system, region and place show only in the drawn parts.
    network = permissions.get_visible_network_or_404(request.user, related=(), slug=slug)
    user = request.user
    role = permissions.network_role(user, network)
    show_members = permissions.can_view_members(user, network)
    can_manage = permissions.can_manage_members(user, network)
    # Asking to join and deciding a request name the network, so its generation covers the requests waiting too.
    drawn = generations.cached(
        "networks:page",
        [caching.network_generation_key(network.pk)],
        network.pk,
        # Drawn from the network read again with what only the drawn parts show (one query, when drawn).
        lambda: draw_network(permissions.get_visible_network_or_404(user, pk=network.pk)),
        caching.NETWORK_SECONDS,
    )
    context = {
        "network": network,
        "drawn": drawn,
        "role": role,
        "role_label": dict(Membership._meta.get_field("role").choices or []).get(role, ""),
        "member_count": drawn.member_count,
        "show_members": show_members,
        "can_join": permissions.can_join_at_once(user, network),
        "can_request": permissions.can_request_to_join(user, network),
        "asked_on": permissions.asked_to_join_on(user, network),
        "can_leave": permissions.can_leave(user, network),
        "can_manage": can_manage,
        "can_invite": permissions.can_invite(user, network),
        "can_edit": permissions.can_edit_network(user, network),
        "waiting_requests": drawn.waiting_requests if can_manage else 0,
        "panels": panels.panels_for(
            panels.Place(
                page="network",
                user=user,
                network_id=network.pk,
                network_slug=network.slug,
                network_name=network.name,
                role=role or "",
                network=network,
            )
        ),
        "nav_section": "networks",
        "breadcrumbs": network_breadcrumbs(),
    }
    return render(request, "networks/detail.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: AuthenticatedRequest) -> HttpResponse:
    pcn_systems = permissions.systems_for_new_pcn(request.user)
    can_pcn = pcn_systems.exists()
    form = NetworkCreateForm(request.POST or None, can_create_pcn=can_pcn)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = services.network_create(
                user=request.user,
                name=data["name"],
                network_type=data["network_type"],
                stage=data["stage"],
                privacy=data["privacy"],
                description=data.get("description", ""),
                population=data.get("population"),
                system=data.get("system"),
                is_pcn=bool(data.get("is_pcn")),
                code=data.get("code") or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{network.name} has been created. You are its lead.")
            return redirect(network)
    return render(
        request,
        "networks/network_form.jinja",
        {"form": form, "creating": True, "nav_section": "networks", "breadcrumbs": network_breadcrumbs()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_edit_network(request.user, network):
        raise Http404("No such network")
    form = NetworkForm(request.POST or None, instance=Network.objects.get(pk=network.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(network=network, **{k: form.cleaned_data[k] for k in NetworkForm.Meta.fields})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The network's details have been saved")
            return redirect(network)
    return render(
        request,
        "networks/network_form.jinja",
        {
            "form": form,
            "network": network,
            "creating": False,
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if permissions.can_join_at_once(request.user, network):
        if request.method == "POST":
            try:
                services.network_join(user=request.user, network=network)
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, f"You have joined {network.name}")
            return redirect(network)
        return render(
            request,
            "networks/join_confirm.jinja",
            {"network": network, "breadcrumbs": network_breadcrumbs(network), "nav_section": "networks"},
        )
    if not permissions.can_request_to_join(request.user, network):
        messages.error(request, "You cannot join this network from here. Its leads can invite you.")
        return redirect(network)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(user=request.user, network=network, message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, f"Your request has been sent. We will email you when a lead of {network.name} decides."
            )
            return redirect(network)
    return render(
        request,
        "networks/join_request.jinja",
        {"network": network, "form": form, "breadcrumbs": network_breadcrumbs(network), "nav_section": "networks"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_leave(request.user, network):
        raise Http404("No such membership")
    error_text = ""
    if request.method == "POST":
        try:
            services.network_leave(user=request.user, network=network)
        except ValidationError as error:
            error_text = _error_text(error)
        else:
            messages.success(request, f"You have left {network.name}")
            return redirect("home")
    return render(
        request,
        "networks/leave_confirm.jinja",
        {
            "network": network,
            "error_text": error_text,
            "breadcrumbs": network_breadcrumbs(network),
            "nav_section": "networks",
        },
    )


@login_required
def members(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_view_members(request.user, network):
        raise Http404("No such network")
    can_manage = permissions.can_manage_members(request.user, network)
    page = Paginator(queries.members(network), MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "network": network,
        "page": page,
        "can_manage": can_manage,
        "can_invite": permissions.can_invite(request.user, network),
        "join_requests": queries.pending_requests(network) if can_manage else [],
        "invitations": queries.pending_invitations(network) if permissions.can_invite(request.user, network) else [],
        "role_choices": RoleForm.base_fields["role"].choices,  # type: ignore[attr-defined]
        "nav_section": "networks",
        "breadcrumbs": network_breadcrumbs(network),
    }
    return render(request, "networks/members.jinja", context)


def _managed_membership(request: AuthenticatedRequest, slug: str, membership_id: int) -> tuple[Network, Membership]:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_manage_members(request.user, network):
        raise Http404("No such network")
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_id, network=network)
    return network, membership


@login_required
@require_POST
def member_role(request: AuthenticatedRequest, slug: str, membership_id: int) -> HttpResponse:
    network, membership = _managed_membership(request, slug, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role from the list")
    else:
        try:
            updated = services.membership_change_role(
                membership=membership, role=form.cleaned_data["role"], changed_by=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, f"{membership.user.display_name} is now {updated.get_role_display().lower()}")
    return redirect("networks:members", slug=network.slug)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: AuthenticatedRequest, slug: str, membership_id: int) -> HttpResponse:
    network, membership = _managed_membership(request, slug, membership_id)
    error_text = ""
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, removed_by=request.user)
        except ValidationError as error:
            error_text = _error_text(error)
        else:
            messages.success(request, f"{membership.user.display_name} has been removed from the network")
            return redirect("networks:members", slug=network.slug)
    return render(
        request,
        "networks/member_remove.jinja",
        {
            "network": network,
            "membership": membership,
            "error_text": error_text,
            "breadcrumbs": network_breadcrumbs(network),
            "nav_section": "networks",
        },
    )


@login_required
@require_POST
def join_request_decide(request: AuthenticatedRequest, slug: str, request_id: int) -> HttpResponse:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_manage_members(request.user, network):
        raise Http404("No such network")
    join_request = get_object_or_404(JoinRequest.objects.select_related("user"), pk=request_id, network=network)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to approve or decline the request")
        return redirect("networks:members", slug=network.slug)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.join_request_decide(
            join_request=join_request,
            decided_by=request.user,
            approve=approve,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        verb = "approved. They are now a member" if approve else "declined"
        messages.success(request, f"{join_request.user.display_name}'s request was {verb}. We have emailed them.")
    return redirect("networks:members", slug=network.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_invite(request.user, network):
        raise Http404("No such network")
    form = InviteForm(request.POST or None, roles=permissions.roles_to_invite_as(request.user, network))
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                network=network,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"We have emailed an invitation to {form.cleaned_data['email']}")
            return redirect("networks:members", slug=network.slug)
    return render(
        request,
        "networks/invite.jinja",
        {"network": network, "form": form, "breadcrumbs": network_breadcrumbs(network), "nav_section": "networks"},
    )


@login_required
@require_POST
def invitation_revoke(request: AuthenticatedRequest, slug: str, invitation_id: int) -> HttpResponse:
    network = permissions.get_visible_network_or_404(request.user, slug=slug)
    if not permissions.can_invite(request.user, network):
        raise Http404("No such network")
    invitation = get_object_or_404(Invitation, pk=invitation_id, network=network)
    try:
        services.invitation_revoke(invitation=invitation)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"The invitation to {invitation.email} has been withdrawn")
    return redirect("networks:members", slug=network.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    context: dict[str, Any] = {"token": token, "nav_section": "networks"}
    try:
        invitation = services.invitation_find(token=token)
    except ValidationError as error:
        context["error_text"] = _error_text(error)
        return render(request, "networks/invitation.jinja", context, status=400)
    context["invitation"] = invitation
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(token=token, user=request.user)
        except ValidationError as error:
            context["error_text"] = _error_text(error)
            return render(request, "networks/invitation.jinja", context, status=400)
        messages.success(request, f"Welcome to {invitation.network.name}. You are now a member.")
        return redirect(invitation.network)
    return render(request, "networks/invitation.jinja", context)
