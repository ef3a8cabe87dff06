"""The API reference page's content, worked out from the OpenAPI document: plain values a template lays out.

No Django here: `reference_from` takes the document as a dict, so it can be tested with any document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

SCHEMA_REF = "#/components/schemas/"
# What each status means in this API (docs/api.md, "Errors"); the document's own description otherwise.
STATUS_MEANINGS = {
    "200": "Done: the body holds what you asked for",
    "400": "The body is not JSON, or the address, a query parameter or a cookie holds a NUL character",
    "401": "No token, or a token that is not valid, revoked or expired",
    "404": "Not there, or not yours to see",
    "409": "Nothing has changed since your last submission",
    "422": "Refused: the request has the wrong shape, or the round's rules do not allow it",
}
PLAIN_TYPES = {
    "integer": "whole number",
    "number": "number",
    "string": "text",
    "boolean": "true or false",
    "object": "object",
    "null": "null",
}
FORMATS = {"date": "date (YYYY-MM-DD)", "date-time": "date and time (ISO 8601)"}


@dataclass(frozen=True)
class TypeText:
    """A value's type in words; `shape` names the data shape it refers to, if any, so the page can link it."""

    text: str
    shape: str | None = None


@dataclass(frozen=True)
class Field:
    name: str
    type: TypeText
    required: bool
    description: Markup


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    type: TypeText
    required: bool
    description: Markup


@dataclass(frozen=True)
class Answer:
    status: str
    meaning: str
    body: TypeText | None


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    summary: str
    description: tuple[Markup, ...]
    parameters: tuple[Parameter, ...]
    body: TypeText | None
    answers: tuple[Answer, ...]

    @property
    def path_html(self) -> Markup:
        # A break opportunity after each slash, so a long path wraps on a narrow screen instead of overflowing.
        return Markup("/<wbr>").join(escape(part) for part in self.path.split("/"))


@dataclass(frozen=True)
class Section:
    name: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Shape:
    name: str
    description: tuple[Markup, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: tuple[Markup, ...]
    sections: tuple[Section, ...]
    shapes: tuple[Shape, ...]


def type_text(schema: dict[str, Any]) -> TypeText:
    """A JSON schema in words: "whole number from 1 to 1,000,000", "list of RoundOut", "text or null"."""
    if "$ref" in schema:
        name = str(schema["$ref"]).removeprefix(SCHEMA_REF)
        return TypeText(name, name)
    if "anyOf" in schema:
        parts = [type_text(part) for part in schema["anyOf"]]
        words = [part.text for part in parts if part.text != "null"]
        if len(words) < len(parts):
            words.append("null")
        return TypeText(" or ".join(words), next((part.shape for part in parts if part.shape), None))
    if "enum" in schema:
        return TypeText("one of " + ", ".join(json.dumps(value) for value in schema["enum"]))
    kind = schema.get("type")
    if kind == "array":
        inner = type_text(schema.get("items", {}))
        return TypeText(f"list of {inner.text}", inner.shape)
    if kind == "string" and schema.get("format") in FORMATS:
        return TypeText(FORMATS[schema["format"]])
    text = PLAIN_TYPES.get(str(kind), "any value")
    return TypeText(text + _limits(schema))


def _limits(schema: dict[str, Any]) -> str:
    low, high, longest = schema.get("minimum"), schema.get("maximum"), schema.get("maxLength")
    if low is not None and high is not None:
        return f" from {low:,} to {high:,}"
    if low is not None:
        return f", at least {low:,}"
    if high is not None:
        return f", at most {high:,}"
    if longest is not None:
        return f", up to {longest:,} characters"
    return ""


def _parameter(data: dict[str, Any]) -> Parameter:
    schema = data.get("schema", {})
    return Parameter(
        name=str(data["name"]),
        where=str(data["in"]),
        type=type_text(schema),
        required=bool(data.get("required", False)),
        description=inline(str(data.get("description") or schema.get("description") or "")),
    )


def _body_type(content: dict[str, Any] | None) -> TypeText | None:
    schema = (content or {}).get("application/json", {}).get("schema")
    return type_text(schema) if schema is not None else None


def _operation(method: str, path: str, data: dict[str, Any]) -> Operation:
    # Statuses are numbers in the document django-ninja builds, and text once it has been through JSON.
    responses = {str(status): response for status, response in data.get("responses", {}).items()}
    answers = tuple(
        Answer(
            status=status,
            meaning=STATUS_MEANINGS.get(status, str(response.get("description", ""))),
            body=_body_type(response.get("content")),
        )
        for status, response in sorted(responses.items())
    )
    return Operation(
        id=str(data.get("operationId") or f"{method}-{path}"),
        method=method.upper(),
        path=path,
        summary=str(data.get("summary", "")),
        description=paragraphs(str(data.get("description", ""))),
        parameters=tuple(_parameter(p) for p in data.get("parameters", [])),
        body=_body_type(data.get("requestBody", {}).get("content")),
        answers=answers,
    )


def _shape(name: str, schema: dict[str, Any]) -> Shape:
    required = set(schema.get("required", []))
    fields = tuple(
        Field(
            name=field,
            type=type_text(details),
            required=field in required,
            description=inline(str(details.get("description", ""))),
        )
        for field, details in schema.get("properties", {}).items()
    )
    return Shape(name=name, description=paragraphs(str(schema.get("description", ""))), fields=fields)


def reference_from(document: dict[str, Any]) -> Reference:
    """Operations grouped by their first tag, in the document's order, and every data shape by name."""
    sections: dict[str, list[Operation]] = {}
    for path, methods in document.get("paths", {}).items():
        for method, data in methods.items():
            tag = (data.get("tags") or ["Other"])[0]
            sections.setdefault(str(tag), []).append(_operation(method, path, data))
    schemas = document.get("components", {}).get("schemas", {})
    info = document.get("info", {})
    return Reference(
        title=str(info.get("title", "API")),
        version=str(info.get("version", "")),
        description=paragraphs(str(info.get("description", ""))),
        sections=tuple(Section(name, tuple(operations)) for name, operations in sections.items()),
        shapes=tuple(_shape(name, schemas[name]) for name in sorted(schemas)),
    )


def inline(text: str) -> Markup:
    """Text escaped, with Markdown's `code` spans shown as code and nothing else interpreted."""
    escaped = str(escape(" ".join(text.split())))
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))  # noqa: S704 - escaped above


def paragraphs(text: str) -> tuple[Markup, ...]:
    """Text in paragraphs (separated by a blank line), each as `inline` makes it."""
    return tuple(inline(block) for block in re.split(r"\n\s*\n", text.strip()) if block.strip())
