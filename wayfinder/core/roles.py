"""The role names, defined once: a person's role in a network and their roles above networks.

They live in `core` because what a person oversees (`core.permissions.reach`) and who must use two-factor
authentication are decided from them, and `accounts`, which asks the second question, sits left of `networks`.
`networks.models` uses these as its fields' choices.
"""

from django.db import models


class NetworkRole(models.TextChoices):
    """A person's role in one network (a membership)."""

    LEAD = "lead", "Network lead"
    FACILITATOR = "facilitator", "Facilitator"
    STEERING = "steering", "Steering group"
    MEMBER = "member", "Member"
    EXTERNAL = "external", "External"


class AppointmentRole(models.TextChoices):
    """A person's role above networks (an appointment): over a system, a region or England."""

    SYSTEM_LEAD = "system_lead", "System lead"
    REGIONAL_LEAD = "regional_lead", "Regional lead"
    NATIONAL_TEAM = "national_team", "National team"
    EDITOR = "editor", "Editor"
    SITE_ADMIN = "site_admin", "Site admin"


# Holders of these roles must turn on two-factor authentication before they can use Wayfinder.
ROLES_NEEDING_TWO_FACTOR = frozenset({AppointmentRole.NATIONAL_TEAM, AppointmentRole.SITE_ADMIN})
