"""Certificates: what a person was given for attending an event or completing a module, with a code anyone can check."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Certificate(models.Model):
    """One certificate. What it says is written at the time it is issued, so it stays true to that day even if the
    event or module is renamed later; the person's name is kept as it was then for the same reason."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    # What it certifies, named by the app that issued it, e.g. "events:attendance:12" or "learning:module:7".
    key = models.CharField(max_length=200)
    # The code printed on it and checked on the verification page: random and unguessable (see codes.py).
    code = models.CharField(max_length=24, unique=True)
    name = models.CharField(max_length=200, help_text="The person's name as it was when the certificate was issued.")
    title = models.CharField(max_length=200, help_text='The kind of certificate, e.g. "Certificate of attendance".')
    subject = models.CharField(max_length=300, help_text="What it is for: the event or the module.")
    detail = models.CharField(max_length=300, blank=True, help_text="One line under the subject.")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="certificate_once_per_person_and_key")]
        ordering = ["-issued_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}: {self.subject} ({self.code})"

    @property
    def pdf_url(self) -> str:
        return reverse("certificates:pdf", kwargs={"code": self.code})

    @property
    def verify_url(self) -> str:
        return reverse("certificates:verify") + f"?code={self.code}"
