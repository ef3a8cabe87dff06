"""What learning keeps in each process (the units' tags for recommendations) is out of date once a learning page
or a support domain changes: bump its generation now, for this transaction's own later reads, and again after the
commit, for a process that read before the change was committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move


def on_learning_changed(sender: Any, **kwargs: Any) -> None:
    from wayfinder.learning.recommend import units_changed

    units_changed()
    transaction.on_commit(units_changed, robust=True)


def connect() -> None:
    from wayfinder.frameworks.models import SupportDomain
    from wayfinder.learning.models import LearningIndexPage, ModulePage, ProgrammePage, UnitPage

    for model in (UnitPage, ModulePage, ProgrammePage, LearningIndexPage, SupportDomain):
        name = model._meta.label_lower
        post_save.connect(on_learning_changed, sender=model, dispatch_uid=f"learning_changed_saved_{name}")
        post_delete.connect(on_learning_changed, sender=model, dispatch_uid=f"learning_changed_deleted_{name}")
    page_published.connect(on_learning_changed, dispatch_uid="learning_page_published")
    page_unpublished.connect(on_learning_changed, dispatch_uid="learning_page_unpublished")
    post_page_move.connect(on_learning_changed, dispatch_uid="learning_page_moved")
