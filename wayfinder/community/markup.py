"""Markdown a person writes, made into HTML that is safe to show: markdown-it-py with raw HTML turned off, then
nh3 (the ammonia sanitiser) keeping only the tags and addresses a post needs. Pure: no Django in it."""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt

# CommonMark with raw HTML off (it is shown as text), plus tables and strikethrough.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "a", "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}

# "@" then a name written without spaces, as people are shown: @LenaLead.
MENTION = re.compile(r"(?<![\w@])@([A-Za-z][\w'-]{1,60})")


def render(text: str) -> str:
    """The Markdown `text` as sanitised HTML. A heading starts at level 2 (the page has the level 1)."""
    drawn = _markdown.render(text)
    drawn = re.sub(r"<(/?)h1>", r"<\1h2>", drawn)
    return nh3.clean(
        drawn,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def plain(text: str, most: int = 200) -> str:
    """A short excerpt of the Markdown as plain words, for notifications, quotes and mail."""
    words = " ".join(html.unescape(nh3.clean(render(text), tags=set())).split())
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


def mentioned_names(text: str) -> list[str]:
    """The names mentioned with "@", lower-cased, each once, in order (at most ten)."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)[:10]


def mention_name(full_name: str) -> str:
    """How a person is mentioned: their name without spaces (Lena Lead is @LenaLead)."""
    return "".join(full_name.split())
