"""Issuing certificates. Apps that give them (events, learning) call `certificate_issue`; nothing else writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wayfinder.certificates import codes
from wayfinder.certificates.models import Certificate

# A fresh code clashing with one issued before is vanishingly unlikely; try again a few times rather than never.
_CODE_ATTEMPTS = 5


def certificate_issue(*, person: Any, key: str, title: str, subject: str, detail: str = "") -> Certificate:
    """The person's certificate for `key`, issued now if they have none yet. Issuing again (a retake, a second
    click, two requests at once) returns the one already issued, so a person never holds two for the same thing."""
    if not key.strip() or not title.strip() or not subject.strip():
        raise ValidationError("A certificate needs what it is for, its title and its subject.")
    existing = Certificate.objects.filter(person=person, key=key).first()
    if existing is not None:
        return existing
    name = (person.full_name or person.display_name).strip()
    for _ in range(_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    person=person,
                    key=key,
                    code=codes.new_code(),
                    name=name,
                    title=title.strip(),
                    subject=subject.strip(),
                    detail=detail.strip(),
                )
        except IntegrityError:
            # Either someone else issued it a moment ago (return theirs) or the code clashed (try another).
            existing = Certificate.objects.filter(person=person, key=key).first()
            if existing is not None:
                return existing
    raise RuntimeError("Could not find an unused certificate code")
