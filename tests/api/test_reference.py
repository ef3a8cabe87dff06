"""The API reference page's content is worked out from the OpenAPI document: types in words, links to data
shapes, operations by tag, and text escaped with only `code` spans kept."""

from __future__ import annotations

from typing import Any

import pytest

from wayfinder.api.reference import TypeText, inline, paragraphs, reference_from, type_text


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "integer", "minimum": 1, "maximum": 1000000}, TypeText("whole number from 1 to 1,000,000")),
        ({"type": "integer", "minimum": 1}, TypeText("whole number, at least 1")),
        ({"type": "string", "maxLength": 5000}, TypeText("text, up to 5,000 characters")),
        ({"type": "string", "format": "date"}, TypeText("date (YYYY-MM-DD)")),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, TypeText("text or null")),
        ({"enum": ["", "low"], "type": "string"}, TypeText('one of "", "low"')),
        (
            {"type": "array", "items": {"$ref": "#/components/schemas/RoundOut"}},
            TypeText("list of RoundOut", "RoundOut"),
        ),
        (
            {"anyOf": [{"$ref": "#/components/schemas/SummaryOut"}, {"type": "null"}]},
            TypeText("SummaryOut or null", "SummaryOut"),
        ),
        ({}, TypeText("any value")),
    ],
)
def test_a_type_reads_as_words(schema: dict[str, Any], expected: TypeText) -> None:
    assert type_text(schema) == expected


def test_text_is_escaped_and_only_code_spans_are_kept() -> None:
    assert str(inline("Send `Authorization: Bearer <token>` & <b>wait</b>")) == (
        "Send <code>Authorization: Bearer &lt;token&gt;</code> &amp; &lt;b&gt;wait&lt;/b&gt;"
    )
    assert [str(p) for p in paragraphs("One\nline.\n\nTwo.\n")] == ["One line.", "Two."]


def test_operations_are_grouped_by_tag_with_their_parameters_body_and_answers() -> None:
    document = {
        "info": {"title": "Example API", "version": "2", "description": "Hello."},
        "paths": {
            "/things/{id}": {
                "put": {
                    "operationId": "saveThing",
                    "summary": "Save a thing",
                    "tags": ["Things"],
                    "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "integer"}}],
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/In"}}}},
                    "responses": {
                        "422": {"description": "Unprocessable", "content": {}},
                        "200": {"description": "OK", "content": {}},
                    },
                }
            }
        },
        "components": {
            "schemas": {"In": {"properties": {"name": {"type": "string", "description": "A `name`"}}, "required": []}}
        },
    }

    found = reference_from(document)

    assert (found.title, found.version, [str(p) for p in found.description]) == ("Example API", "2", ["Hello."])
    (section,) = found.sections
    (operation,) = section.operations
    assert (section.name, operation.id, operation.method, operation.summary) == (
        "Things",
        "saveThing",
        "PUT",
        "Save a thing",
    )
    assert [(p.name, p.where, p.type.text, p.required) for p in operation.parameters] == [
        ("id", "path", "whole number", True)
    ]
    assert operation.body == TypeText("In", "In")
    assert [a.status for a in operation.answers] == ["200", "422"]
    assert str(operation.path_html) == "/<wbr>things/<wbr>{id}"
    (shape,) = found.shapes
    assert [(f.name, f.type.text, f.required, str(f.description)) for f in shape.fields] == [
        ("name", "text", False, "A <code>name</code>")
    ]
