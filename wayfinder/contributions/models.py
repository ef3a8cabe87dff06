"""Contributions members send to the knowledge hub, and what readers say about its resources.

A contribution points at the draft page it created; the page goes through the hub's moderation workflow in
Wagtail, and the contribution keeps the outcome and the moderator's reason so the contributor can see them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from wayfinder.core.models import TimeStampedModel

COMMENT_MAX_LENGTH = 1000


class ContributionKind(models.TextChoices):
    RESOURCE = "resource", "Resource"
    CASE_STUDY = "case-study", "Case study"


class ContributionStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for an editor"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Not published"


class Contribution(TimeStampedModel):
    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions")
    # Kept when an editor deletes the page, so the contributor still sees what happened to their submission.
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=ContributionKind.choices)
    title = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=ContributionStatus.choices, default=ContributionStatus.WAITING)
    reason = models.TextField(blank=True, help_text="What the editor said when they decided")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["contributor", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"


class ResourceFeedback(TimeStampedModel):
    """One reader's answer to "Was this useful?". A signed-in reader has one answer per page and may change it."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="resource_feedback"
    )
    useful = models.BooleanField()
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"], condition=models.Q(user__isnull=False), name="one_feedback_per_reader_and_page"
            )
        ]

    def __str__(self) -> str:
        return f"{'Useful' if self.useful else 'Not useful'}: page {self.page_id}"


class SyncedGroupMembership(models.Model):
    """A place in "Hub editors" or "Hub moderators" that the role sync gave (see `groups.py`). The sync takes
    away only the places it gave, so a membership someone added by hand in Wagtail stays."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="unique_synced_group_membership")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} (from their appointment)"


class ReviewReminder(models.Model):
    """The day an editor was last sent the list of resources due for review, so the daily job sends at most one
    email a day to each of them however often it runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_review_reminder_a_day")]

    def __str__(self) -> str:
        return f"Review reminder to {self.user} on {self.sent_on}"
