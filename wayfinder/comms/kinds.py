"""The kinds of mail comms sends itself."""

from __future__ import annotations

from wayfinder.comms import registry

DIGEST = "comms.digest"


def register() -> None:
    registry.register_mail_kind(
        DIGEST,
        label="The monthly digest",
        description="New resources, case studies and what is coming up, once a month, with a part for your network.",
        category=registry.MailCategory.DIGEST,
        choices=(registry.Frequency.AT_ONCE, registry.Frequency.OFF),
        choice_labels={registry.Frequency.AT_ONCE: "Send me the digest", registry.Frequency.OFF: "Do not send it"},
    )
