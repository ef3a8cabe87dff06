"""Reading pages in tests the way a screen reader lists links: each link's whole text, visually hidden parts too."""

from __future__ import annotations

import html
import re

LINK = re.compile(r'<a\b[^>]*\bhref="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)


def link_texts(page: str, href_prefix: str) -> dict[str, str]:
    """{address: text} of every link whose address starts with `href_prefix`, tags taken out, spaces collapsed."""
    found: dict[str, str] = {}
    for match in LINK.finditer(page):
        href = html.unescape(match["href"])
        if href.startswith(href_prefix):
            text = re.sub(r"<[^>]+>", "", match["text"])
            found[href] = " ".join(html.unescape(text).split())
    return found
