"""Mail that carries files: the app registers how to make them from the delivery, and every attempt attaches the
same files, made again from the delivery's key."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import Mailbox
from wayfinder.comms import pipeline, registry
from wayfinder.comms.models import Delivery
from wayfinder.comms.registry import MailCategory

KIND = "test.with-file"
PLAIN = "test.without-file"


def make(delivery: Delivery) -> Sequence[pipeline.Attachment]:
    number = delivery.key.rpartition(":")[2]
    return [pipeline.Attachment(f"note-{number}.txt", f"Note number {number}".encode(), "text/plain")]


@pytest.fixture(autouse=True)
def kinds() -> Iterator[None]:
    registry.register_mail_kind(KIND, label="Files", description="", category=MailCategory.SERVICE, choices=())
    registry.register_mail_kind(PLAIN, label="Plain", description="", category=MailCategory.SERVICE, choices=())
    pipeline.register_attachments(KIND, make)
    yield
    pipeline.attachment_makers.pop(KIND, None)
    registry._mail_kinds.pop(KIND, None)
    registry._mail_kinds.pop(PLAIN, None)


def test_a_registered_kind_carries_the_files_made_from_its_key(
    world: SimpleNamespace, mailbox: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.mail_send(kind=KIND, key="test.file:7", to=[world.member.email], subject="A file", text="See it.")
        pipeline.mail_send(kind=PLAIN, key="test.plain:7", to=[world.lead.email], subject="No file", text="None.")
    message = mailbox.wait_for(world.member.email)
    files = list(message.iter_attachments())
    assert [part.get_filename() for part in files] == ["note-7.txt"]
    assert files[0].get_content() == "Note number 7"
    assert message.get_body(preferencelist=("plain",)) is not None
    plain = mailbox.wait_for(world.lead.email)
    assert list(plain.iter_attachments()) == []
