"""Reads for the hub's pages: the filtered and searched list of resources and case studies, and tag names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from wagtail.models import Page

from wayfinder.frameworks.models import SupportDomain
from wayfinder.hub.models import (
    CaseStudyPage,
    HubIndexPage,
    ResourceKind,
    ResourcePage,
    dimension_choices,
    support_domain_choices,
)

ANY = [("", "Any")]
CASE_STUDY = "case-study"
KIND_CHOICES = [*ResourceKind.choices, (CASE_STUDY, "Case study")]
PER_PAGE = 20


class HubFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search the hub")
    kind = forms.ChoiceField(required=False, label="Kind of resource")
    domain = forms.ChoiceField(required=False, label="Support domain")
    dimension = forms.ChoiceField(required=False, label="Framework dimension")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = ANY + KIND_CHOICES
        cast(forms.ChoiceField, self.fields["domain"]).choices = ANY + support_domain_choices()
        cast(forms.ChoiceField, self.fields["dimension"]).choices = ANY + dimension_choices()


def hub_listing(index_page: HubIndexPage, params: Mapping[str, Any]) -> dict[str, Any]:
    """Live resources and case studies under the hub, filtered, and ranked by relevance when searched.

    A fixed number of queries however many pages: the two lists of choices, the matching ids of each page
    type, the count and the page of results (searched and ranked when there are words), and the pages shown,
    twenty at a time.
    """
    form = HubFilterForm(params or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    query = (data.get("q") or "").strip()
    kind, dimension, domain = data.get("kind"), data.get("dimension"), data.get("domain")
    # Tags are stored as JSON lists; a key in quotes matches that key exactly in their text (keys are lowercase
    # slugs), which SQLite and PostgreSQL both answer in the database.
    tagged = Q()
    if dimension:
        tagged &= Q(dimension_keys__icontains=f'"{dimension}"')
    if domain:
        tagged &= Q(support_domain_keys__icontains=f'"{domain}"')
    # The matching pages are named by subqueries, not by lists of ids: a list of thousands of ids costs more to
    # turn into SQL than the search itself.
    wanted = Q(pk__in=[])
    if kind != CASE_STUDY:
        resources = ResourcePage.objects.live().descendant_of(index_page).filter(tagged)
        if kind:
            resources = resources.filter(kind=kind)
        wanted |= Q(pk__in=resources.values("pk"))
    if not kind or kind == CASE_STUDY:
        wanted |= Q(pk__in=CaseStudyPage.objects.live().descendant_of(index_page).filter(tagged).values("pk"))
    pages = Page.objects.filter(wanted)
    found: Any = pages.search(query) if query else pages.order_by("title")
    paginator = Paginator(found, PER_PAGE)
    results_page = paginator.get_page(params.get("page"))
    # Only the pages shown are loaded as their own types.
    shown = [page.pk for page in results_page.object_list]
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=shown).specific()} if shown else {}
    labels = dict(KIND_CHOICES)
    return {
        "form": form,
        "query": query,
        "filtered": bool(query or kind or dimension or domain),
        "total": paginator.count,
        "results_page": results_page,
        "query_string": urlencode({k: v for k, v in data.items() if v}),
        "resources": [
            (by_pk[pk], labels.get(getattr(by_pk[pk], "kind", CASE_STUDY), "")) for pk in shown if pk in by_pk
        ],
    }


def tag_names(dimension_keys: Sequence[str], support_domain_keys: Sequence[str]) -> dict[str, list[str]]:
    """The names of a page's dimension and support domain tags, in at most two queries."""
    dimension_names = dict(dimension_choices()) if dimension_keys else {}
    domain_names = (
        dict(SupportDomain.objects.filter(key__in=support_domain_keys).values_list("key", "name"))
        if support_domain_keys
        else {}
    )
    return {
        "dimension_names": [dimension_names.get(key, key) for key in dimension_keys],
        "domain_names": [domain_names[key] for key in support_domain_keys if key in domain_names],
    }


def resource_detail(page: ResourcePage) -> dict[str, Any]:
    return {
        **tag_names(page.dimension_keys, page.support_domain_keys),
        "kind_label": page.get_kind_display(),
        "audience_label": page.get_audience_display(),
    }
