"""The hub's reactions to saves: a document's words are extracted once it is saved, and recommendations read
the tags again when a resource changes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents.models import Document


def on_document_saved(sender: Any, instance: Document, **kwargs: Any) -> None:
    from wayfinder.hub.documents import document_text_refresh

    transaction.on_commit(lambda: document_text_refresh(instance))


def on_resource_changed(sender: Any, **kwargs: Any) -> None:
    """A resource was saved or deleted: recommendations read the tags again. Now, for this transaction's own later
    reads, and once more after commit, for a process that read the tags before the change was committed."""
    from wayfinder.hub.recommend import resources_changed

    resources_changed()
    transaction.on_commit(resources_changed, robust=True)


def connect() -> None:
    from wayfinder.hub.models import ResourcePage

    post_save.connect(on_document_saved, sender=Document, dispatch_uid="hub_document_text")
    post_save.connect(on_resource_changed, sender=ResourcePage, dispatch_uid="hub_resource_saved")
    post_delete.connect(on_resource_changed, sender=ResourcePage, dispatch_uid="hub_resource_deleted")
