"""Measures: libraries of measure definitions, a network's measures, their values over time and a person's top
five."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from wayfinder.core.models import TimeStampedModel


def plain(value: Decimal) -> str:
    """A stored number as written, without the places it was padded to: 100.0000 is "100", 2.5000 is "2.5"."""
    return f"{value.normalize():f}"


class Area(models.TextChoices):
    """The balanced set: a network should not measure only activity."""

    OPERATIONS = "operations", "Operations"
    QUALITY = "quality", "Quality"
    FINANCE = "finance", "Finance"
    POPULATION_NEED = "population_need", "Population need"
    PEOPLE = "people", "People"
    EXPERIENCE = "experience", "Experience"


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"
    NEITHER = "neither", "Neither: no way is better"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"


class Library(TimeStampedModel):
    """Definitions published by the national team (no system) or by one system for its networks."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    system = models.ForeignKey(
        "networks.System", on_delete=models.CASCADE, null=True, blank=True, related_name="measure_libraries"
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "libraries"
        constraints = [models.UniqueConstraint(fields=["system", "name"], name="measure_library_name_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def publisher(self) -> str:
        return self.system.name if self.system_id and self.system else "National team"


class MeasureFields(models.Model):
    """What a definition and a network's measure both say."""

    name = models.CharField(max_length=200)
    description = models.TextField(help_text="What it counts and how")
    unit = models.CharField(max_length=60, help_text="For example: appointments, days, %")
    direction = models.CharField(max_length=8, choices=Direction.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    target = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    area = models.CharField(max_length=20, choices=Area.choices)

    class Meta:
        abstract = True

    @property
    def target_text(self) -> str:
        return "" if self.target is None else plain(self.target)


class Definition(MeasureFields, TimeStampedModel):
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="definitions")

    class Meta:
        ordering = ["library", "area", "name"]
        constraints = [models.UniqueConstraint(fields=["library", "name"], name="measure_definition_name_unique")]

    def __str__(self) -> str:
        return self.name


class Measure(MeasureFields, TimeStampedModel):
    """One measure a network keeps: picked from a library (and copied, so the network may tailor it) or its own."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="measures")
    definition = models.ForeignKey(
        Definition, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    priorities = models.ManyToManyField("plans.Priority", blank=True, related_name="measures")
    # Limits fixed on the values up to and including this period; the rest are judged against them.
    baseline_end = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["network", "area", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="measure_name_unique_in_network"),
            models.UniqueConstraint(
                fields=["network", "definition"],
                condition=Q(definition__isnull=False),
                name="measure_definition_once_per_network",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("measures:measure", kwargs={"slug": self.network.slug, "measure_id": self.pk})


class Value(TimeStampedModel):
    """A measure's value for one period (the period's first day: a Monday, the 1st of a month or a quarter)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=4)
    note = models.TextField(blank=True)
    # The process changed from this period: the chart's limits are worked out afresh from here.
    step_change = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["measure", "period"]
        constraints = [models.UniqueConstraint(fields=["measure", "period"], name="one_value_per_measure_period")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.period} = {self.value}"

    @property
    def value_text(self) -> str:
        return plain(self.value)


class TopFive(models.Model):
    """A measure a person chose to see on their network's page (up to five per network)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="top_measures")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="chosen_by")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "measure"], name="top_five_measure_once")]

    def __str__(self) -> str:
        return f"{self.person}: {self.measure}"
