"""The hub's reactions to Wagtail's own models: a document's words are extracted once it is saved."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.documents.models import Document


def on_document_saved(sender: Any, instance: Document, **kwargs: Any) -> None:
    from wayfinder.hub.documents import document_text_refresh

    transaction.on_commit(lambda: document_text_refresh(instance))


def connect() -> None:
    post_save.connect(on_document_saved, sender=Document, dispatch_uid="hub_document_text")
