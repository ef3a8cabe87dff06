"""The demo's digest: one issue in the public archive and a draft for the editor, made once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from wayfinder.comms.models import Delivery, DigestIssue, DigestStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_puts_one_issue_in_the_archive_and_leaves_a_draft_once(client: Client) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    sent, draft = DigestIssue.objects.order_by("pk")
    assert (sent.status, draft.status) == (DigestStatus.SENT, DigestStatus.DRAFT)
    assert sent.items.count() == 4 and draft.items.count() == 2
    assert not Delivery.objects.filter(digest_issue=sent).exists()  # nobody was mailed
    page = client.get(f"/digest/issues/{sent.slug}/").content.decode()
    assert "Welcome to the first Wayfinder digest." in page
    assert client.get(f"/digest/issues/{draft.slug}/").status_code == 404
