"""Reads for the hub's pages: the filtered and searched list of resources and case studies, and tag names."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.choices import BaseChoiceIterator
from modelsearch.query import And, Phrase, PlainText, SearchQuery
from taggit.models import Tag
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.query import PageQuerySet

from wayfinder.core import generations
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
from wayfinder.hub.recommend import GENERATION_KEY
from wayfinder.networks.models import NetworkType

ANY = [("", "Any")]
CASE_STUDY = "case-study"
KIND_CHOICES = [*ResourceKind.choices, (CASE_STUDY, "Case study")]
PER_PAGE = 20


class HubFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search the hub",
        help_text='To find words together, put them in double quotes, for example "care homes".',
    )
    kind = forms.ChoiceField(required=False, label="Kind of resource")
    domain = forms.ChoiceField(required=False, label="Support domain")
    dimension = forms.ChoiceField(required=False, label="Framework dimension")
    topic = forms.ChoiceField(required=False, label="Topic")
    network_type = forms.ChoiceField(required=False, label="Kind of network", choices=ANY + NetworkType.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices = filter_choices()
        for name, offered in choices.offered.items():
            cast(forms.ChoiceField, self.fields[name]).choices = offered

    def selects_key(self) -> tuple[Any, ...] | None:
        """What the form's selects show depends on only this: the choices read (each reading has its own number)
        and the value chosen in each. None when a value was refused, so its message is drawn afresh."""
        if self.is_bound and not self.is_valid():
            return None
        values = self.cleaned_data if self.is_bound else {}
        return (self.choices.reading, *(str(values.get(name) or "") for name in SELECTS))


# The filters drawn as selects, in the order the form shows them.
SELECTS = ("kind", "domain", "dimension", "topic", "network_type")


class Offered(BaseChoiceIterator):
    """A select's options, already in the form Django's fields keep them: a field given these uses them as they are
    instead of checking and copying every option again for each form."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        self.options = options

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.options)

    def __len__(self) -> int:
        return len(self.options)


@dataclass(frozen=True)
class FilterChoices:
    reading: int  # a number of its own for each reading, so what was drawn from an older one is never reused
    domains: list[tuple[str, str]]
    dimensions: list[tuple[str, str]]
    topics: list[tuple[str, str]]

    @functools.cached_property
    def offered(self) -> dict[str, Offered]:
        """Each filter's options with "Any" first, by field name."""
        return {
            "kind": Offered(ANY + KIND_CHOICES),
            "domain": Offered(ANY + self.domains),
            "dimension": Offered(ANY + self.dimensions),
            "topic": Offered(ANY + self.topics),
        }


# What the filters offer, kept by each process under the hub's generation, which a resource, a framework version,
# a dimension or a support domain being saved or deleted bumps (hub/signals.py): three queries when something
# changed instead of three on every page. Without a shared cache (locmem, one per process) another process's bump
# is not seen, so the lists are also read again once they are this old.
CHOICES_SECONDS = 60
_readings = itertools.count(1)


def _read_filter_choices(_: None) -> FilterChoices:
    return FilterChoices(next(_readings), support_domain_choices(), dimension_choices(), topic_choices())


_choices: generations.Kept[None, FilterChoices] = generations.Kept(
    GENERATION_KEY, CHOICES_SECONDS, _read_filter_choices
)


def filter_choices() -> FilterChoices:
    return _choices.get(None)


def topic_choices() -> list[tuple[str, str]]:
    """The topics on live resources, by name: one query."""
    rows = (
        Tag.objects.filter(hub_resourcetopic_items__content_object__live=True)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    return [(slug, name[:1].upper() + name[1:]) for slug, name in rows]


def listing_filter(
    *, kind: str | None, dimension: str | None, domain: str | None, topic: str | None, network_type: str | None
) -> Q:
    """Which pages under the hub the listing holds: each kind of page by its content type, narrowed by a subquery
    on its own table only when a filter applies to it.

    Conditions on the pages themselves rather than lists of ids: unfiltered, the database reads each page once,
    and a search narrows the pages it has matched instead of first gathering five thousand ids. (Wagtail's search
    accepts conditions on a page's own indexed fields, so the filters on a resource's fields are a subquery.)
    Topic and kind of network only apply to resources; a case study is left out when either is chosen.
    """
    resources = Q(pk__in=[])
    if kind != CASE_STUDY:
        resources = Q(content_type=ContentType.objects.get_for_model(ResourcePage))
        narrowed = tagged(dimension, domain)
        if kind:
            narrowed &= Q(kind=kind)
        if topic:
            narrowed &= Q(pk__in=ResourcePage.objects.filter(topics__slug=topic).values("pk"))
        if network_type:
            # An empty list means the resource suits every kind of network.
            narrowed &= Q(network_types=[]) | Q(network_types__icontains=f'"{network_type}"')
        if narrowed:
            resources &= Q(pk__in=ResourcePage.objects.filter(narrowed).values("pk"))
    case_studies = Q(pk__in=[])
    if (not kind or kind == CASE_STUDY) and not topic and not network_type:
        case_studies = Q(content_type=ContentType.objects.get_for_model(CaseStudyPage))
        narrowed = tagged(dimension, domain)
        if narrowed:
            case_studies &= Q(pk__in=CaseStudyPage.objects.filter(narrowed).values("pk"))
    return resources | case_studies


def listing_pages(index_page: HubIndexPage, **filters: str | None) -> PageQuerySet:
    """The live pages under the hub that the listing holds with these filters (listing_filter)."""
    return Page.objects.live().descendant_of(index_page).filter(listing_filter(**filters))


def tagged(dimension: str | None, domain: str | None) -> Q:
    """A page's dimension and support domain tags. They are stored as JSON lists; a key in quotes matches that key
    exactly in their text (keys are lowercase slugs), which SQLite and PostgreSQL both answer in the database."""
    condition = Q()
    if dimension:
        condition &= Q(dimension_keys__icontains=f'"{dimension}"')
    if domain:
        condition &= Q(support_domain_keys__icontains=f'"{domain}"')
    return condition


@dataclass(frozen=True)
class ListedPage:
    """A resource or case study as the hub's list shows it."""

    pk: int
    title: str
    url: str
    summary: str
    kind_label: str


def listed_pages(index_page: HubIndexPage, index_url: str, pks: Sequence[int]) -> list[ListedPage]:
    """The pages shown, in the order given, from the few values the list shows, in one query for both kinds.

    A page under the hub is found at the hub's own address followed by the rest of its path, so no page is
    loaded as a whole to work out its address. A case study has no kind; a page of neither kind has no summary and
    is not listed."""
    rows = {
        row["pk"]: row
        for row in Page.objects.filter(pk__in=list(pks)).values(
            "pk",
            "title",
            "url_path",
            "resourcepage__summary",
            "resourcepage__kind",
            "casestudypage__summary",
        )
    }
    labels = dict(KIND_CHOICES)
    prefix = len(index_page.url_path)
    listed = []
    for pk in pks:
        row = rows.get(pk)
        if row is None:
            continue
        summary = (
            row["resourcepage__summary"] if row["resourcepage__summary"] is not None else row["casestudypage__summary"]
        )
        if summary is None:
            continue
        kind = row["resourcepage__kind"]
        label = labels.get(kind, "") if kind is not None else labels[CASE_STUDY]
        listed.append(ListedPage(pk, row["title"], index_url + row["url_path"][prefix:], summary, label))
    return listed


def hub_listing(index_page: HubIndexPage, params: Mapping[str, Any], request: Any = None) -> dict[str, Any]:
    """Live resources and case studies under the hub, filtered, and ranked by relevance when searched.

    A fixed number of queries however many pages: unsearched, the count and the ids of the page shown, by title;
    searched, Wagtail's count of the matches and the page shown; then the pages shown, twenty at a time, as the
    values the list shows (listed_pages). The filters' choices are kept per process (filter_choices). The page
    keeps what this draws in the shared cache (hub/listing.py).
    """
    form = HubFilterForm(params or None)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    query = (data.get("q") or "").strip()
    kind, dimension, domain = data.get("kind"), data.get("dimension"), data.get("domain")
    topic, network_type = data.get("topic"), data.get("network_type")
    pages = listing_pages(
        index_page, kind=kind, dimension=dimension, domain=domain, topic=topic, network_type=network_type
    )
    found: Any
    terms = search_terms(query) if query else None
    if terms is not None:
        found = pages.search(terms)
    elif query:
        found = []  # only quotes: nothing to find
    else:
        found = pages.order_by("title", "pk").values_list("pk", flat=True)
    paginator = Paginator(found, PER_PAGE)
    results_page = paginator.get_page(params.get("page"))
    index_url = index_page.address(request)
    # A search gives pages, the list its own ids.
    shown = [getattr(item, "pk", item) for item in results_page.object_list]
    query_string = urlencode({k: v for k, v in data.items() if v})
    return {
        "form": form,
        "query": query,
        "filtered": bool(query or kind or dimension or domain or topic or network_type),
        "total": paginator.count,
        "results_page": results_page,
        "query_string": query_string,
        "index_url": index_url,
        "pager": pager_links(results_page, f"{index_url}?{query_string + '&' if query_string else ''}"),
        "resources": listed_pages(index_page, index_url, shown),
    }


def search_terms(text: str) -> str | SearchQuery | None:
    """What to search for: words in double quotes are a phrase, matched together and in that order. A result
    holds every phrase and, when there are other words too, at least one of them. Text with no phrase is
    searched as it is (any of its words, best matches first). Unlike Wagtail's parse_query_string, this takes
    nothing like `kind:guide` out as a filter: the hub's filters have fields of their own. None when only quotes
    were typed: nothing to search for (and a lone quote is a syntax error to SQLite's full-text search)."""
    if '"' not in text:
        return text
    terms: list[SearchQuery] = []
    # Between the quotes, in turn: words, a phrase, words, ... (an unclosed quote's phrase runs to the end).
    for n, part in enumerate(text.split('"')):
        part = part.strip()
        if part:
            terms.append(Phrase(part) if n % 2 else PlainText(part, operator="or"))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else And(terms)


def pager_links(results_page: Any, base: str) -> dict[str, str]:
    """The previous and next pages' addresses and labels, by the names of the pager's slots (hub_index_page.jinja);
    a link there is no page for is left out."""
    links: dict[str, str] = {}
    pages = results_page.paginator.num_pages
    if results_page.has_previous():
        number = results_page.previous_page_number()
        links.update({"previous-href": f"{base}page={number}", "previous-label": f"Page {number} of {pages}"})
    if results_page.has_next():
        number = results_page.next_page_number()
        links.update({"next-href": f"{base}page={number}", "next-label": f"Page {number} of {pages}"})
    return links


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


# Bumped when a site or a page's view restriction is saved or deleted (hub/signals.py): what the hub's own view keeps
# about its front page depends on them as well as on the hub's pages.
SERVING_KEY = "hub:serving:generation"
# As for the list: a bump is what makes the kept front page out of date; the age bound is for a cache each process
# keeps for itself (locmem), where another process's bump is not seen.
FRONT_PAGE_SECONDS = 60


def front_page_for(request: HttpRequest) -> HubIndexPage | None:
    """The hub's front page, ready to serve at the root of the request's site, with its address and knowing that no
    view restriction applies to it; None when Wagtail must route the request itself: the site's root is some other
    page, or not live, or restricted, or there is no site. Kept in the shared cache for each host and port (what
    Wagtail finds a request's site by) under the hub's generations: one round trip to the cache, no query."""
    # As Site.find_for_request does; get_host() is the host it reads, once checked against ALLOWED_HOSTS.
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    return generations.cached(
        "hub:front-page",
        [GENERATION_KEY, SERVING_KEY],
        (hostname, port),
        lambda: front_page_read(hostname, port, request),
        FRONT_PAGE_SECONDS,
    )


def front_page_read(hostname: str, port: str, request: HttpRequest) -> HubIndexPage | None:
    """What `front_page_for` keeps, read as Wagtail reads it when it routes a request to a site's root page."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None  # the root served would depend on the language asked for
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    page = HubIndexPage.objects.filter(pk=site.root_page_id, live=True).first()
    if page is None or page.get_view_restrictions().exists():
        return None
    address = page.relative_url(site, request)
    if address is None:
        return None
    page.served_address = address
    page.served_unrestricted = True
    return page
