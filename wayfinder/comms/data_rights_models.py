"""Data requests: each "download my data" and "delete my account", kept as the log site admins read. Imported by
`comms.models`, so Django finds the models there."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class DataRequestKind(models.TextChoices):
    EXPORT = "export", "Download of their data"
    ERASURE = "erasure", "Account deleted"


class DataRequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to be prepared"
    READY = "ready", "Ready: link emailed"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPIRED = "expired", "Link no longer works"
    DONE = "done", "Done"
    FAILED = "failed", "Could not be done"


class DataRequest(models.Model):
    """One request about a person's data. For a download it also holds the ZIP until it is downloaded (the link
    works once) and a hash of the link's token; once the account is deleted only its number stays."""

    kind = models.CharField(max_length=16, choices=DataRequestKind.choices)
    status = models.CharField(max_length=16, choices=DataRequestStatus.choices, default=DataRequestStatus.WAITING)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="data_requests"
    )
    account_id = models.PositiveIntegerField(help_text="The account's number, kept after the account is deleted")
    person = models.CharField(max_length=254, help_text="Their email address, until the account is deleted")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(default=False, help_text="A site admin made the request for the person")
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    archive = models.BinaryField(null=True, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "kind", "-created_at"], name="comms_datarequest_person")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}: {self.get_status_display()}"
