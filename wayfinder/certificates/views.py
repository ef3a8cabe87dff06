"""Certificates: a person's own list and PDFs, and the public page that checks a code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.certificates import queries
from wayfinder.certificates.documents import certificate_pdf
from wayfinder.certificates.models import Certificate
from wayfinder.core.downloads import download_response
from wayfinder.core.permissions import reach
from wayfinder.core.views import breadcrumbs

# The longest text the verification form reads: a code with spaces and dashes is far shorter.
MAX_CODE_TEXT = 64


@login_required
@require_GET
def mine(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "certificates/mine.jinja",
        {
            "certificates": list(queries.certificates_for(request.user)),
            "nav_section": "profile",
            "breadcrumbs": breadcrumbs((reverse("accounts:profile"), "Your profile")),
        },
    )


@login_required
@require_GET
def pdf(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The PDF, for the person it was issued to (and site admins); anyone else gets 404, so codes cannot be tried."""
    certificate = Certificate.objects.filter(code=code).select_related("person").first()
    if certificate is None or (certificate.person_id != request.user.pk and not reach(request.user).site_admin):
        raise Http404("No such certificate")
    return download_response(certificate_pdf(certificate), "application/pdf", f"certificate-{certificate.code}.pdf")


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, can check that a certificate is genuine from the code printed on it."""
    typed = request.GET.get("code", "")[:MAX_CODE_TEXT].strip()
    certificate = queries.certificate_by_code(typed) if typed else None
    return render(
        request,
        "certificates/verify.jinja",
        {"typed": typed, "certificate": certificate, "checked": bool(typed)},
        status=404 if typed and certificate is None else 200,
    )
