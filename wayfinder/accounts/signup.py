"""What a person agrees to when they create an account.

`comms` owns the privacy notice and the mailing consent; it registers each as an `Agreement` here from its
`AppConfig.ready()`, so the sign-up form asks for it and records it without accounts importing comms. The form adds
a checkbox for each agreement that is `available()` (a version has been published), refuses to create the account
without the required ones, and calls `record(user, agreed)` for each, in the same transaction as the account.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Agreement:
    key: str  # e.g. "privacy"; the form's field is agree_<key>
    label: str  # the checkbox's words, e.g. "I have read the privacy notice and agree to it"
    required: bool
    required_message: str  # what the error says when a required one is not ticked
    available: Callable[[], bool]  # False while there is nothing to agree to (no version published)
    record: Callable[[Any, bool], None]  # records what the new person chose: (user, agreed)
    # A link to read first, as (words, address), shown above the checkbox.
    link: Callable[[], tuple[str, str]] | None = None


agreements: list[Agreement] = []


def register(agreement: Agreement) -> Agreement:
    """Register an agreement; registering one with the same key again replaces it."""
    for index, held in enumerate(agreements):
        if held.key == agreement.key:
            agreements[index] = agreement
            return agreement
    agreements.append(agreement)
    return agreement
