"""django-csp's middleware, giving the Wagtail admin (/cms/) its own looser policy and every other path ours."""

from __future__ import annotations

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        ours = getattr(response, "wayfinder_page", False)
        if not report_only and not ours and request.path_info.startswith(settings.CMS_URL_PREFIX):
            # Wagtail's admin relies on inline scripts and styles and frames its own preview. A nonce would
            # make browsers ignore 'unsafe-inline', so none is sent here.
            parts.config = dict(settings.CMS_CONTENT_SECURITY_POLICY)
            parts.nonce = None
        return parts
