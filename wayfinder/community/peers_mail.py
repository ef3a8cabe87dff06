"""The kinds of mail peers to learn from sends, registered with comms (so the preferences page lists them)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

CONTACT_RECEIVED = "community.peer-contact-received"
CONTACT_ANSWERED = "community.peer-contact-answered"


def register() -> None:
    register_mail_kind(
        CONTACT_RECEIVED,
        label="Networks asking to learn from yours",
        description="When the lead of another network asks a network you lead to get in touch.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
    register_mail_kind(
        CONTACT_ANSWERED,
        label="Answers to your requests to get in touch",
        description="When a network you asked to learn from accepts or declines.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
