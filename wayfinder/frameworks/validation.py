"""What makes a framework well formed and complete, checked on plain values with no Django in them.

The built-in frameworks (`loading.py`), the import (`io.py`) and the editor (`services.py`) all ask here, so
a framework one of them accepts the others accept too. `gaps` lists everything that stops a framework
being published; the limits and the rule for dimension keys are the ones every form of editing keeps to.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from wayfinder.frameworks.labels import level_label

NAME_MAX_LENGTH = 200
LEVEL_NAME_MAX_LENGTH = 80
GROUP_MAX_LENGTH = 80
KEY_MAX_LENGTH = 80
MIN_LEVELS = 2
MIN_DIMENSIONS = 1
MAX_LEVELS = 20
MAX_DIMENSIONS = 200
KINDS = ("matrix", "survey", "check")
# Kinds whose every cell must be described before a version is published; a survey's levels are an answer
# scale, so its statements need no descriptors.
KINDS_NEEDING_DESCRIPTORS = frozenset({"matrix", "check"})
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")


def key_is_valid(key: str) -> bool:
    """A dimension key: lower case letters, numbers, hyphens and underscores, starting with a letter or number."""
    return len(key) <= KEY_MAX_LENGTH and KEY_PATTERN.fullmatch(key) is not None


@dataclass(frozen=True)
class Outline:
    """A framework version as plain values.

    `levels` are (position, name), lowest first; `dimensions` are (key, name) in order; `perspectives` is
    empty when each cell has one description; `described` holds every (dimension key, level position,
    perspective) cell that has text, the perspective "" when there are none.
    """

    kind: str
    levels: Sequence[tuple[int, str]]
    dimensions: Sequence[tuple[str, str]]
    perspectives: Sequence[str] = ()
    described: Collection[tuple[str, int, str]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Gap:
    """Something a version needs before it can be published; a missing cell names its dimension and level."""

    message: str
    dimension_key: str = ""
    level_position: int | None = None
    perspective: str = ""


def gaps(outline: Outline) -> list[Gap]:
    """Everything that stops the framework being published, in reading order; empty when it is complete."""
    found: list[Gap] = []
    if outline.kind not in KINDS:
        found.append(Gap(f'The kind must be matrix, survey or check. "{outline.kind}" is not one.'))
    levels, dimensions = len(outline.levels), len(outline.dimensions)
    if levels < MIN_LEVELS:
        have = "only 1 level" if levels == 1 else "no levels"
        found.append(Gap(f"The framework has {have}. It needs at least {MIN_LEVELS}."))
    elif levels > MAX_LEVELS:
        found.append(Gap(f"There are {levels} levels. A framework can have up to {MAX_LEVELS}."))
    if dimensions < MIN_DIMENSIONS:
        found.append(Gap("The framework has no dimensions. It needs at least 1."))
    elif dimensions > MAX_DIMENSIONS:
        found.append(Gap(f"There are {dimensions} dimensions. A framework can have up to {MAX_DIMENSIONS}."))
    seen: set[str] = set()
    for key, _ in outline.dimensions:
        if not key_is_valid(key):
            found.append(
                Gap(f'"{key}" cannot be a key: use lower case letters, numbers, hyphens and underscores.', key)
            )
        elif key in seen:
            found.append(Gap(f"The key {key} is used by more than one dimension.", key))
        seen.add(key)
    if outline.kind not in KINDS_NEEDING_DESCRIPTORS:
        return found
    for key, name in outline.dimensions:
        for position, level_name in outline.levels:
            for perspective in outline.perspectives or ("",):
                if (key, position, perspective) not in outline.described:
                    view = f" from the {perspective} perspective" if perspective else ""
                    message = f"{name} has no descriptor for {level_label(position, level_name)}{view}."
                    found.append(Gap(message, key, position, perspective))
    return found
