"""The member directory: people who choose to be listed, with what they are interested in."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from wayfinder.core.models import TimeStampedModel


class DirectoryEntry(TimeStampedModel):
    """A person's directory profile. Nobody is listed until they say so; `listed` off takes them out at once.
    Job title, organisation and professional group are the person's own profile fields."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_entry")
    listed = models.BooleanField(default=False)
    topics = models.CharField(max_length=300, blank=True, help_text="Topics they would talk about, comma separated")

    class Meta:
        indexes = [models.Index(fields=["listed"])]

    def __str__(self) -> str:
        return f"Directory entry of {self.user_id}"

    @property
    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]


class InterestKind(models.TextChoices):
    DIMENSION = "dimension", "Framework dimension"
    DOMAIN = "domain", "Support domain"


class DirectoryInterest(models.Model):
    """A dimension key or support domain key a listed person is interested in."""

    entry = models.ForeignKey(DirectoryEntry, on_delete=models.CASCADE, related_name="interests")
    kind = models.CharField(max_length=16, choices=InterestKind.choices)
    key = models.SlugField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "kind", "key"], name="one_directory_interest")]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.key}"
