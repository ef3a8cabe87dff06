"""The hub's reactions to saves: a document's words are extracted once it is saved, and recommendations read
the tags again when a resource changes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents.models import Document
from wagtail.signals import page_published, page_unpublished, post_page_move


def on_document_saved(sender: Any, instance: Document, **kwargs: Any) -> None:
    from wayfinder.hub.documents import document_text_refresh

    transaction.on_commit(lambda: document_text_refresh(instance))


def on_resource_changed(sender: Any, **kwargs: Any) -> None:
    """A resource (or a framework's dimensions or the support domains) was saved or deleted: recommendations read
    the tags, and the hub's filters their choices, again. Now, for this transaction's own later reads, and once
    more after commit, for a process that read them before the change was committed."""
    from wayfinder.hub.recommend import resources_changed

    resources_changed()
    transaction.on_commit(resources_changed, robust=True)


def connect() -> None:
    from wagtail.models import Site

    from wayfinder.frameworks.models import Dimension, FrameworkVersion, SupportDomain
    from wayfinder.hub.models import HubIndexPage, ResourcePage
    from wayfinder.hub.sites import sites_changed

    post_save.connect(sites_changed, sender=Site, dispatch_uid="hub_site_saved")
    post_delete.connect(sites_changed, sender=Site, dispatch_uid="hub_site_deleted")
    # What each process keeps of the hub's front page (hub/sites.py): the page itself changing, or being moved.
    post_save.connect(sites_changed, sender=HubIndexPage, dispatch_uid="hub_front_page_saved")
    post_delete.connect(sites_changed, sender=HubIndexPage, dispatch_uid="hub_front_page_deleted")
    page_published.connect(sites_changed, sender=HubIndexPage, dispatch_uid="hub_front_page_published")
    page_unpublished.connect(sites_changed, sender=HubIndexPage, dispatch_uid="hub_front_page_unpublished")
    post_page_move.connect(sites_changed, dispatch_uid="hub_page_moved")

    post_save.connect(on_document_saved, sender=Document, dispatch_uid="hub_document_text")
    # The hub's filters also list dimensions and support domains (queries.filter_choices): a version (made with
    # its dimensions in bulk), a dimension or a domain changing bumps the same generation.
    for model in (ResourcePage, FrameworkVersion, Dimension, SupportDomain):
        name = model._meta.label_lower
        post_save.connect(on_resource_changed, sender=model, dispatch_uid=f"hub_changed_saved_{name}")
        post_delete.connect(on_resource_changed, sender=model, dispatch_uid=f"hub_changed_deleted_{name}")
