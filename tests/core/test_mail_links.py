"""Links in mail: the check every test runs on the mail it sends finds links that are not full addresses, and
core.links.absolute_url makes full ones."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import relative_links
from wayfinder.core.links import absolute_url


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Accept it, or decline it with a reason, here:\n/support-requests/1/\n", ["/support-requests/1/"]),
        ("See the plan: /networks/riverside-pcn/plans/3/", ["/networks/riverside-pcn/plans/3/"]),
        ("Open it (/hub/frailty/) today", ["/hub/frailty/"]),
        ("See http://127.0.0.1:8000/support-requests/1/ now", []),
        ("https://wayfinder.example/networks/invitations/abc/", []),
        ("Ratings and/or notes, 24/7, on 1/2/2025", []),
        ("Olive asked to join <script>alert(1)</script> Circle", []),  # a name, not a link
        ("", []),
    ],
)
def test_it_finds_paths_standing_alone_in_plain_text(text: str, found: list[str]) -> None:
    assert relative_links(text) == found


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<a href="/support-requests/1/">Open</a>', ["/support-requests/1/"]),
        ("<a href='plans/3/'>Plan</a>", ["plans/3/"]),
        ('<img src="/static/logo.png">', ["/static/logo.png"]),
        ('<a href="https://wayfinder.example/plans/3/">Plan</a> <a href="mailto:a@example.org">Mail</a>', []),
        ('<a href="#top">Top</a> <p>Text with /slashes/ in it</p>', []),
    ],
)
def test_it_finds_links_that_are_not_full_addresses_in_html(html: str, found: list[str]) -> None:
    assert relative_links(html, html=True) == found


def test_a_path_becomes_the_site_address_and_the_path(settings: Any) -> None:
    settings.SITE_URL = "https://wayfinder.example/"
    assert absolute_url("/support-requests/1/") == "https://wayfinder.example/support-requests/1/"


def test_a_full_address_is_left_as_it_is(settings: Any) -> None:
    settings.SITE_URL = "https://wayfinder.example"
    assert absolute_url("https://other.example/hub/frailty/") == "https://other.example/hub/frailty/"


def test_a_path_without_its_leading_slash_is_refused() -> None:
    with pytest.raises(ValueError, match="starts with '/'"):
        absolute_url("support-requests/1/")
