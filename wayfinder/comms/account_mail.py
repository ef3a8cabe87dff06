"""Account mail on the pipeline: allauth's messages (confirm your address, reset your password, your sign-in code,
your password changed) are service messages, sent once each and never turned off."""

from __future__ import annotations

import uuid

from wayfinder.comms import registry
from wayfinder.comms.pipeline import mail_send

ACCOUNT = "accounts.account"


def register() -> None:
    registry.register_mail_kind(
        ACCOUNT,
        label="Your account",
        description=(
            "Confirming your email address, resetting your password, sign-in codes, and telling you when your "
            "password or email address changes."
        ),
        category=registry.MailCategory.SERVICE,
        choices=(),
    )
    # accounts never imports comms: it hands its mail to whoever registered here.
    from wayfinder.accounts import adapter

    adapter.account_mail_sender = send


def send(*, template: str, to: str, subject: str, text: str) -> None:
    """One account mail. Each is a message of its own (a second reset link is a new message), so its key is new."""
    name = template.rsplit("/", 1)[-1]
    mail_send(kind=ACCOUNT, key=f"{ACCOUNT}:{name}:{uuid.uuid4().hex}", to=[to], subject=subject, text=text)
