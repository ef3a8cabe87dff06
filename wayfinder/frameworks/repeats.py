"""Descriptors that repeat another cell word for word: worth a warning, never a reason to refuse a framework.

A matrix whose cells copy each other cannot tell its levels apart there, and raters notice. Imports and drafts
list each repeat with the cell it repeats, so the person can decide whether it is meant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """Where a descriptor sits, in words: "Use of data at Level 2: Step 1, for the system"."""

    dimension_key: str
    dimension: str
    level: str
    perspective: str = ""

    def __str__(self) -> str:
        view = f", for the {self.perspective}" if self.perspective else ""
        return f"{self.dimension} at {self.level}{view}"


@dataclass(frozen=True)
class Repeat:
    cell: Cell
    same_as: Cell

    def __str__(self) -> str:
        return f"{self.cell} repeats {self.same_as} word for word."


def _words(text: str) -> str:
    """The text as its words: spacing, line breaks and capital letters do not make a copy different."""
    return " ".join(text.split()).casefold()


def find_repeats(cells: Iterable[tuple[Cell, str]]) -> list[Repeat]:
    """Each cell whose text is the same as an earlier cell's, with the first cell that has it. Cells come in the
    order the framework is read (dimension, then level, then perspective); empty cells are not compared."""
    first: dict[str, Cell] = {}
    repeats: list[Repeat] = []
    for cell, text in cells:
        words = _words(text)
        if not words:
            continue
        if words in first:
            repeats.append(Repeat(cell=cell, same_as=first[words]))
        else:
            first[words] = cell
    return repeats
