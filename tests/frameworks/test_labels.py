"""A level's label says its name once: "Level 2: Emerging", or "Level 2" when the name is only the number."""

from __future__ import annotations

import pytest

from wayfinder.frameworks.labels import level_label


@pytest.mark.parametrize(
    ("position", "name", "label"),
    [
        (1, "One", "Level 1"),
        (5, "five", "Level 5"),
        (3, "3", "Level 3"),
        (2, "Level 2", "Level 2"),
        (2, "Level two.", "Level 2"),
        (4, "", "Level 4"),
        (1, "Foundation", "Level 1: Foundation"),
        (2, "Step 1", "Level 2: Step 1"),
        (2, "One", "Level 2: One"),  # a name that says another number is worth showing
        (1, "One team", "Level 1: One team"),
        (25, "Twenty-five", "Level 25: Twenty-five"),
        (None, "Foundation", "Foundation"),
    ],
)
def test_the_label_shows_the_name_only_when_it_says_more_than_the_number(
    position: int | None, name: str, label: str
) -> None:
    assert level_label(position, name) == label
