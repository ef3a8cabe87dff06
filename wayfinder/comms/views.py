"""The preferences page, one-click unsubscribe, the digest's public archive and its editor's pages. Thin: parse,
fetch through a selector, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.comms import digest, permissions, queries, registry, services
from wayfinder.comms.forms import DigestIssueForm, DigestSendForm, PreferencesForm
from wayfinder.comms.models import DigestIssue, DigestStatus
from wayfinder.comms.tokens import unsubscribe_read
from wayfinder.core.forms import add_service_errors
from wayfinder.core.views import breadcrumbs

# Preferences and unsubscribing ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    kinds = registry.mail_kinds()
    current = queries.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, kinds=kinds, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_save(user=request.user, choices=form.choices())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your email choices are saved.")
            return redirect("comms:preferences")
    context = {
        "form": form,
        "service_kinds": [kind for kind in kinds if kind.is_service],
        "breadcrumbs": breadcrumbs((reverse("accounts:profile"), "Your account")),
    }
    return render(request, "comms/preferences.jinja", context)


@csrf_exempt  # RFC 8058: the mail program posts with no cookie and no form token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners follow links); POST unsubscribes, with no sign-in."""
    named = unsubscribe_read(token)
    kind = None
    if named is not None:
        try:
            kind = registry.mail_kind(named.kind)
        except LookupError:
            kind = None
    if named is None or kind is None or kind.is_service:
        return render(request, "comms/unsubscribe_invalid.jinja", status=400)
    if request.method == "POST":
        try:
            services.unsubscribe(named=named)
        except ValidationError:
            return render(request, "comms/unsubscribe_invalid.jinja", status=400)
        return render(request, "comms/unsubscribed.jinja", {"kind": kind})
    return render(request, "comms/unsubscribe_confirm.jinja", {"kind": kind})


# The public archive --------------------------------------------------------------------------------------------


def archive(request: HttpRequest) -> HttpResponse:
    issues = queries.archived_issues()
    return render(
        request, "comms/archive.jinja", {"issues": issues, "may_edit": permissions.may_edit_digest(request.user)}
    )


def archive_issue(request: HttpRequest, slug: str) -> HttpResponse:
    issue = permissions.archived_issue_or_404(slug)
    context = {
        "issue": issue,
        "parts": digest.issue_parts(list(issue.items.all())),
        "breadcrumbs": breadcrumbs((reverse("comms:archive"), "Digest")),
    }
    return render(request, "comms/archive_issue.jinja", context)


# The editor ----------------------------------------------------------------------------------------------------


def _editor_crumbs(*links: tuple[str, str]) -> list[dict[str, str]]:
    return breadcrumbs((reverse("comms:archive"), "Digest"), (reverse("comms:editor"), "Make the digest"), *links)


@login_required
@require_http_methods(["GET", "POST"])
def editor(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.may_edit_digest(request.user):
        raise Http404
    if request.method == "POST":
        issue = services.digest_start(user=request.user)
        messages.success(request, "You started a new issue.")
        return redirect("comms:edit", issue.pk)
    context = {
        "issues": queries.issues_for_editor(),
        "breadcrumbs": breadcrumbs((reverse("comms:archive"), "Digest")),
    }
    return render(request, "comms/editor.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, issue_id: int) -> HttpResponse:
    """The issue's page: its title and introduction, its entries in order, what is new to add, and sending."""
    issue = permissions.digest_issue_for_editor_or_404(request.user, issue_id)
    form = DigestIssueForm(request.POST or None, initial={"title": issue.title, "introduction": issue.introduction})
    if request.method == "POST" and form.is_valid():
        try:
            services.digest_update(
                issue=issue, title=form.cleaned_data["title"], introduction=form.cleaned_data["introduction"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The title and introduction are saved.")
            return redirect("comms:edit", issue.pk)
    return _edit_page(request, issue, form=form)


def _edit_page(
    request: AuthenticatedRequest,
    issue: DigestIssue,
    *,
    form: DigestIssueForm | None = None,
    send_form: DigestSendForm | None = None,
    pick_error: str = "",
    status: int = 200,
) -> HttpResponse:
    draft = issue.status == DigestStatus.DRAFT
    context = {
        "issue": issue,
        "draft": draft,
        "form": form or DigestIssueForm(initial={"title": issue.title, "introduction": issue.introduction}),
        "send_form": send_form or DigestSendForm(),
        "items": list(issue.items.all()),
        "proposals": digest.proposals(issue) if draft else [],
        "pick_error": pick_error,
        "progress": digest.progress(issue) if not draft else None,
        "breadcrumbs": _editor_crumbs(),
    }
    return render(request, "comms/edit.jinja", context, status=status)


@login_required
@require_POST
def pick(request: AuthenticatedRequest, issue_id: int) -> HttpResponse:
    issue = permissions.digest_issue_for_editor_or_404(request.user, issue_id)
    try:
        added = services.digest_pick(issue=issue, refs=request.POST.getlist("refs"))
    except ValidationError as error:
        return _edit_page(request, issue, pick_error=" ".join(error.messages), status=400)
    messages.success(request, f"Added {added} to the issue." if added > 1 else "Added 1 entry to the issue.")
    return redirect(reverse("comms:edit", args=[issue.pk]) + "#entries")


@login_required
@require_POST
def item(request: AuthenticatedRequest, issue_id: int, item_id: int) -> HttpResponse:
    """Move an entry up or down, or take it out."""
    issue = permissions.digest_issue_for_editor_or_404(request.user, issue_id)
    action = request.POST.get("action", "")
    try:
        if action == "remove":
            services.digest_item_remove(issue=issue, item_id=item_id)
        elif action in ("up", "down"):
            services.digest_item_move(issue=issue, item_id=item_id, up=action == "up")
        else:
            raise ValidationError("Choose what to do with the entry.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("comms:edit", args=[issue.pk]) + "#entries")


@login_required
def preview(request: AuthenticatedRequest, issue_id: int) -> HttpResponse:
    """The issue as the editor would get it in their inbox, with their own "for your network" part."""
    issue = permissions.digest_issue_for_editor_or_404(request.user, issue_id)
    common = digest.issue_text(issue, list(issue.items.all()))
    copy = digest.copy_for(common, digest.personal_parts([request.user]).get(request.user.pk, []))
    context = {
        "issue": issue,
        "copy": copy,
        "breadcrumbs": _editor_crumbs((reverse("comms:edit", args=[issue.pk]), issue.title)),
    }
    return render(request, "comms/preview.jinja", context)


@login_required
@require_POST
def send_test(request: AuthenticatedRequest, issue_id: int) -> HttpResponse:
    issue = permissions.digest_issue_for_editor_or_404(request.user, issue_id)
    services.digest_send_test(issue=issue, user=request.user)
    messages.success(request, f"A test copy is on its way to {request.user.email}.")
    return redirect("comms:edit", issue.pk)


@login_required
@require_POST
def send(request: AuthenticatedRequest, issue_id: int) -> HttpResponse:
    issue = permissions.digest_issue_for_editor_or_404(request.user, issue_id)
    form = DigestSendForm(request.POST)
    if form.is_valid():
        try:
            issue = services.digest_send(issue=issue, at=form.cleaned_data["at"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            later = form.cleaned_data["at"] is not None
            messages.success(request, "The issue is scheduled." if later else "The issue is being sent.")
            return redirect("comms:edit", issue.pk)
    return _edit_page(request, issue, send_form=form, status=400)


@login_required
@require_POST
def sending(request: AuthenticatedRequest, issue_id: int) -> HttpResponse:
    """Pause, resume, or take back a scheduled issue."""
    issue = permissions.digest_issue_for_editor_or_404(request.user, issue_id)
    action = request.POST.get("action", "")
    done = {
        "pause": (services.digest_pause, "Sending is paused. Nobody else gets the issue until you resume."),
        "resume": (services.digest_resume, "Sending has resumed."),
        "unschedule": (services.digest_unschedule, "The issue is a draft again."),
    }
    if action not in done:
        raise Http404
    service, said = done[action]
    try:
        service(issue=issue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, said)
    return redirect("comms:edit", issue.pk)
