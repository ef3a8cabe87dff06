"""Peers to learn from: what a network chooses to share with others looking for help, and contact requests
between two networks' leads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from wayfinder.core.models import TimeStampedModel


class PeerSharing(TimeStampedModel):
    """A network's choice to be contactable by other networks, and what it shows them. No row: not contactable."""

    network = models.OneToOneField("networks.Network", on_delete=models.CASCADE, related_name="peer_sharing")
    contactable = models.BooleanField(default=False)
    # Dimension keys whose latest agreed level the network lets others see.
    dimension_keys = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True, help_text="What the network could help others with")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    def __str__(self) -> str:
        return f"Sharing of {self.network_id}"


class ContactStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class PeerContact(TimeStampedModel):
    """A lead of one network asks a contactable network to get in touch; a lead of that network answers."""

    from_network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="peer_contacts_sent")
    to_network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="peer_contacts_received")
    dimension_key = models.SlugField(max_length=80, blank=True)
    message = models.TextField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=16, choices=ContactStatus.choices, default=ContactStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The private discussion between the two networks, opened when the request is accepted.
    discussion = models.ForeignKey(
        "community.Space", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_network=F("to_network")), name="peer_contact_between_two"),
            models.UniqueConstraint(
                fields=["from_network", "to_network"],
                condition=Q(status="pending"),
                name="one_pending_peer_contact_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_network_id} to {self.to_network_id}"
