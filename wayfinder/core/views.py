"""Views that belong to no one app: the health check and the NHS.UK asset path."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not (for load balancers and uptime checks)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "not answering"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def nhsuk_asset(request: HttpRequest, path: str) -> HttpResponse:
    """The NHS.UK stylesheet points at /assets/...; those files are served as our static files."""
    return HttpResponsePermanentRedirect(static(f"nhsuk/assets/{path}"))
