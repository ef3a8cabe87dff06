"""My data and consent, as people do them: a member emails themself a copy of their data and downloads it once;
the only lead of a network is told to hand it over before deleting their account; a member deletes theirs; a
subscriber confirms from a re-consent mail's link without signing in."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.factories import PASSWORD
from tests.signing_in import sign_in_browser
from wayfinder.accounts.models import User
from wayfinder.comms import consent
from wayfinder.comms.consent_models import ConsentRecord, PolicyKind

pytestmark = pytest.mark.django_db(transaction=True)


def path(link: str) -> str:
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_download_my_data_then_delete_my_account(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace
) -> None:
    base = live_server.url
    member = new_context(accept_downloads=True).new_page()
    sign_in_browser(member, base, world.member.email)
    member.goto(f"{base}/accounts/profile/")
    go(member, member.get_by_role("link", name="Download your data or delete your account"))
    assert_accessible(member)
    assert_fits_320(member)
    go(member, member.get_by_role("button", name="Email me a copy of my data"))
    expect(member.get_by_text("We are preparing your data")).to_be_visible()
    assert_accessible(member)

    mail = mailbox.wait_for(world.member.email, subject_contains="ready to download")
    link = next(url for url in mailbox.links(mail) if "/accounts/my-data/download/" in url)
    member.goto(base + path(link))
    assert_accessible(member)
    with member.expect_download() as download:
        member.get_by_role("button", name="Download the ZIP file").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert json.loads(archive.read("account/profile.json"))["email"] == world.member.email
    member.goto(base + path(link))
    expect(member.get_by_text("This download link does not work")).to_be_visible()
    assert_accessible(member)

    # The only lead of a network is told to hand it over first.
    lead = new_context().new_page()
    sign_in_browser(lead, base, world.lead.email)
    lead.goto(f"{base}/accounts/my-data/delete/")
    expect(lead.get_by_text("You are the only lead of Riverside PCN")).to_be_visible()
    expect(lead.get_by_role("button", name="Delete my account")).to_have_count(0)
    assert_accessible(lead)

    # The member deletes their account, after one mistake.
    member.goto(f"{base}/accounts/my-data/")
    go(member, member.get_by_role("link", name="Delete your account"))
    assert_accessible(member)
    member.fill("#id_password", PASSWORD)
    go(member, member.get_by_role("button", name="Delete my account"))
    expect(member.get_by_role("link", name="Tick the box to say you understand")).to_be_visible()
    assert_accessible(member)
    member.fill("#id_password", PASSWORD)
    member.get_by_label("I understand that my account will be deleted").check()
    go(member, member.get_by_role("button", name="Delete my account"))
    expect(member.get_by_role("heading", name="Your account has been deleted")).to_be_visible()
    assert_accessible(member)
    assert not User.objects.filter(email=world.member.email).exists()


def test_confirm_from_a_re_consent_mail_without_signing_in(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace
) -> None:
    base = live_server.url
    consent.policy_publish(
        kind=PolicyKind.MAILING,
        text="We will email you the monthly digest.\n\nYou can stop it at any time.",
        published_by=world.admin,
    )
    admin = new_context().new_page()
    sign_in_browser(admin, base, world.admin.email)
    admin.goto(f"{base}/accounts/consent/manage/")
    assert_accessible(admin)
    admin.fill("#id_campaign-deadline", (timezone.localdate() + timedelta(days=21)).isoformat())
    admin.fill("#id_campaign-message", "The law has changed, so we must ask again.")
    go(admin, admin.get_by_role("button", name="Send the request to confirm"))
    expect(admin.get_by_text("We are asking every subscriber to confirm")).to_be_visible()
    assert_accessible(admin)

    mail = mailbox.wait_for(world.member.email, subject_contains="confirm you still want")
    link = next(url for url in mailbox.links(mail) if "/accounts/consent/confirm/" in url)
    stranger = new_context().new_page()
    stranger.goto(base + path(link))
    assert_accessible(stranger)
    assert_fits_320(stranger)
    assert not ConsentRecord.objects.exists()
    go(stranger, stranger.get_by_role("button", name="Yes, keep sending me emails"))
    expect(stranger.get_by_role("heading", name="Thank you for confirming")).to_be_visible()
    assert_accessible(stranger)
    assert ConsentRecord.objects.get().user == world.member

    admin.reload()
    expect(admin.get_by_role("cell", name="1", exact=True)).to_be_visible()
