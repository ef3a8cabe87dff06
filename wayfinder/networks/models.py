"""The England hierarchy (regions, systems, places), networks, member organisations and who holds which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from wayfinder.core.models import TimeStampedModel

# The role names are defined once, in core.roles; importing them from here works too.
from wayfinder.core.roles import AppointmentRole as AppointmentRole
from wayfinder.core.roles import NetworkRole as NetworkRole


class Region(TimeStampedModel):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class System(TimeStampedModel):
    """An integrated care system (ICS)."""

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="systems")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Place(TimeStampedModel):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    system = models.ForeignKey(System, on_delete=models.PROTECT, related_name="places")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkType(models.TextChoices):
    DELIVERY = "delivery", "Delivery or developmental"
    LEARNING = "learning", "Learning network or community of practice"
    ADVOCACY = "advocacy", "Advocacy"
    SOCIAL = "social", "Social"
    MANAGED = "managed", "Managed"


class Stage(models.TextChoices):
    PRE_EMERGENT = "pre_emergent", "Pre-emergent"
    EMERGING = "emerging", "Emerging"
    ESTABLISHED = "established", "Established"
    DORMANT = "dormant", "Dormant"


class Privacy(models.TextChoices):
    OPEN = "open", "Open"
    RESTRICTED = "restricted", "Restricted"
    PRIVATE = "private", "Private"
    CONFIDENTIAL = "confidential", "Confidential"


PRIVACY_HELP = {
    Privacy.OPEN: "Anyone can find it and join straight away. Signed-in people can see who the members are.",
    Privacy.RESTRICTED: "Anyone can find it; a lead approves each request to join. Only members see the members.",
    Privacy.PRIVATE: "Only members and the people who oversee it can see it. People join by invitation.",
    Privacy.CONFIDENTIAL: "Unlisted: only its members can see it. People join by invitation.",
}


class Network(TimeStampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    code = models.CharField(
        max_length=16, unique=True, null=True, blank=True, help_text="ODS-style code, for PCNs (for example U12345)"
    )
    is_pcn = models.BooleanField("primary care network", default=False)
    network_type = models.CharField("type", max_length=16, choices=NetworkType.choices, default=NetworkType.DELIVERY)
    stage = models.CharField("life-cycle stage", max_length=16, choices=Stage.choices, default=Stage.EMERGING)
    privacy = models.CharField(max_length=16, choices=Privacy.choices, default=Privacy.PRIVATE)
    population = models.PositiveIntegerField(null=True, blank=True, help_text="People the network serves")
    description = models.TextField(blank=True)
    system = models.ForeignKey(System, on_delete=models.PROTECT, null=True, blank=True, related_name="networks")
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="networks")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How many items of the readiness checklist (support.content.READINESS_ITEMS) the network has ticked, kept by
    # support.services in the same transaction as each tick and untick, so the regional and national dashboards read
    # one number per network rather than counting its ticks (support.services.readiness_count_again repairs it).
    readiness_done = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["privacy", "name"]),
            models.Index(fields=["system", "name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_pcn=False) | Q(system__isnull=False), name="network_pcn_belongs_to_a_system"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", kwargs={"slug": self.slug})

    @property
    def privacy_help(self) -> str:
        return PRIVACY_HELP[Privacy(self.privacy)]


class OrganisationKind(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    COMMUNITY = "community", "Community provider"
    VOLUNTARY = "voluntary", "Voluntary sector"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    OTHER = "other", "Other"


class Organisation(TimeStampedModel):
    """A member organisation of a network, such as a GP practice in a PCN."""

    code = models.CharField("ODS code", max_length=16, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=OrganisationKind.choices)
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="organisations")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=NetworkRole.choices, default=NetworkRole.MEMBER)

    class Meta:
        ordering = ["network__name"]
        constraints = [models.UniqueConstraint(fields=["user", "network"], name="one_membership_per_network")]
        indexes = [models.Index(fields=["network", "role"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.network} ({self.get_role_display()})"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class JoinRequest(TimeStampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(status="pending"),
                name="one_pending_join_request_per_network",
            )
        ]


class Invitation(TimeStampedModel):
    """An emailed invitation to join a network. Only a hash of the token is kept; the link works once."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=NetworkRole.choices, default=NetworkRole.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Appointment(TimeStampedModel):
    """A role held above the level of one network: in a system, a region, or nationally."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appointments")
    role = models.CharField(max_length=16, choices=AppointmentRole.choices)
    system = models.ForeignKey(System, on_delete=models.CASCADE, null=True, blank=True, related_name="appointments")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="appointments")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(role=AppointmentRole.SYSTEM_LEAD) & Q(system__isnull=False) & Q(region__isnull=True))
                    | (Q(role=AppointmentRole.REGIONAL_LEAD) & Q(region__isnull=False) & Q(system__isnull=True))
                    | (
                        Q(role__in=[AppointmentRole.NATIONAL_TEAM, AppointmentRole.EDITOR, AppointmentRole.SITE_ADMIN])
                        & Q(system__isnull=True)
                        & Q(region__isnull=True)
                    )
                ),
                name="appointment_scope_matches_role",
            ),
            models.UniqueConstraint(fields=["user", "role", "system", "region"], name="unique_appointment"),
        ]

    def __str__(self) -> str:
        scope = self.system or self.region or "England"
        return f"{self.user}: {self.get_role_display()} ({scope})"


class SystemContact(TimeStampedModel):
    """A published contact for a system in the public "Who is my contact?" directory: a development lead, or a
    team address. Kept by the system's leads and the national team; not tied to an account, because the person
    named may never sign in to Wayfinder."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, help_text="A person's name, or a team's name for a shared address")
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=32, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["system", "email"], name="one_contact_per_address_per_system")]

    def __str__(self) -> str:
        return f"{self.name} ({self.system})"
