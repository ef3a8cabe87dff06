"""Pages for the member directory: the searchable list of people who chose to be listed, for signed-in people, and
a person's own directory profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.community import directory_queries as queries
from wayfinder.community import directory_services as services
from wayfinder.community.directory_forms import DirectoryProfileForm, DirectorySearchForm
from wayfinder.community.directory_models import DirectoryEntry, InterestKind
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs


@login_required
@require_GET
def directory(request: AuthenticatedRequest) -> HttpResponse:
    dimensions = queries.dimension_choices()
    domains = queries.domain_choices()
    form = DirectorySearchForm(request.GET or None, dimensions=dimensions, domains=domains)
    search = queries.Search(**form.cleaned_data) if form.is_valid() else queries.Search()
    page = queries.directory_page(search, request.GET.get("page"))
    listed = DirectoryEntry.objects.filter(user=request.user, listed=True).exists()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/directory/list.jinja",
        {
            "form": form,
            "page": page,
            "searched": any(vars(search).values()),
            "query": query.urlencode(),
            "names": {InterestKind.DIMENSION: dict(dimensions), InterestKind.DOMAIN: dict(domains)},
            "listed": listed,
            "nav_section": "community",
            "breadcrumbs": breadcrumbs(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    entry = DirectoryEntry.objects.filter(user=user).prefetch_related("interests").first()
    interests = list(entry.interests.all()) if entry else []
    initial = {
        "listed": "yes" if entry and entry.listed else "no",
        "full_name": user.full_name,
        "job_title": user.job_title,
        "organisation": user.organisation,
        "professional_group": user.professional_group,
        "dimension_keys": [i.key for i in interests if i.kind == InterestKind.DIMENSION],
        "domain_keys": [i.key for i in interests if i.kind == InterestKind.DOMAIN],
        "topics": entry.topics if entry else "",
    }
    form = DirectoryProfileForm(
        request.POST or None,
        initial=initial,
        dimensions=queries.dimension_choices(),
        domains=queries.domain_choices(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.directory_profile_save(
                user=user,
                listed=data["listed"] == "yes",
                full_name=data["full_name"],
                job_title=data["job_title"],
                organisation=data["organisation"],
                professional_group=data["professional_group"],
                dimension_keys=data["dimension_keys"],
                domain_keys=data["domain_keys"],
                topics=data["topics"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "You are listed in the member directory"
                if saved.listed
                else "You are not listed in the member directory",
            )
            return redirect("community:directory")
    return render(
        request,
        "community/directory/profile.jinja",
        {
            "form": form,
            "nav_section": "community",
            "breadcrumbs": breadcrumbs((reverse("community:directory"), "Member directory")),
        },
        status=400 if form.errors else 200,
    )
