"""Every page is sent with a strict content security policy and the other protective headers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

if TYPE_CHECKING:
    # django-stubs' name for what the test client returns; it exists only for type checking.
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

PAGES = ["/", "/healthz", "/accounts/login/"]


def policy(response: TestResponse) -> dict[str, list[str]]:
    """The Content-Security-Policy header as a map of directive name to its sources."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} has no Content-Security-Policy header"
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def header_nonce(response: TestResponse) -> str | None:
    nonces = [source for source in policy(response)["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) <= 1
    return nonces[0].removeprefix("'nonce-").removesuffix("'") if nonces else None


class _InlineCode(HTMLParser):
    """Collects the inline scripts and styles of a page, which the policy only allows with the nonce."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_script_nonces: list[str | None] = []
        self.style_element_nonces: list[str | None] = []
        self.style_attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            self.inline_script_nonces.append(attributes.get("nonce"))
        if tag == "style":
            self.style_element_nonces.append(attributes.get("nonce"))
        if "style" in attributes:
            self.style_attributes.append(tag)


def inline_code(response: TestResponse) -> _InlineCode:
    parser = _InlineCode()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_page_answers(client: Client, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", PAGES)
def test_scripts_and_styles_may_not_run_inline_without_the_nonce(client: Client, path: str) -> None:
    directives = policy(client.get(path))

    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives.get("style-src", directives["default-src"])
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", PAGES)
def test_every_inline_script_carries_the_nonce_the_header_names(client: Client, path: str) -> None:
    response = client.get(path)
    found = inline_code(response)

    if found.inline_script_nonces:
        nonce = header_nonce(response)
        assert nonce is not None, f"{path} has inline scripts but the policy names no nonce"
        assert found.inline_script_nonces == [nonce] * len(found.inline_script_nonces)


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_styles_the_policy_would_block(client: Client, path: str) -> None:
    found = inline_code(client.get(path))

    assert found.style_element_nonces == []
    assert found.style_attributes == []


def test_the_page_template_has_one_inline_script_and_it_carries_the_nonce(client: Client) -> None:
    response = client.get("/")
    nonce = header_nonce(response)

    assert nonce is not None
    assert re.fullmatch(r"[A-Za-z0-9+/=_-]{16,}", nonce)
    assert inline_code(response).inline_script_nonces == [nonce]
    assert f'<script nonce="{nonce}">document.body.className' in response.content.decode()


def test_the_nonce_is_new_for_every_request(client: Client) -> None:
    first = header_nonce(client.get("/"))
    second = header_nonce(client.get("/"))

    assert first and second
    assert first != second


@pytest.mark.parametrize("path", PAGES)
def test_pages_may_not_be_framed_sniffed_or_leak_their_address(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


# Static files ------------------------------------------------------------------------------------------------
#
# WhiteNoise answers /static/ from inside the middleware stack; the protective headers must still be on what it
# sends, exactly as on a page (docs/security.md says "every response").

STATIC_FILES = ["/static/nhsuk/nhsuk-frontend.min.css", "/static/wayfinder/wayfinder.css", "/static/htmx/htmx.min.js"]
PROTECTIVE_HEADERS = [
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Strict-Transport-Security",
]


def policy_without_nonce(response: TestResponse) -> dict[str, list[str]]:
    return {
        name: [source for source in sources if not source.startswith("'nonce-")]
        for name, sources in policy(response).items()
    }


@pytest.mark.parametrize("path", STATIC_FILES)
def test_static_files_carry_the_same_security_headers_as_pages(client: Client, path: str) -> None:
    page = client.get("/accounts/login/")
    static = client.get(path)

    assert static.status_code == 200
    assert static.headers["Content-Type"].split(";")[0] in {"text/css", "text/javascript", "application/javascript"}
    assert policy_without_nonce(static) == policy_without_nonce(page)
    for header in PROTECTIVE_HEADERS:
        assert static.headers.get(header) == page.headers.get(header), header


def test_static_files_carry_hsts_in_production(client: Client, settings: Settings) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    page = client.get("/accounts/login/", secure=True)
    static = client.get(STATIC_FILES[0], secure=True)

    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert static.headers.get("Strict-Transport-Security") == page.headers["Strict-Transport-Security"]
    assert policy_without_nonce(static) == policy_without_nonce(page)
    assert static.headers.get("X-Frame-Options") == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_fonts_come_only_from_our_origin_and_nhs_englands_font_server(client: Client, path: str) -> None:
    # The NHS.UK stylesheet loads Frutiger from https://assets.nhs.uk; nothing else may come from there.
    directives = policy(client.get(path))

    assert directives["font-src"] == ["'self'", "https://assets.nhs.uk"]
    assert all("assets.nhs.uk" not in " ".join(sources) for name, sources in directives.items() if name != "font-src")


def test_the_cms_policy_lets_its_previews_of_our_pages_load_the_nhs_fonts(client: Client) -> None:
    response = client.get("/cms/")

    assert policy(response)["font-src"] == ["'self'", "data:", "https://assets.nhs.uk"]
