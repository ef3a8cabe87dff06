"""A mail's two parts: the plain text as written, and an accessible HTML part in the NHS.UK look with its styles
written into each tag (many mail programs drop a <style> block)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import css_inline
from django.template.loader import render_to_string
from markupsafe import Markup, escape

_LINK = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


@dataclass(frozen=True)
class Footer:
    """Why the person got the mail and how to stop it; no links for a service message sent to a bare address."""

    reason: str
    unsubscribe_url: str = ""
    preferences_url: str = ""


def text_to_html(text: str) -> Markup:
    """Plain text as HTML: each block of lines a paragraph, each line kept, each full address a link."""
    paragraphs = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(_lines_with_links(block)) for block in paragraphs)


def _lines_with_links(block: str) -> Markup:
    html_lines = []
    for line in block.strip().splitlines():
        parts, last = [], 0
        for match in _LINK.finditer(line):
            parts.append(escape(line[last : match.start()]))
            parts.append(Markup('<a href="{0}">{0}</a>').format(match.group(0)))
            last = match.end()
        parts.append(escape(line[last:]))
        html_lines.append(Markup("").join(parts))
    return Markup("<br>\n").join(html_lines)


def text_footer(footer: Footer) -> str:
    lines = ["", "", "---", footer.reason]
    if footer.unsubscribe_url:
        lines.append(f"To stop these emails, open: {footer.unsubscribe_url}")
    if footer.preferences_url:
        lines.append(f"Choose which emails you get: {footer.preferences_url}")
    return "\n".join(lines) + "\n"


@functools.cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def html_document(*, subject: str, body: Markup, footer: Footer) -> str:
    """The whole HTML part: our layout around `body`, styles inlined."""
    html = render_to_string("comms/email/layout.html", {"subject": subject, "body": body, "footer": footer})
    return _inliner().inline(html)


def plain_text(*, body: str, footer: Footer) -> str:
    return body.rstrip() + text_footer(footer)
