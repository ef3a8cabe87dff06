"""The API reference at /api/v1/docs in a browser: every operation of the OpenAPI document is there, in the
NHS.UK layout, with no accessibility violations, fitting a narrow screen, and the document itself downloads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, assert_fits_320

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_reference_lists_every_operation_and_passes_axe(live_server: Any, new_context: Any) -> None:
    page = new_context().new_page()
    page.goto(live_server.url + "/api/v1/docs")

    expect(page.get_by_role("heading", name="Wayfinder API reference", level=1)).to_be_visible()
    assert page.evaluate("() => document.documentElement.lang") == "en"
    document = json.loads(page.request.get(live_server.url + "/api/v1/openapi.json").text())
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            heading = page.get_by_role("heading", name=f"{method.upper()} {path}", exact=True)
            expect(heading).to_be_visible()
            expect(page.get_by_text(operation["summary"]).first).to_be_visible()
    assert_accessible(page)
    assert_fits_320(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the OpenAPI document").click()
    saved = download.value.path()
    with open(saved, encoding="utf-8") as file:
        assert json.load(file)["info"]["title"] == "Wayfinder API"
