"""The admin page for importing the hierarchy from CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from wayfinder.core.views import breadcrumbs
from wayfinder.networks import permissions
from wayfinder.networks.import_forms import HierarchyImportForm
from wayfinder.networks.imports import COLUMNS, KINDS, ImportReport, hierarchy_import


@login_required
@require_http_methods(["GET", "POST"])
def import_hierarchy(request: HttpRequest) -> HttpResponse:
    """Site admins upload a CSV file of one kind, see what it would change, then save it."""
    if not permissions.can(request.user, "hierarchy.import"):
        raise Http404("No such page")
    report: ImportReport | None = None
    form = HierarchyImportForm()
    if request.method == "POST":
        form = HierarchyImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = hierarchy_import(
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"].read(),
                dry_run=form.cleaned_data["dry_run"],
            )
            # A fresh form, ticked to check again, so the next upload is never saved by accident.
            form = HierarchyImportForm(initial={"kind": report.kind})
    return render(
        request,
        "networks/import.jinja",
        {
            "nav_section": "import",
            "form": form,
            "report": report,
            "kinds": KINDS,
            "columns": COLUMNS,
            "breadcrumbs": breadcrumbs(),
        },
    )
