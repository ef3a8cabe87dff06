"""Under /api/, an error that Django or the router answered in HTML is answered in JSON, like the rest of the API.

That is an address no endpoint has (an id that is not a number included), a method an endpoint does not take, and
a server error. A 404 says exactly what the API says for anything the caller may not see, so a malformed id
cannot be told apart from one that is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, JsonResponse

# As django-ninja sends every other answer of the API.
JSON = "application/json; charset=utf-8"
NOT_FOUND = "Not Found"
SERVER_ERROR = "Something went wrong on our side. Try again later; if it keeps happening, tell us."
# Headers of the original answer that still mean something to the caller.
KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


def detail_for(status: int, allowed: str | None) -> str:
    if status == HTTPStatus.NOT_FOUND:
        return NOT_FOUND
    if status == HTTPStatus.METHOD_NOT_ALLOWED and allowed:
        return f"This address does not take that method. It takes {allowed}."
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return SERVER_ERROR
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "The request was refused."


class JsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code < HTTPStatus.BAD_REQUEST
            or not request.path_info.startswith(settings.API_URL_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        answer = JsonResponse(
            {"detail": detail_for(response.status_code, response.get("Allow"))},
            status=response.status_code,
            content_type=JSON,
        )
        for header in KEPT_HEADERS:
            if response.has_header(header):
                answer[header] = response[header]
        return answer
