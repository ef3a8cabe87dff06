"""Reading certificates: a person's own, and one by its code for the verification page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wayfinder.certificates import codes
from wayfinder.certificates.models import Certificate


def certificates_for(person: Any, key_prefix: str = "") -> QuerySet[Certificate]:
    """A person's certificates, newest first; only those whose key starts with `key_prefix` when given."""
    found = Certificate.objects.filter(person=person)
    if key_prefix:
        found = found.filter(key__startswith=key_prefix)
    return found.order_by("-issued_at", "-pk")


def certificate_by_code(text: str) -> Certificate | None:
    """The certificate a typed code names, or None: a code that was changed, mistyped or never issued finds nothing."""
    code = codes.normalise(text)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()
