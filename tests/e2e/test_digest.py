"""The monthly digest in a browser: an editor assembles an issue from what is new, previews it, sends a test to
themself and sends it; a member opens the archived issue, unsubscribes from the link in the mail, changes their
email choices and downloads their data, which holds the digest they were sent and their choices. Every page is
checked with axe."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.conftest import Mailbox
from tests.e2e.conftest import assert_accessible, assert_fits_320, go
from tests.signing_in import sign_in_browser
from wayfinder.comms import kinds
from wayfinder.comms.models import MailPreference
from wayfinder.core.roles import AppointmentRole
from wayfinder.hub.services import hub_index_ensure

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_sends_a_digest_and_a_member_reads_it_unsubscribes_and_chooses_their_emails(
    live_server: Any, new_context: Any, mailbox: Mailbox, world: SimpleNamespace, settings: Any
) -> None:
    base = live_server.url
    settings.SITE_URL = base
    hub_index_ensure()
    f.hub_resource("peer-review-guide", title="A guide to peer review", summary="How to run a peer review.")
    editor = f.UserFactory.create(email="editor@example.org", full_name="Eddie Editor")
    f.AppointmentFactory.create(user=editor, role=AppointmentRole.EDITOR)

    # The editor starts an issue and picks from what is new.
    page = new_context().new_page()
    sign_in_browser(page, base, editor.email)
    page.goto(base + "/digest/edit/")
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Start a new issue"))
    assert_accessible(page)
    assert_fits_320(page)
    page.get_by_label("A guide to peer review").check()
    go(page, page.get_by_role("button", name="Add the ones you chose"))
    expect(page.get_by_text("Added 1 entry to the issue")).to_be_visible()
    page.fill("#id_title", "Wayfinder digest: January")
    page.fill("#id_introduction", "Happy new year from the Wayfinder team.")
    go(page, page.get_by_role("button", name="Save the title and introduction"))
    assert_accessible(page)

    # Preview, then a test to themself.
    go(page, page.get_by_role("link", name="Preview the issue as you would get it"))
    assert_accessible(page)
    assert_fits_320(page)
    expect(page.get_by_text("Happy new year from the Wayfinder team.", exact=True)).to_be_visible()
    go(page, page.get_by_role("link", name="Back to the issue"))
    go(page, page.get_by_role("button", name="Send me a test"))
    expect(page.get_by_text("A test copy is on its way")).to_be_visible()
    mailbox.wait_for(editor.email, subject_contains="Test: Wayfinder digest: January")

    # Send it now; the progress shows.
    page.get_by_label("Send it now").check()
    go(page, page.get_by_role("button", name="Send the issue"))
    expect(page.get_by_text("The issue is being sent")).to_be_visible()
    expect(page.get_by_role("heading", name="Sending")).to_be_visible()
    assert_accessible(page)

    # The member gets it, and opens the issue in the public archive from the mail.
    mail = mailbox.wait_for(world.member.email, subject_contains="Wayfinder digest: January")
    archive_link = next(url for url in mailbox.links(mail) if "/digest/issues/" in url)
    member = new_context(accept_downloads=True).new_page()
    member.goto(archive_link)
    assert_accessible(member)
    assert_fits_320(member)
    expect(member.get_by_role("heading", name="Wayfinder digest: January")).to_be_visible()
    expect(member.get_by_role("link", name="A guide to peer review")).to_be_visible()

    # Unsubscribes from the link in the mail: the page asks first, the button unsubscribes.
    unsubscribe = str(mail["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe in mailbox.body(mail)
    member.goto(base + urlsplit(unsubscribe).path)
    assert_accessible(member)
    assert not MailPreference.objects.filter(user=world.member).exists()
    go(member, member.get_by_role("button", name="Unsubscribe"))
    expect(member.get_by_text("You are unsubscribed")).to_be_visible()
    assert_accessible(member)
    assert MailPreference.objects.get(user=world.member, kind=kinds.DIGEST).frequency == "off"

    # Signs in and changes their choices: the digest back on, action reminders in a daily summary.
    sign_in_browser(member, base, world.member.email)
    member.goto(base + "/accounts/profile/")
    go(member, member.get_by_role("link", name="Choose which emails you get"))
    assert_accessible(member)
    assert_fits_320(member)
    expect(member.get_by_text("Invitations to join a network")).to_be_visible()  # a service message, listed
    member.get_by_role("group", name=re.compile("The monthly digest")).get_by_label("Send me the digest").check()
    member.get_by_role("group", name=re.compile("Reminders about plan actions you own")).get_by_label(
        "Send one summary a day"
    ).check()
    go(member, member.get_by_role("button", name="Save your choices"))
    expect(member.get_by_text("Your email choices are saved")).to_be_visible()
    assert_accessible(member)
    chosen = dict(MailPreference.objects.filter(user=world.member).values_list("kind", "frequency"))
    assert chosen[kinds.DIGEST] == "at_once" and chosen["plans.action-reminder"] == "daily"

    # Downloads their data: the mail they were sent and the choices they made are in it.
    member.goto(base + "/accounts/profile/")
    go(member, member.get_by_role("link", name="Download your data or delete your account"))
    go(member, member.get_by_role("button", name="Email me a copy of my data"))
    expect(member.get_by_text("We are preparing your data")).to_be_visible()
    ready = mailbox.wait_for(world.member.email, subject_contains="ready to download")
    link = next(url for url in mailbox.links(ready) if "/accounts/my-data/download/" in url)
    member.goto(base + urlsplit(link).path)
    assert_accessible(member)
    with member.expect_download() as download:
        member.get_by_role("button", name="Download the ZIP file").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    sent = list(csv.reader(io.StringIO(archive.read("mail/mail-sent-to-you.csv").decode("utf-8-sig"))))
    assert any("Wayfinder digest: January" in cell for row in sent for cell in row)
    choices = list(csv.reader(io.StringIO(archive.read("mail/preferences.csv").decode("utf-8-sig"))))
    assert {(row[0], row[1]) for row in choices[1:]} >= {(kinds.DIGEST, "at_once"), ("plans.action-reminder", "daily")}
