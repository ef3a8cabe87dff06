"""Pages for tailoring frameworks: clone a version, edit the draft, publish it, import and export.

Views stay thin: parse, ask the permission policy, call a service, render. Anyone who may not do what a
page does gets 404, so frameworks and drafts cannot be probed.
"""

from __future__ import annotations

from typing import Any, Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.core.downloads import download_response
from wayfinder.core.forms import add_service_errors
from wayfinder.core.text import counted
from wayfinder.core.views import breadcrumbs
from wayfinder.frameworks import io, permissions, queries, services, validation
from wayfinder.frameworks.forms import (
    CloneForm,
    DetailsForm,
    DimensionAddForm,
    DimensionForm,
    ImportForm,
    LevelForm,
    PublishForm,
)
from wayfinder.frameworks.labels import level_label
from wayfinder.frameworks.models import Dimension, Framework, FrameworkVersion, Level, VersionStatus

NAV = "frameworks"


# Helpers ------------------------------------------------------------------------------------------------------


def _reading_url(name: str, fallback: str, **kwargs: Any) -> str:
    """A link to a reading page (another module's); its path is fixed even if its name is not known yet."""
    try:
        return reverse(f"frameworks:{name}", kwargs=kwargs or None)
    except NoReverseMatch:
        return fallback


def frameworks_url() -> str:
    return _reading_url("index", "/frameworks/")


def version_url(version: FrameworkVersion) -> str:
    slug, number = version.framework.slug, version.number
    return _reading_url("version", f"/frameworks/{slug}/versions/{number}/", slug=slug, number=number)


def _crumbs(framework: Framework | None = None, *, draft: bool = False) -> list[dict[str, str]]:
    links = [(frameworks_url(), "Frameworks"), (reverse("frameworks:tailor-index"), "Tailoring")]
    if framework is not None:
        links.append((reverse("frameworks:tailor-framework", kwargs={"slug": framework.slug}), framework.name))
    if framework is not None and draft:
        links.append((reverse("frameworks:tailor-draft", kwargs={"slug": framework.slug}), "Draft"))
    return breadcrumbs(*links)


def _editable_framework_or_404(user: Any, slug: str) -> Framework:
    return permissions.framework_to_edit_or_404(user, slug)


def _draft_or_redirect(request: AuthenticatedRequest, slug: str) -> tuple[Framework, FrameworkVersion | None]:
    """The framework and its draft; None when it has none (the caller sends the person to the overview)."""
    framework = _editable_framework_or_404(request.user, slug)
    draft = services.current_draft(framework)
    if draft is None:
        messages.info(request, f"{framework.name} has no draft at the moment. Start a new version to make changes.")
    return framework, draft


def _to_overview(framework: Framework) -> HttpResponse:
    return redirect("frameworks:tailor-framework", slug=framework.slug)


def _to_draft(framework: Framework) -> HttpResponse:
    return redirect("frameworks:tailor-draft", slug=framework.slug)


def _viewable_version_or_404(user: Any, slug: str, number: int) -> FrameworkVersion:
    return permissions.version_for_user_or_404(user, slug, number)


def version_actions(user: Any, version: FrameworkVersion, *, manage: bool = True) -> list[dict[str, str]]:
    """Links to the tailoring and export pages a person may use for a version, for any page showing it.
    `manage=False` leaves out the link to the framework's tailoring page, for pages that are part of it."""
    if not permissions.can_view_version(user, version):
        return []
    slug, number = version.framework.slug, version.number
    actions = [
        {
            "href": reverse("frameworks:export-xlsx", kwargs={"slug": slug, "number": number}),
            "text": "Download as a spreadsheet (xlsx)",
        },
        {
            "href": reverse("frameworks:export-json", kwargs={"slug": slug, "number": number}),
            "text": "Download as JSON",
        },
    ]
    if manage and permissions.can_edit_framework(user, version.framework):
        actions.append(
            {
                "href": reverse("frameworks:tailor-framework", kwargs={"slug": slug}),
                "text": "Change this framework or start a new version",
            }
        )
    if version.status != VersionStatus.DRAFT and permissions.can(user, "framework.tailor"):
        actions.insert(
            0,
            {
                "href": reverse("frameworks:tailor-clone", kwargs={"slug": slug, "number": number}),
                "text": "Tailor this framework",
            },
        )
    return actions


# Tailoring overview ------------------------------------------------------------------------------------------


def _frameworks_editable_by(user: Any) -> list[Framework]:
    """Frameworks the user may edit: narrowed in the database, decided by the policy."""
    frameworks = (
        permissions.frameworks_editable_by(user)
        .select_related("owner_system")
        .annotate(drafts=Count("versions", filter=Q(versions__status=VersionStatus.DRAFT)))
    )
    return [framework for framework in frameworks.order_by("name") if permissions.can_edit_framework(user, framework)]


@login_required
@require_GET
def tailor_index(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can(request.user, "framework.tailor"):
        raise Http404("No such page")
    return render(
        request,
        "frameworks/tailoring/index.jinja",
        {
            "frameworks": _frameworks_editable_by(request.user),
            "frameworks_url": frameworks_url(),
            "nav_section": NAV,
            "breadcrumbs": _crumbs()[:2],
        },
    )


@login_required
@require_GET
def framework_overview(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework = _editable_framework_or_404(request.user, slug)
    versions = list(framework.versions.select_related("published_by").order_by("-number"))
    draft = next((version for version in versions if version.is_draft), None)
    published = [version for version in versions if version.status == VersionStatus.PUBLISHED]
    return render(
        request,
        "frameworks/tailoring/framework.jinja",
        {
            "framework": framework,
            "versions": [
                {
                    "version": version,
                    "url": version_url(version),
                    "actions": version_actions(request.user, version, manage=False),
                }
                for version in versions
            ],
            "draft": draft,
            "latest_published": published[0] if published else None,
            "next_number": (versions[0].number + 1) if versions else 1,
            "nav_section": NAV,
            "breadcrumbs": _crumbs()[:3],
        },
    )


# Cloning ------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def clone(request: AuthenticatedRequest, slug: str, number: int) -> HttpResponse:
    version = _viewable_version_or_404(request.user, slug, number)
    if version.status == VersionStatus.DRAFT or not permissions.can(request.user, "framework.tailor"):
        raise Http404("No such page")
    source = version.framework
    form = CloneForm(request.POST or None, user=request.user, initial={"name": f"{source.name} (tailored)"})
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.framework_clone(
                version=version, user=request.user, system=form.owner_system(), name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{draft.framework.name} has been made from version {version.number} of {source.name}. "
                "Make your changes, then publish it.",
            )
            return _to_draft(draft.framework)
    return render(
        request,
        "frameworks/tailoring/clone.jinja",
        {
            "form": form,
            "version": version,
            "version_url": version_url(version),
            "nav_section": NAV,
            "breadcrumbs": [*_crumbs()[:2], {"href": version_url(version), "text": source.name}],
        },
    )


# Drafts -------------------------------------------------------------------------------------------------------


@login_required
@require_POST
def draft_start(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework = _editable_framework_or_404(request.user, slug)
    try:
        draft = services.version_draft_create(framework=framework, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_overview(framework)
    messages.success(request, f"Version {draft.number} has been started as a draft, copied from the latest version.")
    return _to_draft(framework)


@login_required
@require_GET
def draft_editor(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    levels = list(draft.levels.order_by("position"))
    perspectives = services.perspectives_of(draft)
    dimensions = list(
        draft.dimensions.order_by("position").annotate(described=Count("descriptors", filter=~Q(descriptors__text="")))
    )
    cells = len(levels) * len(perspectives)
    gaps = services.publish_gaps(draft)
    return render(
        request,
        "frameworks/tailoring/draft.jinja",
        {
            "framework": framework,
            "draft": draft,
            "levels": levels,
            "dimensions": dimensions,
            "cells_per_dimension": cells,
            "perspectives": [p for p in perspectives if p],
            "gap_count": len(gaps),
            "repeats": queries.descriptor_repeats(draft),
            "needs_descriptors": framework.kind in validation.KINDS_NEEDING_DESCRIPTORS,
            "actions": version_actions(request.user, draft, manage=False),
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_delete(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    if request.method == "POST":
        remaining = services.version_draft_delete(version=draft, user=request.user)
        if remaining is None:
            messages.success(request, f"The draft of {framework.name} has been deleted, and the framework with it.")
            return redirect("frameworks:tailor-index")
        messages.success(request, f"The draft of version {draft.number} has been deleted.")
        return _to_overview(framework)
    only_version = not framework.versions.exclude(pk=draft.pk).exists()
    return render(
        request,
        "frameworks/tailoring/draft_delete.jinja",
        {
            "framework": framework,
            "draft": draft,
            "only_version": only_version,
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def details_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    initial = {
        "name": framework.name,
        "summary": framework.summary,
        "introduction": draft.introduction,
        "external_introduction": draft.external_introduction,
    }
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_details_update(version=draft, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The framework's details have been saved")
            return _to_draft(framework)
    return render(
        request,
        "frameworks/tailoring/details.jinja",
        {
            "form": form,
            "framework": framework,
            "draft": draft,
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


# Dimensions -------------------------------------------------------------------------------------------------------


def _dimension_or_404(draft: FrameworkVersion, key: str) -> Dimension:
    return get_object_or_404(Dimension.objects.select_related("version__framework"), version=draft, key=key)


@login_required
@require_http_methods(["GET", "POST"])
def dimension_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    form = DimensionAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dimension = services.dimension_add(version=draft, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{dimension.name} has been added. Now describe it at each level.")
            return redirect("frameworks:tailor-dimension", slug=framework.slug, key=dimension.key)
    return render(
        request,
        "frameworks/tailoring/dimension_add.jinja",
        {
            "form": form,
            "framework": framework,
            "draft": draft,
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dimension_edit(request: AuthenticatedRequest, slug: str, key: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    dimension = _dimension_or_404(draft, key)
    levels = list(draft.levels.order_by("position"))
    perspectives = services.perspectives_of(draft)
    texts = queries.descriptor_texts(dimension)
    initial: dict[str, Any] = {
        "name": dimension.name,
        "key": dimension.key,
        "group": dimension.group,
        "summary": dimension.summary,
    }
    form = DimensionForm(
        request.POST or None, levels=levels, perspectives=perspectives, dimension=dimension, initial=initial
    )
    for level, perspective, name in form.cells:
        form.initial[name] = texts.get((level.pk, perspective), "")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.dimension_edit(
                dimension=dimension,
                name=data["name"],
                key=data["key"],
                group=data["group"],
                summary=data["summary"],
                descriptors=form.descriptors(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{dimension.name} has been saved")
            return _to_draft(framework)
    rows = [
        {
            "level": level,
            "fields": [(perspective, form[name]) for lv, perspective, name in form.cells if lv.pk == level.pk],
        }
        for level in levels
    ]
    return render(
        request,
        "frameworks/tailoring/dimension.jinja",
        {
            "form": form,
            "framework": framework,
            "draft": draft,
            "dimension": dimension,
            "rows": rows,
            "has_perspectives": bool([p for p in perspectives if p]),
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


@login_required
@require_POST
def dimension_move(request: AuthenticatedRequest, slug: str, key: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    dimension = _dimension_or_404(draft, key)
    direction: Literal["up", "down"] = "up" if request.POST.get("direction") == "up" else "down"
    try:
        services.dimension_move(dimension=dimension, position=services.move_target(dimension, direction))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{dimension.name} has been moved {direction}")
    return redirect(reverse("frameworks:tailor-draft", kwargs={"slug": framework.slug}) + "#dimensions")


@login_required
@require_http_methods(["GET", "POST"])
def dimension_remove(request: AuthenticatedRequest, slug: str, key: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    dimension = _dimension_or_404(draft, key)
    if request.method == "POST":
        try:
            services.dimension_remove(dimension=dimension)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{dimension.name} has been removed from the draft")
        return _to_draft(framework)
    return render(
        request,
        "frameworks/tailoring/remove.jinja",
        {
            "framework": framework,
            "draft": draft,
            "heading": f"Remove {dimension.name} from the draft?",
            "explanation": "Its descriptors will be removed too. Published versions keep it.",
            "button_text": "Remove the dimension",
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


# Levels ---------------------------------------------------------------------------------------------------------


def _level_or_404(draft: FrameworkVersion, position: int) -> Level:
    return get_object_or_404(Level.objects.select_related("version__framework"), version=draft, position=position)


@login_required
@require_http_methods(["GET", "POST"])
def level_add(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    form = LevelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            level = services.level_add(version=draft, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{level_label(level.position, level.name)} has been added as the highest level")
            return redirect(reverse("frameworks:tailor-draft", kwargs={"slug": framework.slug}) + "#levels")
    return render(
        request,
        "frameworks/tailoring/level.jinja",
        {
            "form": form,
            "framework": framework,
            "draft": draft,
            "level": None,
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def level_edit(request: AuthenticatedRequest, slug: str, position: int) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    level = _level_or_404(draft, position)
    form = LevelForm(request.POST or None, initial={"name": level.name, "summary": level.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.level_update(level=level, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Level {level.position} has been saved")
            return redirect(reverse("frameworks:tailor-draft", kwargs={"slug": framework.slug}) + "#levels")
    return render(
        request,
        "frameworks/tailoring/level.jinja",
        {
            "form": form,
            "framework": framework,
            "draft": draft,
            "level": level,
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def level_remove(request: AuthenticatedRequest, slug: str, position: int) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    level = _level_or_404(draft, position)
    if request.method == "POST":
        try:
            services.level_remove(level=level)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{level_label(position, level.name)} has been removed from the draft")
        return redirect(reverse("frameworks:tailor-draft", kwargs={"slug": framework.slug}) + "#levels")
    return render(
        request,
        "frameworks/tailoring/remove.jinja",
        {
            "framework": framework,
            "draft": draft,
            "heading": f"Remove {level_label(level.position, level.name)} from the draft?",
            "explanation": "Its descriptors will be removed too, and the levels above it will move down one. "
            "Published versions keep it.",
            "button_text": "Remove the level",
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


# Publishing -------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    framework, draft = _draft_or_redirect(request, slug)
    if draft is None:
        return _to_overview(framework)
    form = PublishForm(request.POST or None, initial={"change_notes": draft.change_notes})
    if request.method == "POST" and form.is_valid():
        try:
            published = services.version_publish(
                version=draft, user=request.user, change_notes=form.cleaned_data["change_notes"]
            )
        except ValidationError as error:
            if services.publish_gaps(draft):
                form.add_error(None, "This version cannot be published yet. Fill the gaps listed below first.")
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                f"Version {published.number} of {framework.name} has been published. New rounds can use it; "
                "rounds already open keep the version they started with.",
            )
            return _to_overview(framework)
    return render(
        request,
        "frameworks/tailoring/publish.jinja",
        {
            "form": form,
            "framework": framework,
            "draft": draft,
            "gaps": services.publish_gaps(draft),
            "repeats": queries.descriptor_repeats(draft),
            "nav_section": NAV,
            "breadcrumbs": _crumbs(framework, draft=True),
        },
    )


# Import and export ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_framework(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can(request.user, "framework.tailor"):
        raise Http404("No such page")
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    problems: io.ImportProblems | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            draft = io.framework_import_file(
                file=upload,
                filename=upload.name or "",
                user=request.user,
                system=form.owner_system(),
                name=form.cleaned_data["name"] or None,
            )
        except io.ImportProblems as error:
            problems = error
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{draft.framework.name} has been imported as a draft. Check it, then publish it."
            )
            repeated = queries.descriptor_repeats(draft)
            if repeated:
                # A warning, not a refusal: some frameworks mean a cell to read the same as another.
                messages.warning(
                    request,
                    f"{counted(len(repeated), 'descriptor repeats', 'descriptors repeat')} another cell word for "
                    "word. They are listed on this page: check each one before you publish.",
                )
            return _to_draft(draft.framework)
    return render(
        request,
        "frameworks/tailoring/import.jinja",
        {
            "form": form,
            "problems": problems.problems if problems else [],
            "in_json": problems.in_json if problems else False,
            "nav_section": NAV,
            "breadcrumbs": _crumbs()[:3],
        },
    )


def _filename(version: FrameworkVersion, extension: str) -> str:
    status = "-draft" if version.is_draft else ""
    return f"{version.framework.slug}-version-{version.number}{status}.{extension}"


@login_required
@require_GET
def export_json(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _viewable_version_or_404(request.user, slug, number)
    response = JsonResponse(io.version_to_json(version), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{_filename(version, "json")}"'
    return response


@login_required
@require_GET
def export_xlsx(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _viewable_version_or_404(request.user, slug, number)
    return download_response(io.version_to_xlsx(version), io.XLSX_CONTENT_TYPE, _filename(version, "xlsx"))
