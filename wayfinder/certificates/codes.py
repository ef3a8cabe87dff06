"""Verification codes: random, unguessable, easy to read aloud and type. Pure, no Django."""

from __future__ import annotations

import re
import secrets

# Crockford's base 32: digits and capitals without I, L, O and U, so nothing is mistaken for something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_SIZE = 4  # 12 characters of 5 bits: 60 random bits, far too many to guess
PREFIX = "WF"
PATTERN = re.compile(rf"^{PREFIX}(-[{ALPHABET}]{{{GROUP_SIZE}}}){{{GROUPS}}}$")
# What people type for what they meant: lower case, O for zero, I and L for one.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_SIZE)) for _ in range(GROUPS))
    return "-".join([PREFIX, *groups])


def normalise(text: str) -> str | None:
    """The code a person meant, from what they typed (any case, spaces, with or without dashes); None when it
    cannot be a code at all."""
    compact = re.sub(r"[\s-]", "", text.upper())
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    compact = compact.translate(_READ_AS)
    if len(compact) != GROUPS * GROUP_SIZE or any(c not in ALPHABET for c in compact):
        return None
    parts = [compact[i : i + GROUP_SIZE] for i in range(0, len(compact), GROUP_SIZE)]
    return "-".join([PREFIX, *parts])
