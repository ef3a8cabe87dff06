"""The kind of mail events send after an event, registered with comms (so the preferences page lists it)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

FOLLOW_UP = "events.follow-up"


def register() -> None:
    register_mail_kind(
        FOLLOW_UP,
        label="After events you attended",
        description="The exit survey and the knowledge check of an event you attended, and where its recording is.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.OFF),
    )
