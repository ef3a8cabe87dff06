"""The kinds of mail contributions sends, registered with comms (so the preferences page lists them)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

DECISION = "contributions.decision"
REVIEW_REMINDER = "contributions.review-reminder"


def register() -> None:
    register_mail_kind(
        DECISION,
        label="Decisions on what you shared with the hub",
        description="When an editor publishes a resource or case study you shared, or says why not.",
        category=MailCategory.NOTIFICATION,
        choices=(Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF),
    )
    register_mail_kind(
        REVIEW_REMINDER,
        label="Hub resources due for review",
        description="For hub editors and moderators: a reminder on the days resources are due for review.",
        category=MailCategory.REMINDER,
        choices=(Frequency.AT_ONCE, Frequency.OFF),
    )
