"""Reads for the hub's pages: the filtered and searched list of resources and case studies, and tag names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from taggit.models import Tag
from wagtail.models import Page

from wayfinder.frameworks.models import SupportDomain
from wayfinder.hub.models import (
    CaseStudyPage,
    HubIndexPage,
    ResourceKind,
    ResourcePage,
    SpotlightPage,
    dimension_choices,
    support_domain_choices,
)
from wayfinder.networks.models import NetworkType

ANY = [("", "Any")]
CASE_STUDY = "case-study"
KIND_CHOICES = [*ResourceKind.choices, (CASE_STUDY, "Case study")]
PER_PAGE = 20


class HubFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search the hub")
    kind = forms.ChoiceField(required=False, label="Kind of resource")
    domain = forms.ChoiceField(required=False, label="Support domain")
    dimension = forms.ChoiceField(required=False, label="Framework dimension")
    topic = forms.ChoiceField(required=False, label="Topic")
    network_type = forms.ChoiceField(required=False, label="Kind of network", choices=ANY + NetworkType.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = ANY + KIND_CHOICES
        cast(forms.ChoiceField, self.fields["domain"]).choices = ANY + support_domain_choices()
        cast(forms.ChoiceField, self.fields["dimension"]).choices = ANY + dimension_choices()
        cast(forms.ChoiceField, self.fields["topic"]).choices = ANY + topic_choices()


def topic_choices() -> list[tuple[str, str]]:
    """The topics on live resources, by name: one query."""
    rows = (
        Tag.objects.filter(hub_resourcetopic_items__content_object__live=True)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    return [(slug, name[:1].upper() + name[1:]) for slug, name in rows]


def hub_listing(index_page: HubIndexPage, params: Mapping[str, Any]) -> dict[str, Any]:
    """Live resources and case studies under the hub, filtered, and ranked by relevance when searched.

    A fixed number of queries however many pages: the three lists of choices, the count and the page of results
    (searched and ranked when there are words), and the pages shown, twenty at a time. Topic and kind of network
    only apply to resources; a case study is left out when either is chosen.
    """
    form = HubFilterForm(params or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    query = (data.get("q") or "").strip()
    kind, dimension, domain = data.get("kind"), data.get("dimension"), data.get("domain")
    topic, network_type = data.get("topic"), data.get("network_type")
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
        if topic:
            resources = resources.filter(pk__in=ResourcePage.objects.filter(topics__slug=topic).values("pk"))
        if network_type:
            # An empty list means the resource suits every kind of network.
            resources = resources.filter(Q(network_types=[]) | Q(network_types__icontains=f'"{network_type}"'))
        wanted |= Q(pk__in=resources.values("pk"))
    if (not kind or kind == CASE_STUDY) and not topic and not network_type:
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
        "filtered": bool(query or kind or dimension or domain or topic or network_type),
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
    """What a resource page shows beyond its own fields: tag names, its files and its topics."""
    types = dict(NetworkType.choices)
    return {
        **tag_names(page.dimension_keys, page.support_domain_keys),
        "kind_label": page.get_kind_display(),
        "audience_label": page.get_audience_display(),
        "network_type_labels": [types[key] for key in page.network_types if key in types],
        # .all() so an editor's preview shows the files and topics being edited.
        "documents": [link.document for link in page.documents.all().select_related("document")],
        "topics": sorted(page.topics.all(), key=lambda tag: tag.name),
    }


def spotlights(index_page: HubIndexPage) -> list[SpotlightPage]:
    """The live spotlights under the hub, newest first: one query."""
    return list(SpotlightPage.objects.live().descendant_of(index_page).order_by("-first_published_at", "pk"))


def spotlight_entries(spotlight: SpotlightPage) -> list[tuple[Page, str, str]]:
    """A spotlight's items that are live, in the editor's order, each with its kind and note: two queries."""
    # .all() rather than a fresh query, so an editor's preview shows the items being edited.
    items = [(item.page_id, item.note) for item in spotlight.items.all()]
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=[pk for pk, _ in items]).specific()}
    labels = dict(KIND_CHOICES)
    return [
        (pages[pk], labels.get(getattr(pages[pk], "kind", CASE_STUDY), ""), note) for pk, note in items if pk in pages
    ]
