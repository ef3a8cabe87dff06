"""The import pages in a browser: the file upload (enhanced by NHS.UK frontend's script) passes axe, including
its check that a control's accessible name contains its visible text (WCAG 2.5.3, label in name)."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import AXE_SOURCE, assert_accessible, go
from tests.e2e.test_hub import signed_in_admin
from wayfinder.frameworks.io import version_to_json
from wayfinder.frameworks.models import FrameworkVersion

pytestmark = pytest.mark.django_db(transaction=True)


def assert_label_in_name(page: Any) -> None:
    """axe counts label-content-name-mismatch as experimental and leaves it out of a normal run: ask for it."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'rule', values: ['label-content-name-mismatch']}})"
    )
    assert [node["target"] for rule in result["violations"] for node in rule["nodes"]] == []
    assert [node["target"] for rule in result["passes"] for node in rule["nodes"]], "the rule checked nothing"


@pytest.mark.parametrize(
    ("path", "label", "upload"),
    [
        ("/frameworks/import/", "Framework file", "Import the framework"),
        ("/networks/import/", "CSV file", "Upload file"),
    ],
)
def test_the_file_upload_is_named_by_its_visible_label(
    live_server: Any, new_context: Any, world: SimpleNamespace, path: str, label: str, upload: str
) -> None:
    page = signed_in_admin(live_server, new_context, world).new_page()
    page.goto(live_server.url + path)
    # The script replaces the native input with a button that shows the chosen file's name.
    control = page.get_by_role("button", name=label)
    expect(control).to_contain_text("Choose file")
    assert_accessible(page)
    assert_label_in_name(page)

    page.locator("input[type=file]").set_input_files(
        files=[{"name": "matrix.json", "mimeType": "application/json", "buffer": b"{not json"}]
    )
    expect(control).to_contain_text("matrix.json")
    assert_label_in_name(page)

    go(page, page.get_by_role("button", name=upload))
    expect(page.get_by_text("There is a problem").first).to_be_visible()
    assert_accessible(page)
    assert_label_in_name(page)


def test_an_import_with_repeated_descriptors_warns_on_the_draft(
    live_server: Any, new_context: Any, world: SimpleNamespace
) -> None:
    version = FrameworkVersion.objects.get(framework__slug="network-maturity-matrix", number=1)
    data = version_to_json(version)
    data["descriptors"][1]["text"] = data["descriptors"][0]["text"]
    page = signed_in_admin(live_server, new_context, world).new_page()
    page.goto(live_server.url + "/frameworks/import/")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "matrix.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}]
    )
    page.get_by_label("National – for every system to use").check()
    page.get_by_label("Name of the new framework").fill("Copied matrix")
    go(page, page.get_by_role("button", name="Import the framework"))
    expect(page.get_by_text("1 descriptor repeats another cell word for word. They are listed")).to_be_visible()
    expect(page.get_by_role("heading", name="Some descriptors repeat each other")).to_be_visible()
    expect(page.get_by_role("link", name="Purpose and direction at Level 2")).to_be_visible()
    assert_accessible(page)
