"""The one check of what makes a framework valid, on plain values: no database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wayfinder.frameworks.validation import MAX_LEVELS, Gap, Outline, gaps, key_is_valid

LEVELS = [(1, "Foundation"), (2, "Developing"), (3, "Mature")]
DIMENSIONS = [("purpose", "Purpose"), ("use-of-data", "Use of data")]


def every_cell(perspectives: tuple[str, ...] = ("",)) -> set[tuple[str, int, str]]:
    return {(key, position, p) for key, _ in DIMENSIONS for position, _ in LEVELS for p in perspectives}


def test_a_complete_matrix_has_no_gaps() -> None:
    assert gaps(Outline("matrix", LEVELS, DIMENSIONS, described=every_cell())) == []


def test_a_missing_cell_is_named_by_dimension_level_and_perspective() -> None:
    described = every_cell(("network", "system")) - {("use-of-data", 2, "system")}
    outline = Outline("check", LEVELS, DIMENSIONS, perspectives=("network", "system"), described=described)

    assert gaps(outline) == [
        Gap(
            "Use of data has no descriptor for Level 2: Developing from the system perspective.",
            "use-of-data",
            2,
            "system",
        )
    ]


def test_a_survey_needs_no_descriptors_but_does_need_levels_and_statements() -> None:
    assert gaps(Outline("survey", LEVELS, DIMENSIONS)) == []
    assert [gap.message for gap in gaps(Outline("survey", [(1, "Yes")], []))] == [
        "The framework has only 1 level. It needs at least 2.",
        "The framework has no dimensions. It needs at least 1.",
    ]


def test_too_many_levels_an_unknown_kind_and_bad_or_repeated_keys_are_gaps() -> None:
    levels = [(n, f"Level {n}") for n in range(1, MAX_LEVELS + 2)]
    outline = Outline("poster", levels, [("a", "A"), ("a", "Again"), ("Not a key", "B")])

    assert [gap.message for gap in gaps(outline)] == [
        'The kind must be matrix, survey or check. "poster" is not one.',
        f"There are {MAX_LEVELS + 1} levels. A framework can have up to {MAX_LEVELS}.",
        "The key a is used by more than one dimension.",
        '"Not a key" cannot be a key: use lower case letters, numbers, hyphens and underscores.',
    ]


def test_keys_are_lower_case_words_joined_by_hyphens_or_underscores() -> None:
    assert key_is_valid("use-of-data") and key_is_valid("step_2") and key_is_valid("1st")
    assert not key_is_valid("") and not key_is_valid("-lead") and not key_is_valid("Use of data")
    assert not key_is_valid("a" * 81)


outlines = st.builds(
    Outline,
    kind=st.sampled_from(["matrix", "check", "survey"]),
    levels=st.integers(0, 5).map(lambda n: [(p, f"Step {p}") for p in range(1, n + 1)]),
    dimensions=st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=4, unique=True).map(
        lambda keys: [(key, key.title()) for key in keys]
    ),
    perspectives=st.sampled_from([(), ("network", "system")]),
    described=st.just(frozenset()),
)


@given(outlines, st.data())
def test_describing_every_missing_cell_leaves_only_the_gaps_that_are_not_cells(
    outline: Outline, data: st.DataObject
) -> None:
    found = gaps(outline)
    cells = {(g.dimension_key, g.level_position, g.perspective) for g in found if g.level_position is not None}
    # Describe some of the missing cells: exactly those stop being gaps.
    chosen = data.draw(st.sets(st.sampled_from(sorted(cells)))) if cells else set()
    after = gaps(Outline(outline.kind, outline.levels, outline.dimensions, outline.perspectives, chosen))
    after_cells = {(g.dimension_key, g.level_position, g.perspective) for g in after if g.level_position is not None}

    assert after_cells == cells - chosen
    assert [g for g in after if g.level_position is None] == [g for g in found if g.level_position is None]
    if outline.kind == "survey":
        assert not cells
