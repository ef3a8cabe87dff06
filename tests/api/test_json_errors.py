"""Under /api/, an error Django or the router would draw as an HTML page is answered in JSON; elsewhere nothing
changes."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseServerError, JsonResponse
from django.test import Client, RequestFactory

from wayfinder.api.middleware import SERVER_ERROR, JsonErrorsMiddleware


def answer(path: str, response: HttpResponse) -> HttpResponse:
    def view(request: HttpRequest) -> HttpResponse:
        return response

    return JsonErrorsMiddleware(view)(RequestFactory().get(path))  # type: ignore[return-value]


def test_a_server_error_under_the_api_is_json() -> None:
    response = answer("/api/v1/rounds", HttpResponseServerError("<h1>Server Error (500)</h1>"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content.decode() == f'{{"detail": "{SERVER_ERROR}"}}'


def test_the_allowed_methods_are_kept() -> None:
    response = answer("/api/v1/rounds", HttpResponseNotAllowed(["GET", "HEAD"]))
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"


def test_json_answers_and_pages_outside_the_api_are_left_alone() -> None:
    json_answer = JsonResponse({"detail": "No such round"}, status=404)
    assert answer("/api/v1/rounds/1", json_answer) is json_answer
    page = HttpResponse("<h1>Not found</h1>", status=404)
    assert answer("/networks/nowhere/", page) is page


@pytest.mark.django_db
def test_a_page_outside_the_api_that_is_not_there_is_still_html(client: Client) -> None:
    response = client.get("/networks/no-such-network/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
