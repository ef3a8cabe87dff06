"""How a level is named wherever it is shown (pages, downloads, PDFs): "Level 2: Emerging", but just "Level 2"
when the level's name only says its number ("Two", "2", "Level 2"), so no label repeats itself."""

from __future__ import annotations

import re

NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip


def name_is_just_the_number(position: int, name: str) -> bool:
    """True when the name says nothing but this position: "One" or "1" or "Level one" for level 1."""
    words = re.sub(r"[^0-9a-z]+", " ", name.lower()).split()
    if words[:1] == ["level"]:
        words = words[1:]
    if not words:
        return True
    spelled = NUMBER_WORDS[position] if 0 <= position < len(NUMBER_WORDS) else None
    return len(words) == 1 and words[0] in {str(position), spelled}


def level_label(position: int | None, name: str) -> str:
    """The one label for a level: "Level 1: Foundation", or "Level 1" for a level named "One" (and the name alone
    when there is no position to give)."""
    if position is None:
        return name
    if name_is_just_the_number(position, name):
        return f"Level {position}"
    return f"Level {position}: {name}"
