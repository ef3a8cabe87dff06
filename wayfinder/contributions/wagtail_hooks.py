"""The editors' usefulness report in the Wagtail admin at /cms/, under Reports."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wayfinder.contributions import queries
from wayfinder.hub.models import HubIndexPage


def can_see_report(user: Any) -> bool:
    """Anyone who may edit pages in the hub."""
    hub = HubIndexPage.objects.first()
    if hub is None:
        return False
    permissions = hub.permissions_for_user(user)
    return bool(permissions.can_edit() or permissions.can_add_subpage())


def usefulness_report_view(request: HttpRequest) -> HttpResponse:
    if not can_see_report(request.user):
        raise PermissionDenied
    return render(
        request,
        "contributions/admin/usefulness_report.html",
        {"report": queries.usefulness_report(), "page_title": "Usefulness of resources", "header_icon": "help"},
    )


class ReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_see_report(request.user)


@hooks.register("register_admin_urls")
def register_report_url() -> list[Any]:
    return [path("reports/usefulness/", usefulness_report_view, name="contributions-usefulness")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item() -> MenuItem:
    return ReportMenuItem(
        "Usefulness of resources",
        reverse("contributions-usefulness"),
        name="usefulness",
        icon_name="help",
        order=950,
    )
