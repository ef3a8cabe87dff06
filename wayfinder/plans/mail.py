"""The kinds of mail plans sends, registered with comms (so the preferences page lists them)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

ACTION_REMINDER = "plans.action-reminder"


def register() -> None:
    register_mail_kind(
        ACTION_REMINDER,
        label="Reminders about plan actions you own",
        description="A reminder when an action you own in a development plan is nearly due.",
        category=MailCategory.REMINDER,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
