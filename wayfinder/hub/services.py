"""Writes for the knowledge hub outside the Wagtail admin: making sure the front page exists and loading
resources (the demo seed today; the CSV import later)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_supported_language_variant
from wagtail.models import Locale, Page, Site

from wayfinder.hub.models import CaseStudyPage, HubIndexPage, ResourcePage


@transaction.atomic
def hub_index_ensure() -> HubIndexPage:
    """The hub's front page. The data migration makes it; this puts it back (with Wagtail's root page and
    default locale, if they went too) when the tables were emptied, as browser tests do after each test."""
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
        dimension_keys=dimension_keys,
        support_domain_keys=support_domain_keys,
    )
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
    body: str,
    dimension_keys: list[str],
    support_domain_keys: list[str],
) -> CaseStudyPage | None:
    """Publish a case study under the hub, with a first revision, unless one with that slug is there already."""
    if CaseStudyPage.objects.child_of(parent).filter(slug=slug).exists():
        return None
    page = CaseStudyPage(
        title=title,
        slug=slug,
        network_name=network_name,
        summary=summary,
        body=body,
        dimension_keys=dimension_keys,
        support_domain_keys=support_domain_keys,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
