"""The JSON API at /api/v1/: one NinjaAPI, authenticated by personal API tokens, with its OpenAPI document
at /api/v1/openapi.json. The reference page at /api/v1/docs is ours (views.api_reference), made from that
document: django-ninja's Swagger UI page failed accessibility checks."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.parser import Parser

from wayfinder.api import endpoints_frameworks, endpoints_measures, endpoints_rounds
from wayfinder.api.auth import INVALID, TokenAuth
from wayfinder.api.common import error_text

DESCRIPTION = """Read frameworks, read the rounds and results you may see, and save and submit your own ratings;
read a network's measures and submit their values.

Send a personal API token with every request: `Authorization: Bearer <token>`. Create one on your profile
page, under "API tokens". Anything you may not see answers 404, exactly as if it did not exist.
"""
SEND_JSON = 'Send a JSON object, for example {"level": 3}.'


class UnparsableBody(ValueError):
    """The request's body is not JSON: its message says why, in words a caller can act on."""


class JsonBodyParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            return json.loads(request.body)
        except json.JSONDecodeError as error:
            where = f"{error.msg} at line {error.lineno}, column {error.colno}"
            raise UnparsableBody(f"The request body is not valid JSON ({where}). {SEND_JSON}") from error
        except ValueError as error:
            # Not UTF-8, or a whole number longer than Python reads (4,300 digits).
            raise UnparsableBody(f"The request body cannot be read as JSON. {SEND_JSON}") from error


api = NinjaAPI(
    title="Wayfinder API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
    parser=JsonBodyParser(),
    openapi_url="/openapi.json",
    docs_url=None,
)
api.add_router("", endpoints_frameworks.router)
api.add_router("", endpoints_rounds.router)
api.add_router("", endpoints_measures.router)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    # Ninja raises a bare AuthenticationError when no bearer token came at all.
    message = exc.message if exc.message != AuthenticationError().message else INVALID
    response = api.create_response(request, {"detail": message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="wayfinder"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ninja answers a body it could not parse with 400 and its own words; ours say what was wrong with it.
    cause = exc.__cause__
    detail = str(cause) if isinstance(cause, UnparsableBody) else str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(RequestValidationError)
def _invalid_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    """A body or parameter of the wrong shape: a sentence in `detail`, pydantic's list in `errors`."""
    parts = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload"))
        parts.append(f"{where}: {error.get('msg', 'is not valid')}" if where else str(error.get("msg", "")))
    return api.create_response(request, {"detail": "; ".join(parts), "errors": exc.errors}, status=422)


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service refused a write that no endpoint mapped more precisely."""
    return api.create_response(request, {"detail": error_text(exc)}, status=422)
