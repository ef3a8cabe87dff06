"""Browser tests: Playwright drives Debian's Chromium against a live Wayfinder; axe-core checks each page."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the group
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # Under pytest-xdist the browser tests share one process, and so one browser.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(autouse=True)
def builtin_frameworks(request: pytest.FixtureRequest) -> None:
    """Browser tests use a real, committed database that is emptied after each test, which also empties the
    tables the built-in frameworks' data migration filled. Load them again (idempotent) for every test."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from wayfinder.frameworks.loading import load_builtin

        load_builtin()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Debian's chromium is not installed at {CHROMIUM}: run 'make browser' (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread. The ORM calls tests make there are
    # ordinary blocking calls, so Django's async-safety guard would only get in the way while the browser runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def new_context(browser: Any) -> Iterator[Any]:
    """Make fresh browser contexts (separate cookie jars), like two people on two devices."""
    contexts: list[Any] = []

    def make(**kwargs: Any) -> Any:
        kwargs.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**kwargs)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def go(page: Any, locator: Any) -> None:
    """Click a link or a form's button and wait until the page it leads to has loaded, so that what follows
    (axe, assertions) reads the new page and never the old one mid-navigation."""
    with page.expect_navigation():
        locator.click()


def assert_accessible(page: Any) -> None:
    """Run axe-core (WCAG 2.0–2.2 A and AA rules) on the page and fail with a readable list of violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
        })"""
    )
    violations = result["violations"]
    if violations:
        summary = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ]
        raise AssertionError(f"axe found violations on {page.url}:\n{json.dumps(summary, indent=2)}")


def assert_fits_320(page: Any) -> None:
    """At 320 CSS pixels wide nothing should force sideways scrolling (WCAG 1.4.10 reflow)."""
    original = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    measure = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    # The renderer applies a new viewport asynchronously: give layout up to 3 seconds to settle before judging.
    # Polled from here: wait_for_function checks again inside the page through eval, which our content security
    # policy refuses, so a page that did not fit at the first look failed with an EvalError instead of waiting.
    overflow = page.evaluate(measure)
    for _ in range(60):
        if overflow <= 0:
            break
        page.wait_for_timeout(50)
        overflow = page.evaluate(measure)
    page.set_viewport_size(original)
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 320px wide"
