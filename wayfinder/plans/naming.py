"""What a plan is called until someone renames it, and what its downloads are called: both say which round the
plan came from, so a network's plans and their files can be told apart."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.text import slugify


def default_title(*, purpose_label: str, opened_on: date, number: int = 1) -> str:
    """ "Development plan from the baseline of March 2026"; a second plan from the same round ends "(2)"."""
    title = f"Development plan from the {purpose_label.lower()} of {date_format(opened_on, 'F Y')}"
    return title if number <= 1 else f"{title} ({number})"


def file_stem(
    *, network_slug: str, purpose_label: str | None, opened_on: date | None, starts_on: date, number: int = 1
) -> str:
    """ "riverside-pcn-development-plan-from-baseline-2026-03-02": the network, and the round's purpose and the day it
    opened. A plan whose round has gone is named by the day it starts; a second plan from a round ends "-2"."""
    if purpose_label and opened_on:
        stem = f"{network_slug}-development-plan-from-{slugify(purpose_label)}-{opened_on.isoformat()}"
    else:
        stem = f"{network_slug}-development-plan-starting-{starts_on.isoformat()}"
    return stem if number <= 1 else f"{stem}-{number}"
