"""The kinds of mail the community sends, registered with comms (so the preferences page lists them)."""

from __future__ import annotations

from wayfinder.comms.registry import Frequency, MailCategory, register_mail_kind

ACTIVITY = "community.activity"
MENTION = "community.mention"
MODERATION = "community.moderation"

CHOICES = (Frequency.AT_ONCE, Frequency.DAILY, Frequency.OFF)


def register() -> None:
    register_mail_kind(
        ACTIVITY,
        label="Community replies and new threads",
        description="Replies to threads you follow, new threads in topics and spaces you follow, and answers of "
        "yours that were accepted.",
        category=MailCategory.NOTIFICATION,
        choices=CHOICES,
    )
    register_mail_kind(
        MENTION,
        label="Community mentions",
        description="When someone mentions you in a post.",
        category=MailCategory.NOTIFICATION,
        choices=CHOICES,
    )
    register_mail_kind(
        MODERATION,
        label="Moderators' decisions about your posts",
        description="When a moderator hides or restores a post of yours, or stops you posting for a time.",
        category=MailCategory.SERVICE,
    )
