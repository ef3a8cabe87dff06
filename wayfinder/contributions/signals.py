"""Listen for editors' decisions in Wagtail's moderation workflow and hand them to the service."""

from __future__ import annotations

from typing import Any

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from wayfinder.contributions import services


def _comment(state: WorkflowState) -> str:
    task_state = state.current_task_state
    return (task_state.comment or "") if task_state is not None else ""


def on_workflow_approved(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    services.contribution_decide(page_id=int(instance.object_id), published=True, reason=_comment(instance))


def on_workflow_rejected(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    services.contribution_decide(page_id=int(instance.object_id), published=False, reason=_comment(instance))


def connect() -> None:
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid="contributions_approved")
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid="contributions_rejected")
