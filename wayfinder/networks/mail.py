"""The kinds of mail networks sends, registered with comms (so the preferences page lists them)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

INVITATION = "networks.invitation"
JOIN_REQUEST = "networks.join-request"
JOIN_DECISION = "networks.join-decision"


def register() -> None:
    register_mail_kind(
        INVITATION,
        label="Invitations to join a network",
        description="When a lead invites you to a network, the link to accept.",
        category=MailCategory.SERVICE,
        choices=(),
    )
    register_mail_kind(
        JOIN_REQUEST,
        label="Requests to join a network you lead",
        description="When someone asks to join a restricted network you lead, so you can decide.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
    register_mail_kind(
        JOIN_DECISION,
        label="Answers to your requests to join",
        description="Whether a network's lead accepted you.",
        category=MailCategory.SERVICE,
        choices=(),
    )
