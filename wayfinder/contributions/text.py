"""Plain text from a contribution form turned into rich text for a Wagtail page: paragraphs only, every
character escaped, so no markup a contributor types survives as markup."""

from __future__ import annotations

import re
from html import escape

_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a piece of plain text: split at blank lines, with whitespace inside each tidied."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(part.split()) for part in _BLANK_LINES.split(normalised) if part.strip()]


def to_rich_text(text: str) -> str:
    """Each paragraph as a <p> element with its text escaped; an empty string for empty text."""
    return "".join(f"<p>{escape(paragraph, quote=False)}</p>" for paragraph in paragraphs(text))
