"""Consent: the privacy notice and the mailing consent as numbered versions, what each person agreed to and when,
and re-consent campaigns. Imported by `comms.models`, so Django finds the models there."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PolicyKind(models.TextChoices):
    PRIVACY = "privacy", "Privacy notice"
    MAILING = "mailing", "Mailing consent"


class PolicyVersion(models.Model):
    """One version of the privacy notice or of the mailing consent. Versions are never changed once published:
    a new wording is a new version, so what a person agreed to stays readable."""

    kind = models.CharField(max_length=16, choices=PolicyKind.choices)
    version = models.PositiveIntegerField()
    text = models.TextField(help_text="The words people read and agree to; a blank line starts a new paragraph")
    changes = models.TextField(blank=True, help_text="What is different from the version before, in a sentence")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="comms_one_policy_version_number")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, version {self.version}"


class ConsentHow(models.TextChoices):
    PAGE = "page", "On their consent page"
    CAMPAIGN = "campaign", "From the link in a request to confirm"
    SIGNUP = "signup", "When they created their account"


class ConsentRecord(models.Model):
    """A person agreed to one version, at a moment, in a way; withdrawing keeps the record and says when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    policy = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="consents")
    agreed_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=16, choices=ConsentHow.choices, default=ConsentHow.PAGE)
    campaign = models.ForeignKey(
        "ReconsentCampaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="confirmations"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-agreed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "policy"], name="comms_one_consent_per_version")]
        indexes = [models.Index(fields=["campaign", "agreed_at"], name="comms_consent_campaign")]

    def __str__(self) -> str:
        return f"{self.user_id} agreed to {self.policy} on {self.agreed_at:%Y-%m-%d}"


class ReconsentCampaign(models.Model):
    """A site admin asks every subscriber to confirm a version of the mailing consent by a date; on that date
    everyone who has not confirmed is unsubscribed from every mail they can turn off."""

    policy = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="campaigns")
    deadline = models.DateField(help_text="People who have not confirmed by the end of the day before are unsubscribed")
    message = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    asked = models.PositiveIntegerField(default=0, help_text="How many subscribers were asked")
    closed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Confirm {self.policy} by {self.deadline:%Y-%m-%d}"
