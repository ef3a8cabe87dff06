"""A certificate as a PDF, drawn by WeasyPrint from certificates/print.jinja."""

from __future__ import annotations

from django.template.loader import render_to_string

from wayfinder.certificates.models import Certificate
from wayfinder.core.downloads import pdf_from_html
from wayfinder.core.links import absolute_url

# A certificate is one landscape page with a border, unlike the reports' portrait A4.
CERTIFICATE_CSS = """
@page { size: A4 landscape; margin: 18mm; }
.certificate { border: 3px solid #005eb8; padding: 14mm 18mm; min-height: 150mm; text-align: center; }
.certificate .brand { color: #005eb8; font-weight: bold; letter-spacing: 0.05em; }
.certificate h1 { font-size: 28pt; margin: 8mm 0 6mm; }
.certificate .name { font-size: 24pt; font-weight: bold; margin: 6mm 0; }
.certificate .subject { font-size: 16pt; margin: 4mm 0; }
.certificate .code { margin-top: 12mm; font-size: 11pt; }
"""


def certificate_pdf(certificate: Certificate) -> bytes:
    html = render_to_string(
        "certificates/print.jinja",
        {"certificate": certificate, "verify_address": absolute_url(certificate.verify_url)},
    )
    return pdf_from_html(html, CERTIFICATE_CSS)
