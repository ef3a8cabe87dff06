"""The hub's additions to the Wagtail admin at /cms/: a page to import resources in bulk from a CSV file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wayfinder.core.text import counted
from wayfinder.hub import importer
from wayfinder.hub.models import HubIndexPage, ResourcePage

MAX_UPLOAD_BYTES = 1024 * 1024
CSV_CONTENT_TYPES = {
    "text/csv",
    "text/plain",
    "application/csv",
    "application/vnd.ms-excel",
    "text/comma-separated-values",
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: title, summary, link, type, tags. Separate tags with a semicolon (;). Up to 1 MB.",
        error_messages={"required": "Choose a CSV file"},
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv") or upload.content_type not in CSV_CONTENT_TYPES:
            raise forms.ValidationError("The file must be a CSV file (ending in .csv)")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be 1 MB or smaller. Split it into smaller files.")
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                "The file must be saved as UTF-8 text. Save it as “CSV UTF-8” and try again."
            ) from error


def can_import(user: Any) -> bool:
    """Imported resources are published at once, so only people who may publish in the hub may import."""
    hub = HubIndexPage.objects.first()
    return hub is not None and hub.permissions_for_user(user).can_publish_subpage()


def import_resources_view(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    dry_run = request.POST.get("action") != "import"
    if request.method == "POST" and form.is_valid():
        report = importer.resources_import(form.cleaned_data["file"], dry_run=dry_run)
        if report.ok and not dry_run:
            published = counted(report.saved, "resource", "resources")
            messages.success(request, f"Published {published} in the knowledge hub.")
            return redirect(reverse("hub-import"))
    return render(
        request,
        "hub/admin/import_resources.html",
        {
            "form": form,
            "report": report,
            "dry_run": dry_run,
            "topics_allowed": any(field.name == "topics" for field in ResourcePage._meta.get_fields()),
            "page_title": "Import resources",
            "header_icon": "upload",
        },
    )


class ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url() -> list[Any]:
    return [path("hub/import/", import_resources_view, name="hub-import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> MenuItem:
    return ImportMenuItem("Import resources", reverse("hub-import"), name="hub-import", icon_name="upload", order=900)
