"""The community's pages. Thin: parse, fetch through a scoped selector (anything a person may not read answers
404), call a service or a query, render. Every form is a plain POST; nothing needs JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from markupsafe import Markup

from wayfinder.accounts.http import AuthenticatedRequest
from wayfinder.community import caching, permissions, queries, services
from wayfinder.community.content import NORMS
from wayfinder.community.forms import (
    EditForm,
    ReasonForm,
    ReplyForm,
    ReportForm,
    SearchForm,
    StopForm,
    ThreadForm,
    TopicForm,
)
from wayfinder.community.models import Post, PostStatus, Report, Space, SpaceKind, Topic
from wayfinder.core import generations
from wayfinder.core.forms import add_service_errors
from wayfinder.core.home import home_generation_key
from wayfinder.core.permissions import person_generation_key
from wayfinder.core.views import breadcrumbs
from wayfinder.hub.recommend import GENERATION_KEY as HUB_GENERATION_KEY
from wayfinder.networks.permissions import get_visible_network_or_404


def _crumbs(*links: tuple[str, str]) -> list[dict[str, str]]:
    return breadcrumbs((reverse("community:index"), "Community"), *links)


def _space_crumbs(space: Space) -> list[dict[str, str]]:
    if space.kind == SpaceKind.SHARED:
        return _crumbs()
    return _crumbs((space.get_absolute_url(), str(space)))


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("nav_section", "community")
    context.setdefault("is_moderator", _moderates_any(request))
    context.setdefault("is_editor", permissions.is_editor(request.user))
    return render(request, f"community/{template}", context)


def _needs_norms(request: AuthenticatedRequest) -> HttpResponse | None:
    """Before a person's first post they read the norms and agree to them once."""
    if services.has_agreed_norms(request.user):
        return None
    return redirect(f"{reverse('community:norms')}?next={request.get_full_path()}")


# Drawn fragments kept in the shared cache hold this where a form's CSRF field goes; each request fills in its own.
CSRF_MARK = Markup('<input type="hidden" name="csrfmiddlewaretoken" value="" data-csrf-mark>')


def _with_csrf(request: HttpRequest, html: str) -> Markup:
    return Markup(html.replace(CSRF_MARK, csrf_input(request)))  # noqa: S704 - drawn by autoescaping templates


def _page_number(request: HttpRequest) -> str:
    """The page asked for, as the paginator reads it; anything but a plain number is the first page (so a cache
    key holds only numbers)."""
    page = request.GET.get("page", "1")
    return page if page.isdigit() and len(page) <= 6 else "1"


def _show(request: HttpRequest) -> str:
    show = request.GET.get("show", "latest")
    return show if show in queries.SHOWS else "latest"


# Spaces and topics -------------------------------------------------------------------------------------------


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    space = services.space_shared()
    show = _show(request)
    return _page(
        request,
        "index.jinja",
        {
            "space": space,
            "show": show,
            "threads": queries.thread_list(request.user, space=space, show=show, page=request.GET.get("page")),
            "topics": queries.topic_rows(space),
            "following": queries.follows_of(request.user, space=space),
            "breadcrumbs": breadcrumbs(),
        },
    )


@login_required
def topic(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    # Every topic by its address, kept under the topics' generation: there are only a few, kept by editors.
    topics = generations.cached(
        "community:topics", [caching.TOPICS_KEY], 1, lambda: {t.slug: t for t in Topic.objects.all()}, 3600
    )
    found = topics.get(slug)
    if found is None:
        raise Http404("No such topic")
    show = _show(request)
    page = _page_number(request)

    def draw() -> str:
        # Topics arrange the shared space only, which everyone signed in reads: the list is the same for all.
        context = {
            "topic": Topic.objects.prefetch_related("dimensions", "support_domains").get(pk=found.pk),
            "space": services.space_shared(),
            "show": show,
            "threads": queries.topic_threads(found, show=show, page=page),
        }
        return render_to_string("community/_topic_threads.jinja", context)

    html = generations.cached(
        "community:topic",
        [caching.LISTS_KEY, caching.TOPICS_KEY, caching.PEOPLE_KEY],
        (found.pk, show, page),
        draw,
        caching.DRAWN_SECONDS,
    )
    return _page(
        request,
        "topic.jinja",
        {
            "topic": found,
            "drawn": Markup(html),  # noqa: S704 - drawn by an autoescaping template
            "following": generations.cached(
                "community:follows-topic",
                [caching.reader_key(request.user.pk)],
                (found.pk, request.user.pk),
                lambda: queries.follows_of(request.user, topic=found),
                caching.DRAWN_SECONDS,
            ),
            "breadcrumbs": _crumbs(),
        },
    )


@login_required
def network_space(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = get_visible_network_or_404(request.user, slug=slug)
    existing = Space.objects.filter(kind=SpaceKind.NETWORK, network=network).select_related("network").first()
    space = existing or Space(kind=SpaceKind.NETWORK, network=network, title=f"{network.name} discussions")
    if not permissions.can_view_space(request.user, space):
        raise Http404("No such space")
    if existing is None:
        space = services.space_for_network(network=network)
    return _space(request, space)


@login_required
def space(request: AuthenticatedRequest, space_id: int) -> HttpResponse:
    found = permissions.space_for_user_or_404(request.user, space_id)
    if found.kind == SpaceKind.SHARED:
        return redirect("community:index")
    return _space(request, found)


def _space(request: AuthenticatedRequest, found: Space) -> HttpResponse:
    show = _show(request)
    return _page(
        request,
        "space.jinja",
        {
            "space": found,
            "show": show,
            "threads": queries.thread_list(request.user, space=found, show=show, page=request.GET.get("page")),
            "following": queries.follows_of(request.user, space=found),
            "can_post": permissions.can_post_in(request.user, found),
            "can_moderate": permissions.can_moderate(request.user, found),
            "breadcrumbs": _crumbs(),
        },
    )


@login_required
@require_POST
def follow(request: AuthenticatedRequest, what: str, ref: str) -> HttpResponse:
    """Follow or stop following a thread, a topic or a space."""
    following = request.POST.get("follow") == "1"
    if what == "thread":
        thread = permissions.thread_for_user_or_404(request.user, ref)
        services.follow_set(person=request.user, thread=thread, following=following)
        back = thread.get_absolute_url()
    elif what == "topic":
        found = Topic.objects.filter(slug=ref).first()
        if found is None:
            raise Http404("No such topic")
        services.follow_set(person=request.user, topic=found, following=following)
        back = found.get_absolute_url()
    elif what == "space":
        found_space = permissions.space_for_user_or_404(request.user, ref)
        services.follow_set(person=request.user, space=found_space, following=following)
        back = found_space.get_absolute_url()
    else:
        raise Http404("Nothing to follow")
    messages.success(request, "You are following this now" if following else "You have stopped following this")
    return redirect(back)


# Threads and posts -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request: AuthenticatedRequest, space_id: int) -> HttpResponse:
    found = permissions.space_for_user_or_404(request.user, space_id)
    if not permissions.can_post_in(request.user, found):
        raise Http404("No such page")
    if (norms := _needs_norms(request)) is not None:
        return norms
    shared = found.kind == SpaceKind.SHARED
    initial = {"topic": Topic.objects.filter(slug=request.GET.get("topic", "")).first()} if shared else {}
    form = ThreadForm(request.POST or None, with_topics=shared, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.thread_start(
                space=found,
                author=request.user,
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                topic=data.get("topic"),
                tags=data["tags"],
                resources=data["resources"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if thread.status == PostStatus.PENDING:
                messages.success(request, "Thank you. A moderator will check your post before others can see it.")
            else:
                messages.success(request, "Your post is in the community")
            return redirect(thread)
    return _page(request, "thread_new.jinja", {"space": found, "form": form, "breadcrumbs": _space_crumbs(found)})


@login_required
def thread(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    found = permissions.thread_for_user_or_404(request.user, thread_id)
    moderator = permissions.can_moderate(request.user, found.space)
    can_reply = permissions.can_reply(request.user, found)
    can_accept = permissions.can_accept(request.user, found)
    # Drawn once for everyone who sees the same thing: moderators or not, who may reply or accept; drawn for one
    # person alone when they wrote in the thread or marked a reply helpful (their own edit links, helpful marks,
    # and posts of theirs still waiting or hidden).
    wrote_or_marked, following = generations.cached(
        "community:reader",
        [caching.thread_key(found.pk), caching.reader_key(request.user.pk)],
        (found.pk, request.user.pk),
        lambda: queries.reader_of(request.user, found),
        caching.DRAWN_SECONDS,
    )
    me = request.user.pk if wrote_or_marked else 0
    page = _page_number(request)
    context = {"thread": found, "moderator": moderator, "can_reply": can_reply, "can_accept": can_accept, "me": me}

    def draw() -> str:
        view = queries.thread_posts(found, moderator=moderator, viewer_id=me or None, page=page)
        return render_to_string(
            "community/_thread_posts.jinja", {**context, "view": view, "form": ReplyForm(), "csrf_input": CSRF_MARK}
        )

    html = generations.cached(
        "community:thread",
        [caching.thread_key(found.pk), caching.TOPICS_KEY, caching.PEOPLE_KEY, HUB_GENERATION_KEY],
        (found.pk, page, moderator, can_reply, can_accept, me),
        draw,
        caching.DRAWN_SECONDS,
    )
    return _page(
        request,
        "thread.jinja",
        {
            **context,
            "drawn": _with_csrf(request, html),
            "following": following,
            "breadcrumbs": _space_crumbs(found.space),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    found = permissions.thread_for_user_or_404(request.user, thread_id)
    if not permissions.can_reply(request.user, found):
        raise Http404("No such page")
    if (norms := _needs_norms(request)) is not None:
        return norms
    form = ReplyForm(request.POST or None, initial={"quote": request.GET.get("quote")})
    quote_id = request.POST.get("quote") or request.GET.get("quote")
    quote = (
        Post.objects.filter(thread=found, status=PostStatus.VISIBLE, pk=quote_id).select_related("author").first()
        if quote_id and str(quote_id).isdigit()
        else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_reply(thread=found, author=request.user, body=form.cleaned_data["body"], quote=quote)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if post.status == PostStatus.PENDING:
                messages.success(request, "Thank you. A moderator will check your reply before others can see it.")
            else:
                messages.success(request, "Your reply is posted")
            return redirect(post.get_absolute_url())
    return _page(
        request,
        "reply.jinja",
        {"thread": found, "form": form, "quote": quote, "breadcrumbs": _space_crumbs(found.space)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: AuthenticatedRequest, post_id: int) -> HttpResponse:
    post = permissions.post_for_user_or_404(request.user, post_id)
    if not permissions.can_edit_post(request.user, post):
        raise Http404("No such page")
    form = EditForm(
        request.POST or None, initial={"body": post.body, "title": post.thread.title}, with_title=post.opening
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post=post, editor=request.user, body=form.cleaned_data["body"], title=form.cleaned_data.get("title")
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your post is updated")
            return redirect(post.get_absolute_url())
    return _page(
        request, "post_edit.jinja", {"post": post, "form": form, "breadcrumbs": _space_crumbs(post.thread.space)}
    )


@login_required
@require_POST
def post_helpful(request: AuthenticatedRequest, post_id: int) -> HttpResponse:
    post = permissions.post_for_user_or_404(request.user, post_id)
    if not permissions.can_mark_helpful(request.user, post):
        raise Http404("No such page")
    services.post_helpful(post=post, person=request.user, helpful=request.POST.get("helpful") == "1")
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def post_accept(request: AuthenticatedRequest, post_id: int) -> HttpResponse:
    post = permissions.post_for_user_or_404(request.user, post_id)
    if not permissions.can_accept(request.user, post.thread):
        raise Http404("No such page")
    try:
        services.answer_accept(thread=post.thread, post=post, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You accepted this answer. It now shows under the question.")
    return redirect(post.thread)


# Safe space --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def norms(request: AuthenticatedRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST":
        services.norms_agree(person=request.user)
        messages.success(request, "Thank you for agreeing to the community norms")
        return redirect(next_url or reverse("community:index"))
    return _page(
        request,
        "norms.jinja",
        {"norms": NORMS, "agreed": services.has_agreed_norms(request.user), "next": next_url, "breadcrumbs": _crumbs()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request: AuthenticatedRequest, post_id: int) -> HttpResponse:
    post = permissions.post_for_user_or_404(request.user, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_make(
                post=post, reporter=request.user, reason=form.cleaned_data["reason"], detail=form.cleaned_data["detail"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. The moderators will look at this post.")
            return redirect(post.get_absolute_url())
    return _page(request, "report.jinja", {"post": post, "form": form, "breadcrumbs": _space_crumbs(post.thread.space)})


def _moderated_post(request: AuthenticatedRequest, post_id: int) -> Post:
    post = permissions.post_for_user_or_404(request.user, post_id)
    if not permissions.can_moderate(request.user, post.space):
        raise Http404("No such page")
    return post


@login_required
@require_http_methods(["GET", "POST"])
def post_moderate(request: AuthenticatedRequest, post_id: int, action: str) -> HttpResponse:
    """Hide or restore a post, with a reason the author is told."""
    post = _moderated_post(request, post_id)
    if action not in ("hide", "restore"):
        raise Http404("No such page")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do = services.post_hide if action == "hide" else services.post_restore
        try:
            do(post=post, moderator=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The post is hidden" if action == "hide" else "The post is shown again")
            return redirect(post.get_absolute_url())
    return _page(
        request,
        "moderate_post.jinja",
        {"post": post, "form": form, "action": action, "breadcrumbs": _space_crumbs(post.thread.space)},
    )


@login_required
@require_POST
def post_approve(request: AuthenticatedRequest, post_id: int) -> HttpResponse:
    post = _moderated_post(request, post_id)
    try:
        services.post_approve(post=post, moderator=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The post is approved and shown")
    return redirect("community:moderation")


@login_required
@require_POST
def report_dismiss(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    report = Report.objects.select_related("post__space").filter(pk=report_id).first()
    if report is None or not permissions.can_moderate(request.user, report.post.space):
        raise Http404("No such report")
    services.report_dismiss(report=report, moderator=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "The report is closed and the post stays as it was")
    return redirect("community:moderation")


@login_required
@require_POST
def thread_lock(request: AuthenticatedRequest, thread_id: int) -> HttpResponse:
    found = permissions.thread_for_user_or_404(request.user, thread_id)
    if not permissions.can_moderate(request.user, found.space):
        raise Http404("No such page")
    locked = request.POST.get("locked") == "1"
    services.thread_lock(thread=found, moderator=request.user, locked=locked)
    messages.success(request, "The thread is locked" if locked else "The thread is open for replies again")
    return redirect(found)


@login_required
@require_http_methods(["GET", "POST"])
def person_stop(request: AuthenticatedRequest, post_id: int) -> HttpResponse:
    """Stop the author of a post from posting in its space for a time."""
    post = _moderated_post(request, post_id)
    if post.author is None:
        raise Http404("No such person")
    form = StopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_stop(
                space=post.space,
                person=post.author,
                moderator=request.user,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{post.author.display_name} cannot post here for now")
            return redirect(post.get_absolute_url())
    return _page(request, "stop.jinja", {"post": post, "form": form, "breadcrumbs": _space_crumbs(post.thread.space)})


@login_required
def moderation(request: AuthenticatedRequest) -> HttpResponse:
    queue = queries.moderation_queue(request.user)
    if not (queue.reports or queue.pending or queue.hidden) and not _moderates_any(request):
        raise Http404("No such page")
    return _page(request, "moderation.jinja", {"queue": queue, "breadcrumbs": _crumbs()})


@login_required
def moderation_log(request: AuthenticatedRequest) -> HttpResponse:
    if not _moderates_any(request):
        raise Http404("No such page")
    log = queries.moderation_log(request.user, request.GET.get("page"))
    return _page(request, "moderation_log.jinja", {"log": log, "breadcrumbs": _crumbs()})


def _moderates_any(request: HttpRequest) -> bool:
    """Whether the person moderates any space (every community page asks, for its "Moderation" link): kept in the
    shared cache under their own generations (their roles and memberships) and the one bumped when a space opens."""
    user = request.user
    if not user.is_authenticated:
        return False
    if permissions.is_editor(user):
        return True
    return generations.cached(
        "community:moderates",
        [person_generation_key(user.pk), home_generation_key(user.pk), caching.SPACES_KEY],
        user.pk,
        lambda: Space.objects.filter(permissions.moderated_spaces_condition(user)).exists(),
        caching.DRAWN_SECONDS,
    )


# Notifications and search ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_read(person=request.user)
        messages.success(request, "All your notifications are marked as read")
        return redirect("community:notifications")
    page = queries.notification_page(request.user, request.GET.get("page"))
    return _page(request, "notifications.jinja", {"notes": page, "breadcrumbs": _crumbs()})


@login_required
def notification_open(request: AuthenticatedRequest, note_id: int) -> HttpResponse:
    """Mark one notification read and go to what it is about."""
    note = queries.notifications_of(request.user).filter(pk=note_id).first()
    if note is None:
        raise Http404("No such notification")
    services.notifications_read(person=request.user, ids=[note.pk])
    if note.post_id is not None:
        return redirect(f"{reverse('community:thread', kwargs={'thread_id': note.thread_id})}#post-{note.post_id}")
    if note.thread_id is not None:
        return redirect("community:thread", thread_id=note.thread_id)
    return redirect("community:notifications")


@login_required
def search(request: AuthenticatedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    words = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = _search_results(request.user, words) if words else None
    return _page(request, "search.jinja", {"form": form, "words": words, "found": found, "breadcrumbs": _crumbs()})


def _search_results(user: Any, words: str) -> Markup:
    """The threads matching the words, drawn. What a search finds depends only on the words and the spaces the
    person may read (only shown threads are found), so the drawing is kept for everyone who may read the same
    spaces, until a thread, a topic or a name changes."""
    spaces = tuple(sorted(permissions.spaces_visible_to(user).values_list("pk", flat=True)))

    def draw() -> Markup:
        html = render_to_string(
            "community/_search_results.jinja", {"words": words, "results": queries.search(user, words)}
        )
        return Markup(html)  # noqa: S704 - drawn by an autoescaping template

    return generations.cached(
        "community:search",
        [caching.LISTS_KEY, caching.TOPICS_KEY, caching.PEOPLE_KEY],
        (words, spaces),
        draw,
        caching.DRAWN_SECONDS,
    )


# Topics, kept by editors -------------------------------------------------------------------------------------


@login_required
def topics_manage(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.is_editor(request.user):
        raise Http404("No such page")
    topics = Topic.objects.prefetch_related("dimensions", "support_domains")
    return _page(request, "topics_manage.jinja", {"topics": topics, "breadcrumbs": _crumbs()})


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: AuthenticatedRequest, topic_id: int | None = None) -> HttpResponse:
    if not permissions.is_editor(request.user):
        raise Http404("No such page")
    found = Topic.objects.filter(pk=topic_id).first() if topic_id is not None else None
    if topic_id is not None and found is None:
        raise Http404("No such topic")
    form = TopicForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        services.topic_save(form=form)
        messages.success(request, "The topic is saved")
        return redirect("community:topics-manage")
    return _page(
        request,
        "topic_edit.jinja",
        {"form": form, "topic": found, "breadcrumbs": _crumbs((reverse("community:topics-manage"), "Topics"))},
    )
