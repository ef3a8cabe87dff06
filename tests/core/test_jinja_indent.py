"""The `indent` filter our Jinja environment uses gives exactly what Jinja's own gives, markup and all."""

from __future__ import annotations

import pytest
from jinja2.filters import do_indent
from markupsafe import Markup

from wayfinder.jinja2 import environment, indent

SAMPLES = [
    "",
    "one line",
    "first\nsecond\n\nfourth\n",
    "a\r\nb\rc\n",
    "<b>not safe</b>\n& <i>also</i>",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", [0, 2, 8, "--", "<x>"])
@pytest.mark.parametrize("first", [False, True])
@pytest.mark.parametrize("blank", [False, True])
def test_same_as_jinja_for_plain_and_safe_text(text: str, width: int | str, first: bool, blank: bool) -> None:
    for value in (text, Markup(text)):  # noqa: S704 - test text, compared, never served
        ours = indent(value, width, first, blank)
        theirs = do_indent(value, width, first, blank)
        assert ours == theirs
        assert type(ours) is type(theirs)


def test_environment_uses_it_and_still_escapes_unsafe_text() -> None:
    env = environment()
    assert env.filters["indent"] is indent
    template = env.from_string("{{ html | indent(2) }}|{{ text | indent(2) }}")
    rendered = template.render(html=Markup("<p>\n<b>x</b></p>"), text="<p>\n<b>x</b></p>")
    assert rendered == "<p>\n  <b>x</b></p>|&lt;p&gt;\n  &lt;b&gt;x&lt;/b&gt;&lt;/p&gt;"
