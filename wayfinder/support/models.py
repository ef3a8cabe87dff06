"""Readiness ticks, Clinical Director plans, and support requests from a network to its system."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from wayfinder.core.models import TimeStampedModel
from wayfinder.support.content import SPEND_CHOICES


class ReadinessTick(TimeStampedModel):
    """One item of the first-year checklist marked done by a network, with its evidence. No row: not done."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="readiness_ticks")
    item = models.SlugField(max_length=40, help_text="A key from support.content.READINESS_ITEMS")
    evidence = models.TextField()
    ticked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    ticked_at = models.DateTimeField()

    class Meta:
        ordering = ["network", "item"]
        constraints = [models.UniqueConstraint(fields=["network", "item"], name="one_tick_per_readiness_item")]

    def __str__(self) -> str:
        return f"{self.network}: {self.item}"


class ClinicalDirectorPlan(TimeStampedModel):
    """A Clinical Director's personal development plan, seen only by them and their system's development lead."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cd_plans")
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="cd_plans")
    needs = models.TextField(blank=True)
    support_domains = models.ManyToManyField("frameworks.SupportDomain", blank=True, related_name="+")
    support_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["network__name"]
        constraints = [models.UniqueConstraint(fields=["person", "network"], name="one_cd_plan_per_person_and_network")]

    def __str__(self) -> str:
        return f"{self.person} for {self.network}"

    def get_absolute_url(self) -> str:
        return reverse("support:cd-plan", kwargs={"plan_id": self.pk})


class ClinicalDirectorRating(models.Model):
    plan = models.ForeignKey(ClinicalDirectorPlan, on_delete=models.CASCADE, related_name="ratings")
    item = models.SlugField(max_length=40, help_text="A key from support.content.CD_PLAN_ITEMS")
    rating = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "item"], name="one_rating_per_cd_plan_item"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=4), name="cd_rating_between_1_and_4"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.rating}"


class ClinicalDirectorProgress(TimeStampedModel):
    """A dated note on how the plan is going, written by the Clinical Director or their development lead."""

    plan = models.ForeignKey(ClinicalDirectorPlan, on_delete=models.CASCADE, related_name="progress")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["-created_at", "-pk"]


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the system"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    DELIVERED = "delivered", "Delivered"


class SupportRequest(TimeStampedModel):
    """A network asks its system for support in one development support domain."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="support_requests")
    domain = models.ForeignKey("frameworks.SupportDomain", on_delete=models.PROTECT, related_name="+")
    dimensions = models.ManyToManyField("frameworks.Dimension", blank=True, related_name="+")
    what = models.TextField()
    why = models.TextField()
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="support_decline_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.domain}"

    def get_absolute_url(self) -> str:
        return reverse("support:request", kwargs={"request_id": self.pk})


class FundingSource(models.TextChoices):
    PCN_DEVELOPMENT = "pcn_development", "National PCN development funding"
    CD_DEVELOPMENT = "cd_development", "Clinical Director development funding"
    SYSTEM = "system", "The system's own funds"
    OTHER = "other", "Another source"


class CommissionedSupport(TimeStampedModel):
    """What the system commissioned to meet a request: who provides it, what it costs and who pays."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="commissions")
    provider = models.CharField(max_length=200)
    cost = models.DecimalField(max_digits=12, decimal_places=2)
    funding_source = models.CharField(max_length=24, choices=FundingSource.choices)
    spend_category = models.CharField(max_length=40, choices=SPEND_CHOICES)
    starts_on = models.DateField()
    ends_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="commissioned_cost_not_negative"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="commissioned_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} for {self.request}"
