"""The header's "Dashboard" link for people who oversee networks: no extra query (appointments are read once
per request by the permission policy)."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from wayfinder.core import permissions


def dashboard(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"dashboard_url": None}
    r = permissions.reach(user)
    if r.national:
        url = reverse("dashboards:national")
    elif len(r.region_ids) == 1 and not r.system_ids:
        url = reverse("dashboards:region", kwargs={"region_id": next(iter(r.region_ids))})
    elif len(r.system_ids) == 1 and not r.region_ids:
        url = reverse("dashboards:system", kwargs={"system_id": next(iter(r.system_ids))})
    elif r.system_ids or r.region_ids:
        # Several systems or regions: the England view lists each of them under "Your dashboards".
        url = reverse("dashboards:national")
    else:
        url = None
    return {"dashboard_url": url}
