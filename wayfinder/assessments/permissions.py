"""Who may open, run, rate in and see the results of a network's rounds and live sessions, and the scoped
selectors every round query for a person starts from (an object the person may not see answers 404).

Rating: only the person invited rates, and only they see their own answers. Signed-in raters are matched by their
account; external raters without one are let in by the secret link in their email (the link is the permission, so
those views look the rater up by the token's hash and need no policy check).

Live sessions: the people who run a round run its live sessions. Anyone who belongs to the network, in any role,
or who was invited to rate in the round (an external rater with an account) may take part from their phone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wayfinder.assessments.models import LiveSession, Rater, Round
from wayfinder.core import permissions as core
from wayfinder.core.permissions import can as can
from wayfinder.core.permissions import is_site_admin
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Network
from wayfinder.networks.permissions import (
    belongs_or_oversees,
    network_role,
    of_networks_condition,
    of_networks_visible_to,
    of_networks_with_role,
)

ROUND_RUNNERS = (NetworkRole.LEAD, NetworkRole.FACILITATOR)


def can_open_round(user: Any, network: Network) -> bool:
    return network_role(user, network) in ROUND_RUNNERS or is_site_admin(user)


def can_manage_round(user: Any, round_: Round) -> bool:
    """Invite raters, change dates, run a live session, record consensus and targets."""
    return can_open_round(user, round_.network)


def can_view_results(user: Any, round_: Round) -> bool:
    """Results (aggregates and anonymous ratings) are for the network's members and those who oversee it.
    Nobody but the rater sees a named rating."""
    return belongs_or_oversees(user, round_.network)


def is_rater_in(user: Any, round_: Round) -> bool:
    return Rater.objects.filter(round_id=round_.pk, user=user).exists()


def can_view_round(user: Any, round_: Round) -> bool:
    """See a round's page: anyone invited to rate in it, and those who may see its results. Pass a round loaded
    with select_related("network__system")."""
    if user is None or not user.is_authenticated:
        return False
    if can_view_results(user, round_):
        return True
    return is_rater_in(user, round_)


def can_rate(user: Any, rater: Rater) -> bool:
    """Open the rating pages of `rater`: only the invited person's own account."""
    return user is not None and user.is_authenticated and rater.user_id is not None and rater.user_id == user.pk


def can_run_session(user: Any, session: LiveSession) -> bool:
    """Show the big screen, move between dimensions, record agreed levels and priorities, end the session.
    Pass a session loaded with select_related("round__network")."""
    return can_manage_round(user, session.round)


def can_take_part_in_session(user: Any, session: LiveSession) -> bool:
    """Join with the code and answer. Pass a session loaded with select_related("round__network")."""
    if user is None or not user.is_authenticated:
        return False
    round_ = session.round
    if network_role(user, round_.network) is not None:
        return True
    return is_rater_in(user, round_)


core.register_all(
    {
        "round.open": can_open_round,
        "round.manage": can_manage_round,
        "round.view_results": can_view_results,
        "round.view": can_view_round,
        "rater.rate": can_rate,
        "session.run": can_run_session,
        "session.join": can_take_part_in_session,
    }
)


# Selectors ---------------------------------------------------------------------------------------------------


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """Every round whose results the user may see. Start every round query for a user here."""
    return of_networks_visible_to(user, Round.objects.all())


def _one_or_404(scoped: QuerySet[Any], pk: Any, related: tuple[str, ...], message: str) -> Any:
    """The object with this primary key among those a selector allows, loaded with `related`; 404 otherwise.
    `get()`, which sorts nothing (the model's own ordering would sort the one row found): the selectors' conditions
    name the person's networks by id and join only along foreign keys, so no row can be matched twice."""
    if related:  # select_related() with no names would follow every foreign key
        scoped = scoped.select_related(*related)
    try:
        return scoped.get(pk=pk)
    except scoped.model.DoesNotExist:
        raise Http404(message) from None


def round_for_user_or_404(user: Any, round_id: Any, *related: str) -> Round:
    """The round, loaded with `related`, if the user may see its results; 404 otherwise."""
    return _one_or_404(rounds_visible_to(user), round_id, related, "No such round")


def round_page_for_user_or_404(user: Any, round_id: Any, *related: str) -> Round:
    """The round, if the user may open its page (`can_view_round`: those who may see its results, and anyone
    invited to rate in it); 404 otherwise."""
    if user is None or not user.is_authenticated:
        raise Http404("No such round")
    rating_in = Q(pk__in=Rater.objects.filter(user=user).values("round_id"))
    return _one_or_404(
        Round.objects.filter(of_networks_condition(user) | rating_in), round_id, related, "No such round"
    )


def managed_round_or_404(user: Any, round_id: Any, *related: str) -> Round:
    """The round, if the user may manage it (`can_manage_round`); 404 otherwise."""
    scoped = Round.objects.filter(of_networks_with_role(user, ROUND_RUNNERS))
    return _one_or_404(scoped, round_id, related, "No such round")


def session_to_run_or_404(user: Any, session_id: Any, *related: str) -> LiveSession:
    """The live session, if the user may run it (`can_run_session`); 404 otherwise."""
    scoped = LiveSession.objects.filter(of_networks_with_role(user, ROUND_RUNNERS, network="round__network"))
    return _one_or_404(scoped, session_id, related, "No such session")


def session_results_or_404(user: Any, session_id: Any, *related: str) -> LiveSession:
    """The live session, if the user may see its round's results; 404 otherwise."""
    scoped = of_networks_visible_to(user, LiveSession.objects.all(), network="round__network")
    return _one_or_404(scoped, session_id, related, "No such session")


def rater_for_user_or_404(user: Any, round_id: Any, *related: str) -> Rater:
    """The user's own invitation to rate in the round (`can_rate`); 404 for anyone else's."""
    if user is None or not user.is_authenticated:
        raise Http404("No such round")
    rater = Rater.objects.select_related(*related).filter(round_id=round_id, user_id=user.pk).first()
    if rater is None:
        raise Http404("No such round")
    return rater
