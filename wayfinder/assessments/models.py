"""Assessment rounds: who rates which framework version for a network, their ratings, the agreed levels,
targets and live consensus sessions."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wayfinder.core.models import TimeStampedModel


class Purpose(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    PROGRESS = "progress", "Progress check"
    ANNUAL = "annual", "Annual review"


def closing_text(*, closes_on: date, closed_early_on: date | None, today: date) -> str:
    """How a page says when a round closes: "Closed early on 3 December 2026", "Closed on ..." or "Closes on ...".
    A round is open all day on its closing date and closed from the day after."""
    if closed_early_on is not None:
        return f"Closed early on {date_format(closed_early_on, 'j F Y')}"
    if closes_on < today:
        return f"Closed on {date_format(closes_on, 'j F Y')}"
    return f"Closes on {date_format(closes_on, 'j F Y')}"


class Round(TimeStampedModel):
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="rounds")
    version = models.ForeignKey("frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="rounds")
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.BASELINE)
    title = models.CharField(max_length=200, blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    reminder_days_before = models.PositiveSmallIntegerField(
        default=3, help_text="Remind raters who have not finished this many days before the round closes"
    )
    message = models.TextField(blank=True, help_text="Sent with the invitation")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_early_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["network", "-opens_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_it_opens"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_purpose_display()} for {self.network}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:round", kwargs={"round_id": self.pk})

    @property
    def closed_early_on(self) -> date | None:
        """The day (in the site's time zone) someone closed the round before its closing date."""
        return None if self.closed_early_at is None else timezone.localdate(self.closed_early_at)

    @property
    def closing_date(self) -> date:
        """The day the round closed, or will close: the day it was closed early, else its closing date."""
        return self.closed_early_on or self.closes_on

    def has_closed(self, today: date | None = None) -> bool:
        """Closed early, or its closing date has passed. Only closed rounds count as an assessment."""
        today = today or timezone.localdate()
        return self.closed_early_at is not None or self.closes_on < today

    def closing_text(self, today: date | None = None) -> str:
        return closing_text(
            closes_on=self.closes_on, closed_early_on=self.closed_early_on, today=today or timezone.localdate()
        )


class Perspective(models.TextChoices):
    MEMBER = "member", "Member"
    STEERING = "steering", "Steering group"
    EXTERNAL = "external", "External"


INTERNAL_PERSPECTIVES = (Perspective.MEMBER, Perspective.STEERING)


class Rater(TimeStampedModel):
    """Someone invited to rate in a round. External raters arrive by an emailed link (only its hash is kept)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="raters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="rater_invitations"
    )
    email = models.EmailField()
    name = models.CharField(max_length=150, blank=True)
    perspective = models.CharField(max_length=16, choices=Perspective.choices, default=Perspective.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "email"]
        constraints = [models.UniqueConstraint(fields=["round", "email"], name="one_rater_per_email_per_round")]

    def __str__(self) -> str:
        return f"{self.email} in {self.round}"

    @property
    def is_external(self) -> bool:
        return self.perspective == Perspective.EXTERNAL


class Confidence(models.TextChoices):
    LOW = "low", "Not very sure"
    MEDIUM = "medium", "Fairly sure"
    HIGH = "high", "Very sure"


class Rating(TimeStampedModel):
    rater = models.ForeignKey(Rater, on_delete=models.CASCADE, related_name="ratings")
    dimension = models.ForeignKey("frameworks.Dimension", on_delete=models.PROTECT, related_name="ratings")
    level = models.ForeignKey("frameworks.Level", on_delete=models.PROTECT, related_name="ratings")
    evidence = models.TextField(blank=True)
    confidence = models.CharField(max_length=8, choices=Confidence.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rater", "dimension"], name="one_rating_per_dimension")]


class Consensus(TimeStampedModel):
    """The level a network agreed for one dimension in a round, with the spread of views it came from."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="consensus")
    dimension = models.ForeignKey("frameworks.Dimension", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("frameworks.Level", on_delete=models.PROTECT, related_name="+")
    lowest = models.PositiveSmallIntegerField(null=True, blank=True)
    highest = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "dimension"], name="one_consensus_per_dimension")]


class Priority(TimeStampedModel):
    """An improvement priority agreed in a round (often at the end of a consensus session)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="priorities")
    dimension = models.ForeignKey(
        "frameworks.Dimension", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.CharField(max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round", "position", "pk"]


class Target(TimeStampedModel):
    """The level a network aims to reach on a dimension by a date. Keyed by the dimension's stable key so a
    target outlives framework versions."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="targets")
    framework = models.ForeignKey("frameworks.Framework", on_delete=models.CASCADE, related_name="targets")
    dimension_key = models.SlugField(max_length=80)
    level_position = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "framework", "dimension_key"], name="one_target_per_dimension")
        ]


class SessionStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to start"
    RUNNING = "running", "Running"
    ENDED = "ended", "Ended"


class LiveSession(TimeStampedModel):
    """A facilitated consensus session: the big screen steps through dimensions, phones answer."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sessions")
    code = models.CharField(max_length=8, unique=True, help_text="Short code participants type on their phones")
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.WAITING)
    current_dimension = models.ForeignKey(
        "frameworks.Dimension", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)


class Participant(TimeStampedModel):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_participant_per_session")]


class LiveAnswer(TimeStampedModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    dimension = models.ForeignKey("frameworks.Dimension", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey("frameworks.Level", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "dimension"], name="one_live_answer_per_dimension")
        ]
