"""The kinds of mail comms sends itself."""

from __future__ import annotations

from wayfinder.comms import registry

DIGEST = "comms.digest"
DIGEST_TEST = "comms.digest-test"
DAILY_SUMMARY = "comms.daily-summary"


def register() -> None:
    registry.register_mail_kind(
        DIGEST,
        label="The monthly digest",
        description="New resources, case studies and what is coming up, once a month, with a part for your network.",
        category=registry.MailCategory.DIGEST,
        choices=(registry.Frequency.AT_ONCE, registry.Frequency.OFF),
        choice_labels={registry.Frequency.AT_ONCE: "Send me the digest", registry.Frequency.OFF: "Do not send it"},
    )
    registry.register_mail_kind(
        DIGEST_TEST,
        label="Test copies of the digest",
        description="Only the digest's editors get these, when they send themselves a test before sending an issue.",
        category=registry.MailCategory.SERVICE,
        choices=(),
    )
    registry.register_mail_kind(
        DAILY_SUMMARY,
        label="Your daily summary",
        description="One email a day with the emails you chose to get in a summary. Turn it off to get none of them.",
        category=registry.MailCategory.NOTIFICATION,
        choices=(registry.Frequency.AT_ONCE, registry.Frequency.OFF),
        choice_labels={registry.Frequency.AT_ONCE: "Send my daily summary", registry.Frequency.OFF: "Do not send it"},
    )
