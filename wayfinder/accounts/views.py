"""A person's own profile, and the page that asks national and admin roles to set up two-factor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from wayfinder.accounts import queries
from wayfinder.accounts.forms import ProfileForm
from wayfinder.accounts.models import User
from wayfinder.accounts.services import profile_update
from wayfinder.core import permissions


def _person(request: HttpRequest) -> User:
    """The signed-in person (every view here is behind login_required)."""
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    return render(
        request,
        "accounts/profile.jinja",
        {
            "nav_section": "profile",
            "person": person,
            "has_totp": queries.has_authenticator_app(person),
            "needs_two_factor": permissions.needs_two_factor(person),
            "memberships": queries.memberships_for_profile(person),
            "appointments": queries.appointments_for_profile(person),
        },
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        profile_update(user=person, **form.cleaned_data)
        messages.success(request, "Your profile has been updated")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile_edit.jinja",
        {
            "form": form,
            "nav_section": "profile",
            "breadcrumbs": [{"href": reverse("accounts:profile"), "text": "Your profile"}],
        },
    )


@login_required
def two_factor_required(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    return render(
        request,
        "accounts/two_factor_required.jinja",
        {
            "nav_section": "profile",
            "has_totp": queries.has_authenticator_app(person),
            "needs_two_factor": permissions.needs_two_factor(person),
        },
    )
