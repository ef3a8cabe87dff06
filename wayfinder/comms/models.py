"""Mail: each person's choices, one delivery record per message and recipient, and the monthly digest's issues."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class MailPreference(models.Model):
    """A person's choice for one kind of mail (a registered `MailKind` key). No row: the kind's default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preferences")
    kind = models.CharField(max_length=100)
    frequency = models.CharField(max_length=20)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="comms_one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.frequency}"


class AddressOptOut(models.Model):
    """Someone without an account (an external rater) turned off one kind of mail from its unsubscribe link."""

    email = models.EmailField(max_length=254)
    kind = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "kind"], name="comms_one_opt_out_per_kind")]

    def __str__(self) -> str:
        return f"{self.email} {self.kind}: off"


# The longest message key ("networks.invitation:42"): mail_send refuses a longer one before the database does.
KEY_LENGTH = 200


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to send"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not be sent"
    HELD = "held", "Held for the daily summary"
    SUMMARISED = "summarised", "Sent in a daily summary"
    SKIPPED = "skipped", "Not sent: turned off"


class Delivery(models.Model):
    """One message to one recipient. Unique on (key, recipient): a message queued twice is one row, and a sender
    claims the row before sending and marks it after, so no retry or second worker sends it again."""

    key = models.CharField(max_length=KEY_LENGTH)
    recipient = models.EmailField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    kind = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    # What is needed to build the message again on any worker: the bodies, or (for a digest) the issue to render.
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    digest_issue = models.ForeignKey(
        "DigestIssue", null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    send_after = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "recipient"], name="comms_one_delivery_per_recipient")]
        indexes = [
            models.Index(fields=["status", "send_after"], name="comms_delivery_due"),
            models.Index(fields=["digest_issue", "status"], name="comms_delivery_issue"),
        ]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.key} to {self.recipient}: {self.status}"


class DigestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    PAUSED = "paused", "Paused"
    SENT = "sent", "Sent"


class DigestIssue(models.Model):
    """One monthly digest: the editor's introduction and picks; once sent it is in the public archive."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    introduction = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=DigestStatus.choices, default=DigestStatus.DRAFT)
    # What the editor is offered is what is new since this moment (the last issue sent, or None for the first).
    new_since = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set once a delivery exists for every subscriber: until then the progress shown is not the whole.
    recipients_ready = models.BooleanField(default=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class DigestItem(models.Model):
    """An entry the editor picked, copied from its section when picked so the archive never changes."""

    issue = models.ForeignKey(DigestIssue, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=100)
    section_title = models.CharField(max_length=200)
    ref = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["issue", "ref"], name="comms_digest_item_once")]

    def __str__(self) -> str:
        return self.title


# My data and consent keep their models in modules of their own; importing them here is how Django finds them.
from wayfinder.comms.consent_models import ConsentRecord, PolicyVersion, ReconsentCampaign  # noqa: E402, F401
from wayfinder.comms.data_rights_models import DataRequest  # noqa: E402, F401
