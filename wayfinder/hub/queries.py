"""Reads for the hub's pages: the filtered and searched list of resources and case studies, and tag names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django import forms
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

    A fixed number of queries however many pages: the two lists of choices, the tags of each page type,
    the search (when there is one) and the pages themselves (one query per page type).
    """
    form = HubFilterForm(params or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    query = (data.get("q") or "").strip()
    kind, dimension, domain = data.get("kind"), data.get("dimension"), data.get("domain")
    # Tags are JSON lists, which SQLite cannot search inside: match them here, in one query per page type.
    candidates: list[tuple[int, str, list[str], list[str]]] = []
    if kind != CASE_STUDY:
        resources = ResourcePage.objects.live().descendant_of(index_page)
        if kind:
            resources = resources.filter(kind=kind)
        candidates += resources.values_list("pk", "kind", "dimension_keys", "support_domain_keys")
    if not kind or kind == CASE_STUDY:
        stories = CaseStudyPage.objects.live().descendant_of(index_page)
        candidates += [
            (pk, CASE_STUDY, d, s) for pk, d, s in stories.values_list("pk", "dimension_keys", "support_domain_keys")
        ]
    kinds = {pk: page_kind for pk, page_kind, _, _ in candidates}
    ids = [
        pk
        for pk, _, dimension_keys, domain_keys in candidates
        if (not dimension or dimension in dimension_keys) and (not domain or domain in domain_keys)
    ]
    pages = Page.objects.filter(pk__in=ids)
    if query and ids:
        order = [page.pk for page in pages.search(query)]
        by_pk = {page.pk: page for page in Page.objects.filter(pk__in=order).specific()}
        results = [by_pk[pk] for pk in order if pk in by_pk]
    else:
        results = list(pages.order_by("title").specific()) if ids else []
    labels = dict(KIND_CHOICES)
    return {
        "form": form,
        "query": query,
        "filtered": bool(query or kind or dimension or domain),
        "resources": [(page, labels.get(kinds.get(page.pk, ""), "")) for page in results],
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
