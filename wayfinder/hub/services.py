"""Writes for the knowledge hub outside the Wagtail admin: making sure the front page exists and publishing
resources, case studies and spotlights (the demo content and the CSV import use these)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page, Site

from wayfinder.hub.models import CaseStudyPage, HubIndexPage, ResourcePage, SpotlightItem, SpotlightPage


@transaction.atomic
def hub_index_ensure() -> HubIndexPage:
    """The hub's front page. The data migration makes it; this puts it back (with Wagtail's root page, root
    collection and default locale, if they went too) when the tables were emptied, as browser tests do after
    each test."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    hub = HubIndexPage.objects.first()
    if hub is not None:
        return hub
    Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    hub = root.add_child(instance=HubIndexPage(title="Knowledge hub", slug="hub"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=hub, is_default_site=True)
    else:
        site.root_page = hub
        site.save(update_fields=["root_page"])
    return hub


@transaction.atomic
def resource_publish_if_new(
    *,
    parent: HubIndexPage,
    slug: str,
    title: str,
    kind: str,
    summary: str,
    body: str,
    dimension_keys: list[str],
    support_domain_keys: list[str],
    audience: str = "everyone",
    network_types: list[str] | None = None,
    topics: list[str] | None = None,
    external_link: str = "",
) -> ResourcePage | None:
    """Publish a resource under the hub, with a first revision, unless one with that slug is there already."""
    if ResourcePage.objects.child_of(parent).filter(slug=slug).exists():
        return None
    page = ResourcePage(
        title=title,
        slug=slug,
        kind=kind,
        summary=summary,
        body=body,
        audience=audience,
        network_types=network_types or [],
        dimension_keys=dimension_keys,
        support_domain_keys=support_domain_keys,
        external_link=external_link,
    )
    if topics:
        page.topics.add(*topics)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def case_study_publish_if_new(
    *,
    parent: HubIndexPage,
    slug: str,
    title: str,
    network_name: str,
    summary: str,
    dimension_keys: list[str],
    support_domain_keys: list[str],
    body: str = "",
    network_type: str = "",
    problem: str = "",
    what_they_did: str = "",
    what_changed: str = "",
    contact: str = "",
) -> CaseStudyPage | None:
    """Publish a case study under the hub, with a first revision, unless one with that slug is there already."""
    if CaseStudyPage.objects.child_of(parent).filter(slug=slug).exists():
        return None
    page = CaseStudyPage(
        title=title,
        slug=slug,
        network_name=network_name,
        network_type=network_type,
        summary=summary,
        problem=problem,
        what_they_did=what_they_did,
        what_changed=what_changed,
        contact=contact,
        body=body,
        dimension_keys=dimension_keys,
        support_domain_keys=support_domain_keys,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def spotlight_publish_if_new(
    *, parent: HubIndexPage, slug: str, title: str, introduction: str, page_ids: list[int]
) -> SpotlightPage | None:
    """Publish a spotlight of the given pages, in that order, unless one with that slug is there already."""
    if SpotlightPage.objects.child_of(parent).filter(slug=slug).exists():
        return None
    page = SpotlightPage(title=title, slug=slug, introduction=introduction)
    page.items = [SpotlightItem(page_id=pk, sort_order=n) for n, pk in enumerate(page_ids)]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
