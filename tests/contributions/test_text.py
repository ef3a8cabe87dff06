"""Plain text from the contribution forms becomes rich text made only of escaped paragraphs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wayfinder.contributions.text import paragraphs, to_rich_text


def test_blank_lines_separate_paragraphs_and_single_line_breaks_do_not() -> None:
    text = "First line\r\nstill first.\r\n\r\n\r\n  Second   paragraph.  \n\n"

    assert paragraphs(text) == ["First line still first.", "Second paragraph."]
    assert to_rich_text(text) == "<p>First line still first.</p><p>Second paragraph.</p>"


def test_markup_is_shown_as_text_never_kept() -> None:
    html = to_rich_text('<script>alert("x")</script>\n\n<a href="javascript:x()">click</a> & more')

    assert "<script" not in html and "<a " not in html
    assert html == (
        '<p>&lt;script&gt;alert("x")&lt;/script&gt;</p><p>&lt;a href="javascript:x()"&gt;click&lt;/a&gt; &amp; more</p>'
    )


def test_empty_text_gives_empty_rich_text() -> None:
    assert to_rich_text("  \n\n \n") == ""


@given(st.text())
def test_the_only_tags_in_the_output_are_paragraphs(text: str) -> None:
    html = to_rich_text(text)
    assert html.replace("<p>", "").replace("</p>", "").count("<") == 0
