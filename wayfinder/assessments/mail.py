"""The kinds of mail assessments sends, registered with comms (so the preferences page lists them)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

RATER_INVITATION = "assessments.rater-invitation"
RATER_REMINDER = "assessments.rater-reminder"


def register() -> None:
    register_mail_kind(
        RATER_INVITATION,
        label="Invitations to rate",
        description="When a network's lead asks you to rate in a round, the link to do it.",
        category=MailCategory.SERVICE,
        choices=(),
    )
    register_mail_kind(
        RATER_REMINDER,
        label="Reminders to finish rating",
        description="One reminder a few days before a round you are rating in closes, if you have not finished.",
        category=MailCategory.REMINDER,
        choices=(Frequency.AT_ONCE, Frequency.OFF),
    )
