"""Who may do what with mail: everyone keeps their own preferences; editors and the national team make the digest."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from wayfinder.comms.models import DigestIssue, DigestStatus
from wayfinder.core.permissions import reach, register
from wayfinder.core.roles import AppointmentRole

ARCHIVED = (DigestStatus.SENDING, DigestStatus.PAUSED, DigestStatus.SENT)


def may_edit_digest(user: Any) -> bool:
    """Hub editors, the national team and site admins write and send the digest."""
    if user is None or not user.is_authenticated:
        return False
    who = reach(user)
    return who.national or AppointmentRole.EDITOR in who.roles


register("digest.edit", may_edit_digest, needs_object=False)


def digest_issue_for_editor_or_404(user: Any, issue_id: int) -> DigestIssue:
    """An issue for its editors; anyone else is answered 404."""
    if not may_edit_digest(user):
        raise Http404
    issue = DigestIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        raise Http404
    return issue


def archived_issue_or_404(slug: str) -> DigestIssue:
    """A published issue of the public archive; a draft or a scheduled one is answered 404."""
    issue = DigestIssue.objects.filter(slug=slug, status__in=ARCHIVED).first()
    if issue is None:
        raise Http404
    return issue
