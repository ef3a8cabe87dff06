"""Development plans: the priorities a network chose from its results, the actions that deliver them, reviews
of progress, and a log of who changed what."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse

from wayfinder.core.models import TimeStampedModel


class Plan(TimeStampedModel):
    """One plan year of a network's development, usually started from a round's results.

    A plan covers one plan year (at most twelve months); the next year gets a new plan, started from the
    next round. So "a service-improvement priority every plan year" means "one in every plan".
    """

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="plans")
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="plans")
    # The round whose results the plan started from; kept when the round is deleted (the levels are copied).
    round = models.ForeignKey(
        "assessments.Round", on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    # The framework's highest level when the plan started: the gap for a dimension without a target.
    top_level = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["network", "-starts_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="plan_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"plan_id": self.pk})


class PriorityKind(models.TextChoices):
    DEVELOPMENT = "development", "Development priority"
    SERVICE_IMPROVEMENT = "service_improvement", "Service-improvement priority"


class Priority(TimeStampedModel):
    """Something the network has chosen to work on this plan year.

    Its tags are plain values (the dimension's stable key and the support domain's key) so the knowledge hub
    can recommend resources without importing plans.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=24, choices=PriorityKind.choices, default=PriorityKind.DEVELOPMENT)
    title = models.CharField(max_length=300)
    dimension_key = models.SlugField(max_length=80, blank=True)
    dimension_name = models.CharField(max_length=200, blank=True)
    # Stored by key, so the column itself holds the plain tag value.
    support_domain = models.ForeignKey(
        "frameworks.SupportDomain", to_field="key", on_delete=models.PROTECT, related_name="+"
    )
    # Where the dimension stood when the priority was chosen (agreed level, or the median before agreement).
    level_then = models.FloatField(null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    goal = models.TextField(blank=True, help_text="For service improvement: the goal this priority serves")
    measure = models.TextField(blank=True, help_text="For service improvement: how progress will be measured")

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name_plural = "priorities"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="service_improvement") | (~models.Q(goal="") & ~models.Q(measure="")),
                name="service_improvement_has_goal_and_measure",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_service_improvement(self) -> bool:
        return self.kind == PriorityKind.SERVICE_IMPROVEMENT

    @property
    def domain_key(self) -> str:
        return str(self.support_domain_id)

    @property
    def tags(self) -> dict[str, list[str]]:
        """What the knowledge hub's recommend_for(dimensions, domains) takes."""
        return {"dimensions": [self.dimension_key] if self.dimension_key else [], "domains": [self.domain_key]}


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    BLOCKED = "blocked", "Blocked"


class Action(TimeStampedModel):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_actions"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    notes = models.TextField(blank=True)
    # Set when the owner is reminded of the due date, so a reminder is never sent twice for it.
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner", "due_on"]),
            models.Index(fields=["due_on", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.status != ActionStatus.DONE and self.due_on < today


class Progress(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    SOME_PROGRESS = "some_progress", "Some progress"
    NO_PROGRESS = "no_progress", "No progress"


class Review(TimeStampedModel):
    """A check on the plan: progress on each priority, and the round that shows where the network is now."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    round = models.ForeignKey(
        "assessments.Round", on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_reviews"
    )
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.reviewed_on}"


class PriorityReview(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="entries")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="reviews")
    progress = models.CharField(max_length=16, choices=Progress.choices)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "priority"], name="one_entry_per_priority")]

    def __str__(self) -> str:
        return f"{self.get_progress_display()}: {self.priority}"


class PlanEvent(models.Model):
    """One change to a plan, written by the services: who did what, when, and which values changed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=32)
    summary = models.CharField(max_length=500)
    # {"field label": [before, after]} as text, so the history reads the same after the thing is changed again.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["plan", "-at"])]

    def __str__(self) -> str:
        return self.summary
