"""Pages for "Who is my contact?": the public directory of each system's contacts, and where system leads and the
national team keep them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from wayfinder.accounts.http import AuthenticatedRequest, HtmxRequest
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs
from wayfinder.networks import permissions, queries, services
from wayfinder.networks.forms import ContactForm, ContactSearchForm
from wayfinder.networks.models import System


def directory(request: HtmxRequest) -> HttpResponse:
    form = ContactSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    listings = queries.contacts_directory(request.user, q=filters.get("q", ""), region=filters.get("region"))
    keeps = set(permissions.systems_whose_contacts_user_keeps(request.user).values_list("pk", flat=True))
    context = {
        "form": form,
        "listings": listings,
        "searched": bool(filters.get("q") or filters.get("region")),
        "keeps": keeps,
        "nav_section": "contacts",
        "breadcrumbs": breadcrumbs(),
    }
    template = "networks/contacts/_results.jinja" if request.htmx else "networks/contacts/directory.jinja"
    return render(request, template, context)


def _crumbs(system: System | None = None) -> list[dict[str, str]]:
    trail = [(reverse("contacts:directory"), "Who is my contact?")]
    if system is not None:
        trail.append((reverse("contacts:system", kwargs={"system_id": system.pk}), system.name))
    return breadcrumbs(*trail)


@login_required
@require_http_methods(["GET", "POST"])
def system_contacts(request: AuthenticatedRequest, system_id: int) -> HttpResponse:
    """A system's contacts, for those who keep them: the list, and a form to add one."""
    system = permissions.contacts_system_or_404(request.user, system_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.system_contact_add(system=system, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{contact.name} is now listed as a contact for {system.name}")
            return redirect("contacts:system", system_id=system.pk)
    context = {
        "system": system,
        "contacts": queries.system_contacts(system),
        "form": form,
        "nav_section": "contacts",
        "breadcrumbs": _crumbs(),
    }
    return render(request, "networks/contacts/system.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = permissions.kept_contact_or_404(request.user, contact_id)
    initial = {"name": contact.name, "job_title": contact.job_title, "email": contact.email, "phone": contact.phone}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.system_contact_update(contact=contact, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The details of {contact.name} have been saved")
            return redirect("contacts:system", system_id=contact.system_id)
    context = {"contact": contact, "form": form, "nav_section": "contacts", "breadcrumbs": _crumbs(contact.system)}
    return render(request, "networks/contacts/contact_form.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_remove(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = permissions.kept_contact_or_404(request.user, contact_id)
    if request.method == "POST":
        services.system_contact_remove(contact=contact)
        messages.success(request, f"{contact.name} is no longer listed as a contact for {contact.system.name}")
        return redirect("contacts:system", system_id=contact.system_id)
    context = {"contact": contact, "nav_section": "contacts", "breadcrumbs": _crumbs(contact.system)}
    return render(request, "networks/contacts/contact_remove.jinja", context)
