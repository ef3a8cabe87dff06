"""Descriptors that repeat another cell word for word are found, with the cell they repeat."""

from __future__ import annotations

from wayfinder.frameworks.repeats import Cell, Repeat, find_repeats

A1 = Cell("purpose", "Purpose", "Level 1: Starting")
A2 = Cell("purpose", "Purpose", "Level 2: Working")
B1 = Cell("data", "Use of data", "Level 1: Starting", "system")
B2 = Cell("data", "Use of data", "Level 2: Working", "system")


def test_a_cell_that_repeats_an_earlier_one_is_named_with_the_first_cell_that_has_the_text() -> None:
    repeats = find_repeats([(A1, "Members agree."), (A2, "Members agree."), (B1, "Other."), (B2, "Members agree.")])
    assert repeats == [Repeat(A2, A1), Repeat(B2, A1)]
    assert str(repeats[1]) == (
        "Use of data at Level 2: Working, for the system repeats Purpose at Level 1: Starting word for word."
    )


def test_spacing_line_breaks_and_capitals_do_not_make_a_copy_different() -> None:
    assert find_repeats([(A1, "Members  agree\non a plan."), (A2, "members agree on a plan. ")]) == [Repeat(A2, A1)]


def test_empty_cells_and_different_texts_are_not_repeats() -> None:
    assert find_repeats([(A1, ""), (A2, "  "), (B1, "Members agree."), (B2, "Members agree a plan.")]) == []
