"""Listen for editors' decisions in Wagtail's moderation workflow and hand them to the service, and for changes to
people's appointments so the hub's editor groups follow them (see `groups.py`)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from wayfinder.contributions import groups, services
from wayfinder.networks.models import Appointment


def _comment(state: WorkflowState) -> str:
    task_state = state.current_task_state
    return (task_state.comment or "") if task_state is not None else ""


def on_workflow_approved(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    services.contribution_decide(page_id=int(instance.object_id), published=True, reason=_comment(instance))


def on_workflow_rejected(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    services.contribution_decide(page_id=int(instance.object_id), published=False, reason=_comment(instance))


def on_appointment_changed(sender: Any, instance: Appointment, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures: the command sync_hub_groups brings groups up to date afterwards
    groups.hub_groups_sync(user_ids=[instance.user_id])


def connect() -> None:
    post_save.connect(on_appointment_changed, sender=Appointment, dispatch_uid="contributions_appointment_saved")
    post_delete.connect(on_appointment_changed, sender=Appointment, dispatch_uid="contributions_appointment_deleted")
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid="contributions_approved")
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid="contributions_rejected")
