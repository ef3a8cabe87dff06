"""Maturity frameworks as versioned data: dimensions (rows) × levels (columns), a descriptor in each cell.

A framework is what people recognise ("PCN Maturity Matrix"); each published version is frozen, so a round
keeps the version it was opened with. Systems and the national team tailor a framework by cloning a version
into a draft, editing it and publishing it as the next version. Surveys and short checks use the same shape:
their levels are the answer scale.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from wayfinder.core.models import TimeStampedModel


class FrameworkKind(models.TextChoices):
    MATRIX = "matrix", "Maturity matrix"
    SURVEY = "survey", "Survey"
    CHECK = "check", "Short check"


class Framework(TimeStampedModel):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=FrameworkKind.choices, default=FrameworkKind.MATRIX)
    summary = models.TextField(blank=True)
    built_in = models.BooleanField(default=False, help_text="Shipped with Wayfinder; edited only by new versions")
    # A tailored framework belongs to the system that made it (None: national).
    owner_system = models.ForeignKey(
        "networks.System", on_delete=models.PROTECT, null=True, blank=True, related_name="frameworks"
    )
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="tailorings")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("frameworks:detail", kwargs={"slug": self.slug})


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class FrameworkVersion(TimeStampedModel):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    # Perspectives a cell may be described from; the PCN matrix has "network" and "system".
    perspectives = models.JSONField(default=list, blank=True)
    introduction = models.TextField(blank=True, help_text="Shown to raters before the first question")
    external_introduction = models.TextField(
        blank=True,
        help_text="Shown to raters from outside the network before the first question, instead of the introduction",
    )
    change_notes = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["framework__name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="one_version_number_per_framework"),
            models.UniqueConstraint(fields=["framework"], condition=Q(status="draft"), name="one_draft_per_framework"),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name} (version {self.number})"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Level(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="levels")
    position = models.PositiveSmallIntegerField(help_text="1 is the lowest level")
    name = models.CharField(max_length=80)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="one_level_per_position")]

    def __str__(self) -> str:
        return self.name


class Dimension(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="dimensions")
    position = models.PositiveSmallIntegerField()
    # A stable key across versions, so targets and progress can follow a dimension from round to round.
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    group = models.CharField(max_length=80, blank=True, help_text="For surveys: the group a statement is in")
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_dimension_per_position"),
            models.UniqueConstraint(fields=["version", "key"], name="unique_dimension_key_per_version"),
        ]

    def __str__(self) -> str:
        return self.name


class Descriptor(models.Model):
    """What a dimension looks like at a level, optionally from one perspective ("network" or "system")."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="descriptors")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="descriptors")
    perspective = models.CharField(max_length=32, blank=True, default="")
    text = models.TextField()

    class Meta:
        ordering = ["dimension", "level__position", "perspective"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "level", "perspective"], name="one_descriptor_per_cell"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class SupportDomain(models.Model):
    """One of the six development support domains, with its key components (reference content)."""

    key = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    summary = models.TextField()
    components = models.JSONField(default=list, help_text="The key components, in our own words")

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name
