"""Signed one-click unsubscribe tokens: each names one person (their account, or the address of someone without
one) and one kind of mail, and cannot be forged."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "wayfinder.comms.unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    kind: str
    user_id: int | None = None
    email: str = ""


def unsubscribe_token(*, kind: str, user_id: int | None = None, email: str = "") -> str:
    """A token for the `List-Unsubscribe` address. It does not expire: mail is read long after it is sent."""
    if user_id is None and not email:
        raise ValueError("An unsubscribe token names an account or an address")
    return signing.dumps([kind, user_id] if user_id is not None else [kind, None, email.lower()], salt=SALT)


def unsubscribe_read(token: str) -> Unsubscribe | None:
    """Who and which kind of mail a token names, or None for a token that was changed, cut short or made up."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    match value:
        case [str(kind), int(user_id)]:
            return Unsubscribe(kind=kind, user_id=user_id)
        case [str(kind), None, str(email)] if email:
            return Unsubscribe(kind=kind, email=email)
    return None
