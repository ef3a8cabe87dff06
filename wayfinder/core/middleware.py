"""Refuses a request that carries a NUL character (%00) in its address, query or cookies, before any view sees it.

No address, search, slug or session key of ours ever holds one, and PostgreSQL cannot store or compare text
that does, so such a request could only end in a server error. It gets a 400 that says what is wrong: JSON under
the API, a short plain message elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

NUL = "\x00"
NUL_IN_REQUEST = (
    "The address has a character that is not allowed in it: a NUL character (%00). Remove it and try again."
)


def carries_nul(request: HttpRequest) -> bool:
    """True when the path, a query parameter's name or value, or a cookie holds a NUL character."""
    if NUL in request.path:
        return True
    if any(NUL in name or any(NUL in value for value in values) for name, values in request.GET.lists()):
        return True
    return any(NUL in name or NUL in value for name, value in request.COOKIES.items())


class RefuseNulCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not carries_nul(request):
            return self.get_response(request)
        if request.path_info.startswith(settings.API_URL_PREFIX):
            return JsonResponse({"detail": NUL_IN_REQUEST}, status=400)
        return HttpResponseBadRequest(NUL_IN_REQUEST, content_type="text/plain; charset=utf-8")
