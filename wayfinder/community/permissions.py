"""Who may read, post in and moderate each community space, and the scoped selectors every page starts from.

A network's space follows the network's privacy exactly as its member list does (`networks.permissions`): an open
network's space is read by everyone signed in; a restricted or private network's by its members and the people
who oversee it; a confidential network's by its members only (and site admins). A space between two networks is
read by the members of either. Only members post in a network's space; everyone signed in posts in the shared
space. Editors (and site admins) moderate the shared space; a network's leads moderate its space.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wayfinder.community.models import Post, PostStatus, Space, SpaceKind, Thread
from wayfinder.core import permissions as core
from wayfinder.core.permissions import reach
from wayfinder.core.roles import AppointmentRole, NetworkRole
from wayfinder.networks.models import Membership, Privacy
from wayfinder.networks.permissions import belongs_or_oversees, network_role, of_networks_condition


def _signed_in(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_editor(user: Any) -> bool:
    r = reach(user)
    return r.site_admin or AppointmentRole.EDITOR in r.roles


# Spaces ------------------------------------------------------------------------------------------------------


def spaces_condition(user: Any, space: str = "") -> Q:
    """A filter for spaces (or, with `space` as a field path such as "space__", rows of a space) the user may
    read."""
    if not _signed_in(user):
        return Q(pk__in=[])
    if reach(user).site_admin:
        return Q()
    member_networks = Membership.objects.filter(user=user).values("network_id")
    return (
        Q(**{f"{space}kind": SpaceKind.SHARED})
        | Q(**{f"{space}kind": SpaceKind.NETWORK, f"{space}network__privacy": Privacy.OPEN})
        | (Q(**{f"{space}kind": SpaceKind.NETWORK}) & of_networks_condition(user, f"{space}network"))
        | Q(**{f"{space}kind": SpaceKind.PAIR, f"{space}network_id__in": member_networks})
        | Q(**{f"{space}kind": SpaceKind.PAIR, f"{space}partner_id__in": member_networks})
    )


def spaces_visible_to(user: Any) -> QuerySet[Space]:
    return Space.objects.filter(spaces_condition(user))


def can_view_space(user: Any, space: Space) -> bool:
    if not _signed_in(user):
        return False
    if space.kind == SpaceKind.SHARED or reach(user).site_admin:
        return True
    if space.kind == SpaceKind.NETWORK:
        assert space.network is not None
        return space.network.privacy == Privacy.OPEN or belongs_or_oversees(user, space.network)
    return any(network_role(user, n) is not None for n in (space.network, space.partner) if n is not None)


def can_post_in(user: Any, space: Space) -> bool:
    """Everyone signed in posts in the shared space; members (of either network, for two) in a network's."""
    if not _signed_in(user):
        return False
    if space.kind == SpaceKind.SHARED:
        return True
    return any(network_role(user, n) is not None for n in (space.network, space.partner) if n is not None)


def can_moderate(user: Any, space: Space) -> bool:
    if not _signed_in(user):
        return False
    if reach(user).site_admin:
        return True
    if space.kind == SpaceKind.SHARED:
        return is_editor(user)
    return any(network_role(user, n) == NetworkRole.LEAD for n in (space.network, space.partner) if n is not None)


def moderated_spaces_condition(user: Any, space: str = "") -> Q:
    """A filter for spaces (or rows of a space) the user moderates."""
    if not _signed_in(user):
        return Q(pk__in=[])
    if reach(user).site_admin:
        return Q()
    led = Membership.objects.filter(user=user, role=NetworkRole.LEAD).values("network_id")
    condition = Q(**{f"{space}network_id__in": led}) | Q(**{f"{space}partner_id__in": led})
    if is_editor(user):
        condition |= Q(**{f"{space}kind": SpaceKind.SHARED})
    return condition


def space_for_user_or_404(user: Any, space_id: Any) -> Space:
    space = spaces_visible_to(user).select_related("network__system", "partner").filter(pk=space_id).first()
    if space is None:
        raise Http404("No such space")
    return space


# Threads and posts -------------------------------------------------------------------------------------------


def threads_visible_to(user: Any) -> QuerySet[Thread]:
    """Threads in spaces the user may read whose opening post is shown, or is the user's own."""
    if not _signed_in(user):
        return Thread.objects.none()
    shown = Q(status=PostStatus.VISIBLE) | Q(author=user) | moderated_spaces_condition(user, "space__")
    return Thread.objects.filter(spaces_condition(user, "space__")).filter(shown)


def thread_for_user_or_404(user: Any, thread_id: Any) -> Thread:
    """The thread, if the user may read it (as `threads_visible_to` decides). A thread in the shared space, which
    everyone signed in reads, is decided here without the scoped query (the same rule, cheaper: the thread pages
    are the community's busiest)."""
    if not _signed_in(user):
        raise Http404("No such thread")
    found = Thread.objects.select_related("space", "topic").filter(pk=thread_id).first()
    if found is not None and found.space.kind == SpaceKind.SHARED:
        if found.status == PostStatus.VISIBLE or found.author_id == user.pk or can_moderate(user, found.space):
            return found
        raise Http404("No such thread")
    thread = (
        threads_visible_to(user)
        .select_related("space__network__system", "space__partner", "topic", "author")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise Http404("No such thread")
    return thread


def post_for_user_or_404(user: Any, post_id: Any) -> Post:
    """A post in a thread the user may read: shown, or their own, or in a space they moderate."""
    if not _signed_in(user):
        raise Http404("No such post")
    shown = Q(status=PostStatus.VISIBLE) | Q(author=user) | moderated_spaces_condition(user, "space__")
    post = (
        Post.objects.filter(spaces_condition(user, "space__"))
        .filter(shown)
        .select_related("thread__space__network__system", "thread__space__partner", "author", "space")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        raise Http404("No such post")
    return post


def can_reply(user: Any, thread: Thread) -> bool:
    return not thread.locked and thread.status == PostStatus.VISIBLE and can_post_in(user, thread.space)


def can_edit_post(user: Any, post: Post) -> bool:
    return _signed_in(user) and post.author_id == user.pk and post.status != PostStatus.HIDDEN


def can_accept(user: Any, thread: Thread) -> bool:
    """The person who asked, or a lead of the network whose space it is."""
    if not _signed_in(user) or thread.kind != "question":
        return False
    if thread.author_id == user.pk:
        return True
    return thread.space.kind != SpaceKind.SHARED and can_moderate(user, thread.space)


def can_mark_helpful(user: Any, post: Post) -> bool:
    return _signed_in(user) and post.author_id != user.pk and not post.opening and post.status == PostStatus.VISIBLE


def can_moderate_thread(user: Any, thread: Thread) -> bool:
    return can_moderate(user, thread.space)


core.register_all(
    {
        "community.view_space": can_view_space,
        "community.post": can_post_in,
        "community.moderate": can_moderate,
        "community.reply": can_reply,
        "community.edit_post": can_edit_post,
        "community.accept": can_accept,
        "community.helpful": can_mark_helpful,
        "community.moderate_thread": can_moderate_thread,
    }
)
