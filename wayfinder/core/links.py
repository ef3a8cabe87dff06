"""Full addresses for links that leave the site, as in every mail: SITE_URL and the path."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """The full address of a path on Wayfinder ("/support-requests/1/") for a link in a mail, which is read
    away from the site and may be sent with no request to take a host from. An address that is already full
    (Wagtail's `page.url` for a page on another site) is returned as it is."""
    if urlsplit(path).scheme:
        return path
    if not path.startswith("/"):
        raise ValueError(f"A path on the site starts with '/', not {path!r}")
    return settings.SITE_URL.rstrip("/") + path
