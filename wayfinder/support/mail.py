"""The kinds of mail support sends, registered with comms (so the preferences page lists them)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

REQUEST_RECEIVED = "support.request-received"
REQUEST_DECISION = "support.request-decision"


def register() -> None:
    register_mail_kind(
        REQUEST_RECEIVED,
        label="Support requests to your system",
        description="When a network in a system you lead asks it for support.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
    register_mail_kind(
        REQUEST_DECISION,
        label="Decisions on your network's support requests",
        description="When a system accepts, declines or delivers support your network asked for.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
