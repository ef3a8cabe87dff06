"""Markdown from a post becomes safe HTML: no raw HTML, no scripts, no event handlers, no javascript: links."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from wayfinder.community.markup import mention_name, mentioned_names, plain, render

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div onclick="alert(1)">x</div>',
    "<iframe src=https://example.org></iframe>",
    '<svg onload="alert(1)">',
    "![x](javascript:alert(1))",
    '[x](https://example.org "title" onmouseover=alert(1))',
    "<style>body{display:none}</style>",
]


class Elements(HTMLParser):
    """Every element and attribute in some HTML, as a browser would build them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_neutralised(text: str) -> None:
    for tag, attrs in elements(render(text)):
        assert tag not in {"script", "img", "iframe", "svg", "style", "div", "object", "embed"}, tag
        assert not [name for name in attrs if name.startswith("on")], attrs
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:")), href


def test_raw_html_is_shown_as_text() -> None:
    assert render("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"


def test_ordinary_markdown_is_kept() -> None:
    html = render("# Title\n\n**bold** and *it* [a link](https://example.org)\n\n> quoted\n\n- one\n- two")
    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">a link</a>' in html
    assert "<blockquote>" in html and "<li>one</li>" in html


def test_plain_text_for_mail_and_quotes() -> None:
    assert plain("**Hello** <script>x</script> there") == "Hello <script>x</script> there"
    assert plain("word " * 100, most=20).endswith("…")


def test_mentions_are_names_without_spaces() -> None:
    assert mention_name("Lena  Lead") == "LenaLead"
    assert mentioned_names("Thanks @LenaLead and @MaxMember, and @lenalead again; email a@b.org") == [
        "lenalead",
        "maxmember",
    ]
