"""Events: webinars and gatherings, their series, and the people registered for them.

An event is national (no network or system), a system's (`system`) or a network's (`network`); who organises it
follows from that (`events.permissions`). Who may register is `audience`: everyone, the members of the event's
network, or the members of the networks in the event's system. Dimension and support domain tags are keys, as in
the hub, so they outlive framework versions.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from wayfinder.core.models import TimeStampedModel

LONDON = ZoneInfo("Europe/London")


def clock(moment: datetime) -> str:
    """ "2pm" or "2:30pm", in UK time."""
    local = moment.astimezone(LONDON)
    hour = str(local.hour % 12 or 12)
    minutes = "" if local.minute == 0 else f":{local.minute:02d}"
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def day(moment: datetime) -> str:
    """ "Friday 5 March 2027", in UK time."""
    local = moment.astimezone(LONDON)
    return f"{local:%A} {local.day} {local:%B %Y}"


def when_words(starts: datetime, ends: datetime) -> str:
    """ "Friday 5 March 2027, 2pm to 3:30pm", or with both days when it runs over more than one."""
    if day(starts) == day(ends):
        return f"{day(starts)}, {clock(starts)} to {clock(ends)}"
    return f"{day(starts)}, {clock(starts)} to {day(ends)}, {clock(ends)}"


class Series(TimeStampedModel):
    """A run of events under one name, such as a regular webinar series."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.name


class EventFormat(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Anyone signed in to Wayfinder"
    NETWORK = "network", "Members of the network"
    SYSTEM = "system", "Members of networks in the system"


class Event(TimeStampedModel):
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True, help_text="One or two sentences for lists and the digest")
    description = models.TextField(blank=True)
    speakers = models.TextField(blank=True, help_text="One speaker on each line")
    series = models.ForeignKey(Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")

    # Who organises it: a network's, a system's, or national when both are empty.
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    system = models.ForeignKey(
        "networks.System", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.EVERYONE)

    format = models.CharField(max_length=16, choices=EventFormat.choices, default=EventFormat.ONLINE)
    joining_url = models.URLField("joining link", max_length=500, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    accessibility = models.TextField("accessibility notes", blank=True)

    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(help_text="Places available")
    registration_closes_at = models.DateTimeField(null=True, blank=True, help_text="Empty: when the event starts")
    # When the joining link is shown to registered people, before the start.
    link_shown_minutes = models.PositiveIntegerField(default=30)
    # Reminders before the start; 0 turns one off.
    first_reminder_minutes = models.PositiveIntegerField(default=24 * 60)
    second_reminder_minutes = models.PositiveIntegerField(default=60)
    offer_hours = models.PositiveIntegerField(default=48, help_text="How long a freed place is held for")

    dimension_keys = models.JSONField(default=list, blank=True)
    support_domain_keys = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)

    status = models.CharField(max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    # The iCalendar SEQUENCE: raised whenever what a calendar shows changes.
    sequence = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"),
            models.CheckConstraint(
                condition=~Q(audience="network") | Q(network__isnull=False), name="event_for_a_network_names_it"
            ),
            models.CheckConstraint(
                condition=~Q(audience="system") | Q(system__isnull=False), name="event_for_a_system_names_it"
            ),
            models.CheckConstraint(
                condition=Q(network__isnull=True) | Q(system__isnull=True), name="event_has_one_organiser"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"event_id": self.pk})

    @property
    def online(self) -> bool:
        return self.format == EventFormat.ONLINE

    @property
    def closes_at(self) -> datetime:
        return self.registration_closes_at or self.starts_at

    @property
    def link_from(self) -> datetime:
        return self.starts_at - timedelta(minutes=self.link_shown_minutes)

    @property
    def when(self) -> str:
        return when_words(self.starts_at, self.ends_at)

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"
    CANCELLED = "cancelled", "Cancelled"


# The statuses that hold one of the event's places.
HOLDS_A_PLACE = (RegistrationStatus.REGISTERED, RegistrationStatus.OFFERED)


class Registration(TimeStampedModel):
    """One person's place, or wait for one, at one event. Cancelling keeps the row (status cancelled)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices)
    # Order on the waiting list: lowest first. Organisers may reorder it.
    position = models.PositiveIntegerField(default=0)
    offered_until = models.DateTimeField(null=True, blank=True)
    # Raised on each change to this person's place, added to the event's sequence in their calendar.
    sequence = models.PositiveIntegerField(default=0)
    registered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "position", "pk"]
        indexes = [models.Index(fields=["event", "status", "position"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_registration_per_person_and_event"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offered_until__isnull=False), name="an_offer_has_an_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}: {self.status}"

    @property
    def calendar_sequence(self) -> int:
        return self.event.sequence + self.sequence


class CalendarFeed(TimeStampedModel):
    """A person's calendar feed address. The token is the secret in the address; a new one revokes the old."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed")
    token = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"


from wayfinder.events.after_models import (  # noqa: E402, F401
    Attendance,
    Check,
    CheckAttempt,
    CheckOption,
    CheckQuestion,
    Recording,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
