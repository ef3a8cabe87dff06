"""Personal API tokens: a person's key to the JSON API. Only a hash of the secret is kept."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models

from wayfinder.core.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """One named token. The secret is shown once when it is made; we keep its SHA-256 hash and the first few
    characters (the prefix) so the person can tell their tokens apart."""

    # Not "api_tokens": Wagtail 8 has its own APIToken model that takes that name on the user.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, so its owner can recognise it")
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now
