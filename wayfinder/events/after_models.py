"""After an event: who attended, the recording and slides, the exit survey and the knowledge check.

The survey's and the check's questions are the organiser's own, set per event. A survey answer and a check attempt
keep who gave them only so a person answers once and can see their own result; the organiser's report shows them
in aggregate, and erasing a person keeps their ratings and marks (without them) but drops their words.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from wayfinder.core.models import TimeStampedModel
from wayfinder.events.after_scoring import RATING_MAX, RATING_MIN


def certificate_key(event_id: int) -> str:
    """What an attendance certificate certifies, for the certificates app: one per person and event."""
    return f"events:attendance:{event_id}"


class Attendance(TimeStampedModel):
    """A registered person was there. Recorded by the organiser after the event (ticked, or from a file)."""

    registration = models.OneToOneField("events.Registration", on_delete=models.CASCADE, related_name="attendance")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    def __str__(self) -> str:
        return f"Attended: {self.registration_id}"


class Recording(TimeStampedModel):
    """The event's recording and slides, and the hub resource that publishes them."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="recording")
    url = models.URLField("link to the recording", max_length=500, blank=True)
    slides = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resource = models.ForeignKey("hub.ResourcePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    def __str__(self) -> str:
        return f"Recording of event {self.event_id}"


class Survey(TimeStampedModel):
    """The exit survey of one event."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="survey")
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Exit survey of event {self.event_id}"


class QuestionKind(models.TextChoices):
    RATING = "rating", "A rating from 1 to 5"
    TEXT = "text", "Their own words"


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_rating(self) -> bool:
        return self.kind == QuestionKind.RATING


class SurveyResponse(TimeStampedModel):
    """One person's answers to a survey, given once. `person` is cleared when they are erased; the ratings stay."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="event_survey_responses"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"], condition=Q(person__isnull=False), name="one_survey_response_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Response to survey {self.survey_id}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="survey_rating_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class Check(TimeStampedModel):
    """The knowledge check of one event: multiple-choice questions and the share of right answers that passes."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="knowledge_check")
    pass_mark = models.PositiveSmallIntegerField(default=70, help_text="The percentage of right answers that passes")
    # Certificates go only to attendees who passed, when the organiser asks for that.
    certificate_needs_pass = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__gte=1, pass_mark__lte=100), name="check_pass_mark_a_percent")
        ]

    def __str__(self) -> str:
        return f"Knowledge check of event {self.event_id}"


class CheckQuestion(models.Model):
    check_item = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["check_item", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class CheckOption(models.Model):
    """One answer to choose. Exactly one option of a question is right; the feedback says why it is or is not."""

    question = models.ForeignKey(CheckQuestion, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)
    feedback = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["question", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_correct=True), name="one_right_option_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.text


class CheckAttempt(TimeStampedModel):
    """One go at a check. `chosen` maps each question's id (as text) to the option chosen. `person` is cleared
    when they are erased; the mark stays for the pass rate."""

    check_item = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="attempts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="event_check_attempts"
    )
    chosen = models.JSONField(default=dict)
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    missed = models.JSONField(default=list)  # the ids of the questions answered wrongly

    class Meta:
        ordering = ["check_item", "pk"]
        indexes = [models.Index(fields=["check_item", "person"])]

    def __str__(self) -> str:
        return f"Attempt at check {self.check_item_id}"
