"""A mail backend for tests that fails the way an SMTP server does: `FAILURES` lists, in order, the SMTP codes the
next sends get (then every send succeeds and is kept in `SENT`)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

FAILURES: list[int] = []
SENT: list[Any] = []


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        for message in email_messages:
            if FAILURES:
                code = FAILURES.pop(0)
                if code >= 500:
                    raise smtplib.SMTPRecipientsRefused({message.to[0]: (code, b"No such mailbox")})
                raise smtplib.SMTPResponseException(code, b"Try again later")
            SENT.append(message)
        return len(email_messages)
