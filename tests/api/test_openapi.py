"""The OpenAPI document at /api/v1/openapi.json, and the reference page made from it at /api/v1/docs."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from markupsafe import escape

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/frameworks": {"get"},
    "/api/v1/frameworks/{slug}": {"get"},
    "/api/v1/frameworks/{slug}/versions/{number}": {"get"},
    "/api/v1/rounds": {"get"},
    "/api/v1/rounds/{round_id}": {"get"},
    "/api/v1/rounds/{round_id}/results": {"get"},
    "/api/v1/rounds/{round_id}/my-ratings": {"get"},
    "/api/v1/rounds/{round_id}/my-ratings/{dimension_key}": {"put"},
    "/api/v1/rounds/{round_id}/my-ratings/submit": {"post"},
    "/api/v1/networks/{slug}/measures": {"get"},
    "/api/v1/measures/{measure_id}/values": {"post"},
}


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    parsed = json.loads(response.content)
    assert isinstance(parsed, dict)
    return parsed


def test_the_document_describes_the_api(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Wayfinder API"
    assert document["info"]["version"] == "1"
    assert {path: set(methods) for path, methods in document["paths"].items()} == PATHS


def test_every_operation_needs_a_bearer_token(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes == {"TokenAuth": {"type": "http", "scheme": "bearer"}}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert operation["security"] == [{"TokenAuth": []}], (path, method)
            assert "401" in operation["responses"], (path, method)
            assert operation["operationId"] and operation["summary"], (path, method)


# Every status each operation can answer (docs/api.md, "Errors"): 400 for a NUL character in the address, a query
# or a cookie, 401 without a usable token, 404 for anything the caller may not see, 409 for a submission with
# nothing changed, 422 for a request of the wrong shape or one the round's rules refuse.
STATUSES = {
    "listFrameworks": {"200", "400", "401"},
    "getFramework": {"200", "400", "401", "404"},
    "getFrameworkVersion": {"200", "400", "401", "404"},
    "listRounds": {"200", "400", "401", "422"},
    "getRound": {"200", "400", "401", "404"},
    "getRoundResults": {"200", "400", "401", "404"},
    "getMyRatings": {"200", "400", "401", "404"},
    "saveMyRating": {"200", "400", "401", "404", "422"},
    "submitMyRatings": {"200", "400", "401", "404", "409", "422"},
    "listNetworkMeasures": {"200", "400", "401", "404"},
    "submitMeasureValue": {"200", "400", "401", "403", "404", "422"},
}


def test_every_status_an_operation_can_answer_is_documented_with_a_json_body(document: dict[str, Any]) -> None:
    found = {}
    for methods in document["paths"].values():
        for operation in methods.values():
            found[operation["operationId"]] = set(operation["responses"])
            for status, response in operation["responses"].items():
                schema = response["content"]["application/json"]["schema"]
                if status != "200":
                    name = schema["$ref"].rsplit("/", 1)[1]
                    assert name == ("Refusal" if status == "422" else "Message"), (operation["operationId"], status)
    assert found == STATUSES


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    text = json.dumps(document)
    components = document["components"]["schemas"]
    references = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text))
    assert references and references <= set(components)


def test_operation_ids_are_unique(document: dict[str, Any]) -> None:
    ids = [op["operationId"] for methods in document["paths"].values() for op in methods.values()]
    assert len(ids) == len(set(ids))


def test_the_reference_page_shows_every_operation_and_links_the_document(
    client: Client, document: dict[str, Any]
) -> None:
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en"' in page
    assert "<h1>Wayfinder API reference</h1>" in page
    assert 'href="/api/v1/openapi.json" download="wayfinder-openapi.json"' in page
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            heading = f'<h3 id="{operation["operationId"]}">{method.upper()} {path.replace("/", "/<wbr>")}</h3>'
            assert heading in page, heading
            assert str(escape(operation["summary"])) in page
    for name in document["components"]["schemas"]:
        assert f'<h3 id="shape-{name}">{name}</h3>' in page
    assert "swagger" not in page.lower()


def test_the_reference_page_is_linked_from_the_tokens_page(client: Client, django_user_model: Any) -> None:
    client.force_login(django_user_model.objects.create_user(email="someone@example.org", password="x" * 12))
    assert 'href="/api/v1/docs"' in client.get("/accounts/profile/tokens/").content.decode()
