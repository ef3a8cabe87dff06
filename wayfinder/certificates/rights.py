"""What certificates hold about a person, for "download my data", and what deleting the account removes."""

from __future__ import annotations

from typing import Any

from wayfinder.certificates.models import Certificate
from wayfinder.comms.registry import DataFile


def export(user: Any) -> list[DataFile]:
    return [
        DataFile(
            name="certificates/certificates.csv",
            header=["Certificate", "For", "Detail", "Name on it", "Code", "Issued"],
            rows=[
                [c.title, c.subject, c.detail, c.name, c.code, c.issued_at]
                for c in Certificate.objects.filter(person=user).order_by("pk")
            ],
        )
    ]


def erase(user: Any) -> None:
    # A certificate names the person; once they are gone it can no longer be verified, which is what they asked.
    Certificate.objects.filter(person=user).delete()
