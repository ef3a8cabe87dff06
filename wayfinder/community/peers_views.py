"""Pages for peers to learn from: a network's contact requests and what it shares, asking a network to get in
touch, and answering. For network leads only; anything else answers 404. Plain form POSTs throughout."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.community import peers_permissions as permissions
from wayfinder.community import peers_queries as queries
from wayfinder.community import peers_services as services
from wayfinder.community.peers_forms import AnswerForm, ContactForm, SharingForm
from wayfinder.community.peers_models import ContactStatus, PeerSharing
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import network_breadcrumbs
from wayfinder.frameworks.models import Dimension, FrameworkKind
from wayfinder.networks.models import Network


def _peers_url(network: Network) -> str:
    return reverse("community:peers", kwargs={"slug": network.slug})


def _dimension_choices(network: Network) -> list[tuple[str, str]]:
    """The dimensions of the matrices the network has been assessed on, named as in the latest version."""
    names: dict[str, str] = {}
    rows = (
        Dimension.objects.filter(version__rounds__network=network)
        .exclude(version__framework__kind=FrameworkKind.SURVEY)
        .order_by("version__framework__name", "-version__number", "position")
        .values_list("key", "name")
    )
    for key, name in rows:
        names.setdefault(key, name)
    return list(names.items())


@login_required
def peers(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.lead_network_or_404(request.user, slug)
    received, sent = queries.network_contacts(network)
    return render(
        request,
        "community/peers/network.jinja",
        {
            "network": network,
            "sharing": PeerSharing.objects.filter(network=network).first(),
            "dimension_names": dict(_dimension_choices(network)),
            "received": received,
            "sent": sent,
            "nav_section": "networks",
            "breadcrumbs": network_breadcrumbs(network),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = permissions.lead_network_or_404(request.user, slug)
    current = PeerSharing.objects.filter(network=network).first()
    initial = {
        "contactable": "yes" if current and current.contactable else "no",
        "dimension_keys": current.dimension_keys if current else [],
        "note": current.note if current else "",
    }
    form = SharingForm(request.POST or None, initial=initial, dimensions=_dimension_choices(network))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.peer_sharing_save(
                network=network,
                user=request.user,
                contactable=data["contactable"] == "yes",
                dimension_keys=data["dimension_keys"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "What your network shares with other networks is saved")
            return redirect(_peers_url(network))
    crumbs = network_breadcrumbs(network, (_peers_url(network), "Peers to learn from"))
    return render(
        request,
        "community/peers/sharing.jinja",
        {"network": network, "form": form, "nav_section": "networks", "breadcrumbs": crumbs},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_send(request: AuthenticatedRequest, slug: str, peer: str) -> HttpResponse:
    network = permissions.lead_network_or_404(request.user, slug)
    if not permissions.can_look_for_peers(request.user, network):
        raise Http404("No such page")
    other = permissions.contactable_network_or_404(peer)
    if other.pk == network.pk:
        raise Http404("No such page")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.peer_contact_send(
                from_network=network, to_network=other, user=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Your request has gone to the lead of {other.name}. We will email you their answer."
            )
            return redirect("community:peer-contact", contact_id=contact.pk)
    crumbs = network_breadcrumbs(network, (_peers_url(network), "Peers to learn from"))
    return render(
        request,
        "community/peers/contact_form.jinja",
        {"network": network, "other": other, "form": form, "nav_section": "networks", "breadcrumbs": crumbs},
        status=400 if form.errors else 200,
    )


@login_required
def contact(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    found = permissions.contact_or_404(request.user, contact_id)
    mine = found.from_network if permissions.is_lead(request.user, found.from_network) else found.to_network
    crumbs = network_breadcrumbs(mine, (_peers_url(mine), "Peers to learn from"))
    return render(
        request,
        "community/peers/contact.jinja",
        {
            "contact": found,
            "asking": mine.pk == found.from_network_id,
            "can_answer": permissions.can_answer_contact(request.user, found),
            "accepted": found.status == ContactStatus.ACCEPTED,
            "nav_section": "networks",
            "breadcrumbs": crumbs,
        },
    )


@login_required
@require_POST
def contact_answer(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    found = permissions.contact_or_404(request.user, contact_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose accept or decline")
    else:
        accept = form.cleaned_data["answer"] == "accept"
        try:
            services.peer_contact_answer(contact=found, user=request.user, accept=accept)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = "You accepted. You can now see each other's contact details." if accept else "You declined."
            messages.success(request, done)
    return redirect("community:peer-contact", contact_id=found.pk)
