"""The hub's reactions to changes: a document's words are extracted once it is saved, and whatever each process
or the shared cache keeps of the hub (recommendations' tags, the filters' choices, the front page's drawn list) is
out of date once a page, a tag list or the search index changes, and what the hub's view keeps of its front page
once a site or a view restriction changes too."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks.signals import task_finished
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from wayfinder.core import generations

# Wagtail's search index is written by this task, run by the worker after a page is saved.
INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


def on_document_saved(sender: Any, instance: Document, **kwargs: Any) -> None:
    from wayfinder.hub.documents import document_text_refresh

    transaction.on_commit(lambda: document_text_refresh(instance))


def on_hub_changed(sender: Any, **kwargs: Any) -> None:
    """A hub page was saved, published, unpublished, moved or deleted, or a framework's dimensions or the support
    domains changed: recommendations read the tags, the filters their choices, and the front page draws its list,
    again. Now, for this transaction's own later reads, and once more after commit, for a process that read them
    before the change was committed."""
    from wayfinder.hub.recommend import resources_changed

    resources_changed()
    transaction.on_commit(resources_changed, robust=True)


def on_serving_changed(sender: Any, **kwargs: Any) -> None:
    """A site or a page's view restriction was saved or deleted: the front page the hub's view keeps (which page is
    a site's root, its address, whether a restriction applies) is looked up again, now and after commit."""
    from wayfinder.hub.queries import SERVING_KEY

    def serving_changed() -> None:
        generations.bump([SERVING_KEY])

    serving_changed()
    transaction.on_commit(serving_changed, robust=True)


def on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """The search index was updated for an object: searches may now find something else."""
    if task_result.task.module_path == INDEX_TASK:
        from wayfinder.hub.recommend import resources_changed

        resources_changed()


def connect() -> None:
    from wayfinder.frameworks.models import Dimension, FrameworkVersion, SupportDomain
    from wayfinder.hub.models import CaseStudyPage, HubIndexPage, ResourcePage, SpotlightPage

    post_save.connect(on_document_saved, sender=Document, dispatch_uid="hub_document_text")
    # The hub's filters also list dimensions and support domains (queries.filter_choices): a version (made with
    # its dimensions in bulk), a dimension or a domain changing bumps the same generation.
    for model in (ResourcePage, CaseStudyPage, SpotlightPage, HubIndexPage, FrameworkVersion, Dimension, SupportDomain):
        name = model._meta.label_lower
        post_save.connect(on_hub_changed, sender=model, dispatch_uid=f"hub_changed_saved_{name}")
        post_delete.connect(on_hub_changed, sender=model, dispatch_uid=f"hub_changed_deleted_{name}")
    for model in (Site, PageViewRestriction):
        name = model._meta.label_lower
        post_save.connect(on_serving_changed, sender=model, dispatch_uid=f"hub_serving_saved_{name}")
        post_delete.connect(on_serving_changed, sender=model, dispatch_uid=f"hub_serving_deleted_{name}")
    page_published.connect(on_hub_changed, dispatch_uid="hub_page_published")
    page_unpublished.connect(on_hub_changed, dispatch_uid="hub_page_unpublished")
    post_page_move.connect(on_hub_changed, dispatch_uid="hub_page_moved")
    task_finished.connect(on_task_finished, dispatch_uid="hub_search_index_updated")
