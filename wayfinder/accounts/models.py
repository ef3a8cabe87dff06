"""People who use Wayfinder: signed in by email, with the profile other members see."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class ProfessionalGroup(models.TextChoices):
    GP = "gp", "GP"
    NURSE = "nurse", "Nurse"
    PHARMACIST = "pharmacist", "Pharmacist"
    ALLIED_HEALTH = "allied_health", "Allied health professional"
    SOCIAL_PRESCRIBER = "social_prescriber", "Social prescribing link worker"
    PRACTICE_MANAGER = "practice_manager", "Practice or business manager"
    MANAGER = "manager", "Manager or administrator"
    COMMISSIONER = "commissioner", "Commissioner or system role"
    SOCIAL_CARE = "social_care", "Social care or local authority"
    VOLUNTARY = "voluntary", "Voluntary or community sector"
    PUBLIC = "public", "Patient or public representative"
    OTHER = "other", "Other"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField("full name", max_length=150, blank=True)
    job_title = models.CharField(max_length=150, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    professional_group = models.CharField(max_length=32, choices=ProfessionalGroup.choices, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Not fields: what the sign-in backend read with the signed-in person's row for this request (backends.py),
    # their appointments (core.permissions.HELD_APPOINTMENTS) and whether they have an authenticator app. None on
    # any other user object, which reads them when asked.
    appointments_held: tuple[tuple[str, int | None, int | None], ...] | None = None
    authenticator_app_held: bool | None = None

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email.split("@")[0]

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.display_name
