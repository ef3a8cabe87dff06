"""Pages for events: the lists, an event's page with registering, organising, the waiting list, calendar files and
a person's calendar feed.

Views stay thin: parse, fetch through a scoped selector (anything a person may not see answers 404), call a service
or a query, render. Every action is a plain form POST; nothing needs JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.core.forms import add_service_errors
from wayfinder.core.links import absolute_url
from wayfinder.core.views import breadcrumbs
from wayfinder.events import calendar, permissions, queries, services
from wayfinder.events.forms import CancelForm, EventForm
from wayfinder.events.models import Event, EventStatus, Registration, RegistrationStatus
from wayfinder.networks.models import Network, System

NAV = "events"


def _crumbs(*links: tuple[str, str]) -> list[dict[str, str]]:
    return breadcrumbs((reverse("events:list"), "Events"), *links)


def _listing(request: HttpRequest, *, past: bool) -> HttpResponse:
    filters = queries.Filters.from_query(request.GET)
    listing = queries.event_list(request.user, past=past, filters=filters)
    return render(
        request,
        "events/list.jinja",
        {
            "listing": listing,
            "filters": filters,
            "choices": queries.filter_choices(),
            "past": past,
            "can_create": permissions.can_create_event(request.user),
            "organised": queries.drafts_for(request.user) if not past and request.user.is_authenticated else [],
            "mine": queries.my_events(request.user) if not past and request.user.is_authenticated else [],
            "nav_section": NAV,
            "breadcrumbs": breadcrumbs() if not past else _crumbs(),
        },
    )


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return _listing(request, past=False)


@require_GET
def past_list(request: HttpRequest) -> HttpResponse:
    return _listing(request, past=True)


def _page(request: HttpRequest, event: Event, status: int = 200) -> HttpResponse:
    user = request.user
    registration = queries.own_registration(user, event)
    active = registration if registration and registration.status != RegistrationStatus.CANCELLED else None
    now = timezone.now()
    return render(
        request,
        "events/detail.jinja",
        {
            "event": event,
            "registration": active,
            "counts": queries.counts(event),
            "tags": queries.tag_names(event),
            "can_manage": permissions.can_manage_event(user, event),
            "can_register": active is None and permissions.can_register(user, event),
            "in_audience": permissions.in_audience(user, event),
            "link_shown": queries.link_shown(event, active, now),
            "closed": now >= event.closes_at,
            "finished": now >= event.ends_at,
            "now": now,
            "nav_section": NAV,
            "breadcrumbs": _crumbs(),
        },
        status=status,
    )


@require_GET
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = permissions.event_for_user_or_404(request.user, event_id)
    return _page(request, event)


def _host(value: str, user: Any) -> dict[str, Any]:
    """The network or system a host choice names, checked against what the person may organise."""
    if value == "national" and permissions.organises_national(user):
        return {}
    kind, _, pk = value.partition(":")
    found: Network | System | None = None
    if kind == "network" and pk.isdigit():
        found = permissions.led_networks(user).filter(pk=pk).first()
    elif kind == "system" and pk.isdigit():
        found = permissions.led_systems(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such organiser")
    return {kind: found}


def _series(form: EventForm) -> dict[str, Any]:
    name = form.cleaned_data.get("new_series")
    if name:
        return {"series": services.series_find_or_create(name=name)}
    return {}


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    hosts = permissions.hosts_for(request.user)
    if not hosts:
        raise Http404("No such page")
    form = EventForm(request.POST or None, hosts=hosts)
    if request.method == "POST" and form.is_valid():
        try:
            details = {**form.details(), **_series(form)}
            event = services.event_create(by=request.user, **_host(form.cleaned_data["host"], request.user), **details)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your event is saved as a draft. Publish it when it is ready")
            return redirect(event)
    return render(
        request,
        "events/form.jinja",
        {"form": form, "event": None, "nav_section": NAV, "breadcrumbs": _crumbs()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = permissions.event_managed_or_404(request.user, event_id)
    if event.status == EventStatus.CANCELLED:
        raise Http404("A cancelled event cannot be changed")
    form = EventForm(request.POST or None, hosts=[], event=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(event=event, by=request.user, **form.details(), **_series(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            told = (
                " Everyone with a place has been sent the new details." if event.status == EventStatus.PUBLISHED else ""
            )
            messages.success(request, f"Your changes are saved.{told}")
            return redirect(event)
    return render(
        request,
        "events/form.jinja",
        {
            "form": form,
            "event": event,
            "nav_section": NAV,
            "breadcrumbs": _crumbs((event.get_absolute_url(), event.title)),
        },
    )


@login_required
@require_POST
def event_publish(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = permissions.event_managed_or_404(request.user, event_id)
    try:
        services.event_publish(event=event, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The event is published: people can now register")
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = permissions.event_managed_or_404(request.user, event_id)
    if event.status == EventStatus.CANCELLED:
        return redirect(event)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The event is cancelled and everyone who registered has been told")
            return redirect(event)
    return render(
        request,
        "events/cancel.jinja",
        {
            "form": form,
            "event": event,
            "nav_section": NAV,
            "breadcrumbs": _crumbs((event.get_absolute_url(), event.title)),
        },
    )


def _act(request: AuthenticatedRequest, event_id: int, action: Any, done: str) -> HttpResponse:
    event = permissions.event_for_user_or_404(request.user, event_id)
    try:
        action(event=event, person=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(event)


@login_required
@require_POST
def register(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = permissions.event_for_user_or_404(request.user, event_id)
    try:
        registration = services.registration_register(event=event, person=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(request, "You have a place. We have emailed you a calendar invitation")
        else:
            messages.success(
                request, "The event is full, so you are on the waiting list. We will email you if a place frees up"
            )
    return redirect(event)


@login_required
@require_POST
def cancel_place(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    return _act(request, event_id, services.registration_cancel, "Your place is cancelled")


@login_required
@require_POST
def accept_offer(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    return _act(
        request, event_id, services.registration_accept, "You have a place. We have emailed you a calendar invitation"
    )


@login_required
@require_GET
def invite_file(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    """The calendar invitation for a person with a place, to download."""
    event = permissions.event_for_user_or_404(request.user, event_id)
    registration = queries.own_registration(request.user, event)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        raise Http404("You have no place at this event")
    registration.event = event
    method = calendar.CANCEL if event.status == EventStatus.CANCELLED else calendar.REQUEST
    response = HttpResponse(calendar.invitation(registration, method=method), content_type=calendar.MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="{calendar.filename(event)}"'
    return response


@login_required
@require_GET
def people(request: AuthenticatedRequest, event_id: int) -> HttpResponse:
    event = permissions.event_managed_or_404(request.user, event_id)
    return render(
        request,
        "events/people.jinja",
        {
            "event": event,
            "people": queries.people(event),
            "counts": queries.counts(event),
            "nav_section": NAV,
            "breadcrumbs": _crumbs((event.get_absolute_url(), event.title)),
        },
    )


@login_required
@require_POST
def waiting_move(request: AuthenticatedRequest, event_id: int, registration_id: int) -> HttpResponse:
    event = permissions.event_managed_or_404(request.user, event_id)
    registration = Registration.objects.filter(event=event, pk=registration_id).first()
    if registration is None:
        raise Http404("No such registration")
    try:
        services.waiting_move(
            event=event, registration=registration, by=request.user, up=request.POST.get("direction") == "up"
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(reverse("events:people", kwargs={"event_id": event.pk}) + "#waiting")


@login_required
@require_http_methods(["GET", "POST"])
def my_feed(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        services.feed_renew(person=request.user)
        messages.success(request, "Your calendar has a new address. The old one no longer works")
        return redirect("events:feed-settings")
    feed = services.feed_get_or_create(person=request.user)
    address = absolute_url(reverse("events:feed", kwargs={"token": feed.token}))
    return render(
        request,
        "events/feed.jinja",
        {
            "address": address,
            "mine": queries.my_events(request.user),
            "nav_section": NAV,
            "breadcrumbs": _crumbs(),
        },
    )


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's calendar feed, for calendar apps: the secret token in the address is the only key."""
    found = queries.feed_for_token(token)
    if found is None:
        raise Http404("No such calendar")
    response = HttpResponse(calendar.feed(queries.feed_registrations(found)), content_type=calendar.MIMETYPE)
    response["Content-Disposition"] = 'inline; filename="wayfinder-events.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
