"""Reads the comms pages share: a person's mail choices, the archive, the editor's list of issues."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wayfinder.comms.models import DigestIssue, MailPreference
from wayfinder.comms.permissions import ARCHIVED


def preferences_of(user: Any) -> dict[str, str]:
    """The person's choice for each kind of mail they have chosen about: one query."""
    return dict(MailPreference.objects.filter(user=user).values_list("kind", "frequency"))


def archived_issues() -> QuerySet[DigestIssue]:
    """Every issue that has gone out, newest first."""
    return DigestIssue.objects.filter(status__in=ARCHIVED, sent_at__isnull=False).order_by("-sent_at")


def issues_for_editor() -> QuerySet[DigestIssue]:
    return DigestIssue.objects.order_by("-created_at")
