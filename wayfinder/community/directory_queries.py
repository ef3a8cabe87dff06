"""Reads for the member directory: the listed people matching a search, a page at a time (five queries however
many there are), and the names of the dimensions and domains people choose from."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from wayfinder.community.directory_models import DirectoryEntry, DirectoryInterest, InterestKind
from wayfinder.frameworks.models import Dimension, FrameworkKind, SupportDomain

PAGE_SIZE = 25


def dimension_choices() -> list[tuple[str, str]]:
    """Every dimension key of the maturity matrices, named as in its latest version. One query."""
    names: dict[str, str] = {}
    rows = (
        Dimension.objects.filter(version__framework__kind=FrameworkKind.MATRIX)
        .order_by("version__framework__name", "-version__number", "position")
        .values_list("key", "name")
    )
    for key, name in rows:
        names.setdefault(key, name)
    return list(names.items())


def domain_choices() -> list[tuple[str, str]]:
    return list(SupportDomain.objects.order_by("position").values_list("key", "name"))


@dataclass(frozen=True)
class Search:
    q: str = ""
    group: str = ""
    dimension: str = ""
    domain: str = ""


def listed_entries(search: Search) -> QuerySet[DirectoryEntry]:
    """People who chose to be listed, matching every word of the search and each filter chosen."""
    entries = DirectoryEntry.objects.filter(listed=True, user__is_active=True)
    for word in search.q.split()[:8]:
        entries = entries.filter(
            Q(user__full_name__icontains=word)
            | Q(user__job_title__icontains=word)
            | Q(user__organisation__icontains=word)
            | Q(topics__icontains=word)
        )
    if search.group:
        entries = entries.filter(user__professional_group=search.group)
    for kind, key in ((InterestKind.DIMENSION, search.dimension), (InterestKind.DOMAIN, search.domain)):
        if key:
            entries = entries.filter(pk__in=DirectoryInterest.objects.filter(kind=kind, key=key).values("entry_id"))
    return entries


def directory_page(search: Search, number: str | None) -> Page[DirectoryEntry]:
    entries = (
        listed_entries(search)
        .select_related("user")
        .prefetch_related(Prefetch("interests", queryset=DirectoryInterest.objects.order_by("kind", "key")))
        .order_by("user__full_name", "pk")
    )
    return Paginator(entries, PAGE_SIZE).get_page(number)
