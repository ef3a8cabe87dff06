"""Demo consent and data requests for `manage.py seed_demo`, as `consent_demo.yaml` describes them: version 1 of the
privacy notice and of the mailing consent, agreed to by every demo person, and one data request in the log."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from wayfinder.comms import consent, data_rights
from wayfinder.comms.consent_models import ConsentRecord, PolicyKind
from wayfinder.comms.data_rights_models import DataRequest
from wayfinder.core.datafiles import read_yaml

DEMO = read_yaml(Path(__file__).resolve().parent / "consent_demo.yaml")


def seed() -> list[str]:
    people = list(get_user_model().objects.filter(email__endswith="@" + DEMO["domain"]))
    if not people:
        return []
    texts = {PolicyKind.PRIVACY: DEMO["privacy_notice"], PolicyKind.MAILING: DEMO["mailing_consent"]}
    for kind, text in texts.items():
        policy = consent.current_policy(kind) or consent.policy_publish(kind=kind, text=text, published_by=None)
        agreed = set(ConsentRecord.objects.filter(policy=policy).values_list("user_id", flat=True))
        ConsentRecord.objects.bulk_create(
            [ConsentRecord(user=person, policy=policy) for person in people if person.pk not in agreed]
        )
    member = next((p for p in people if p.email == f"{DEMO['data_request_by']}@{DEMO['domain']}"), None)
    if member is not None and not DataRequest.objects.filter(user=member).exists():
        data_rights.data_export_request(user=member, requested_by=member)
    return [
        "Demo consent: every demo person agreed to version 1 of the privacy notice and the mailing consent; "
        "site admins see consent at /accounts/consent/manage/ and data requests at /accounts/my-data/requests/."
    ]
