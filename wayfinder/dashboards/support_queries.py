"""Reads behind "support and progress": delivered support joined to the rounds before and after it, for one network,
a system, a region or England, in a fixed number of queries however many networks, rounds and pieces of support
there are. Levels come from the round summaries (like every dashboard); the pairing and roll-ups are the pure
functions of support_progress.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from wayfinder.assessments.models import Round
from wayfinder.dashboards import caching
from wayfinder.dashboards import queries as dashboard_queries
from wayfinder.dashboards import support_progress as sp
from wayfinder.dashboards.queries import DimensionInfo, closed_summaries, scoped_networks
from wayfinder.frameworks.models import SupportDomain
from wayfinder.networks.models import Network
from wayfinder.plans.models import Priority, PriorityReview
from wayfinder.plans.models import Progress as ReviewProgress
from wayfinder.support.models import CommissionedSupport, FundingSource, RequestStatus, SupportRequest

FUNDING_NAMES = dict(FundingSource.choices)
COMPARISON_NOTE = "A comparison, not proof that the support caused the change."


@dataclass(frozen=True)
class NetworkFacts:
    id: int
    name: str
    slug: str
    system_id: int | None
    system_name: str
    region_id: int | None
    region_name: str


@dataclass
class SupportProgress:
    """Everything a system's, region's or England's "support and progress" view shows, the same for every viewer
    (who may see what is decided per viewer by the views). A few kilobytes at England scale, so it is cached."""

    framework: tuple[int, str] | None
    dimensions: list[DimensionInfo]
    network_count: int
    by_domain: list[sp.GroupStats]
    by_provider: list[sp.GroupStats]
    by_funding: list[sp.GroupStats]
    by_system: list[sp.GroupStats]
    by_region: list[sp.GroupStats]
    # The supported networks, one row each (shown only to those who oversee them: the system's own view).
    supported: list[SupportedNetwork]


@dataclass(frozen=True)
class SupportedNetwork:
    id: int
    name: str
    slug: str
    system_id: int | None
    pieces: int
    spent: Any
    domains: tuple[str, ...]
    outcome: sp.NetworkOutcome


def _networks(base: QuerySet[Network]) -> list[NetworkFacts]:
    rows = (
        scoped_networks(base)
        .order_by("name", "pk")
        .values_list("pk", "name", "slug", "system_id", "system__name", "system__region_id", "system__region__name")
    )
    return [NetworkFacts(pk, n, s, sid, sn or "", rid, rn or "") for pk, n, s, sid, sn, rid, rn in rows]


def delivered(network_ids: Any) -> QuerySet[CommissionedSupport]:
    """What was commissioned for requests the system has marked delivered: the support that was delivered."""
    return CommissionedSupport.objects.filter(
        request__status=RequestStatus.DELIVERED, request__network_id__in=network_ids
    )


def _linked_keys(request_ids: Sequence[int], network_ids: Any) -> tuple[dict[int, set[tuple[int, str]]], Any]:
    """The dimensions each request was for, as (framework id, key); and the dimensions of each network's plan
    priorities by support domain, used when a request names no dimensions (two queries)."""
    through = SupportRequest.dimensions.through
    by_request: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for request_id, framework_id, key in through.objects.filter(supportrequest_id__in=request_ids).values_list(
        "supportrequest_id", "dimension__version__framework_id", "dimension__key"
    ):
        by_request[request_id].add((framework_id, key))
    by_domain: dict[tuple[int, str], set[tuple[int, str]]] = defaultdict(set)
    for network_id, domain, framework_id, key in (
        Priority.objects.filter(plan__network_id__in=network_ids)
        .exclude(dimension_key="")
        .values_list("plan__network_id", "support_domain_id", "plan__framework_id", "dimension_key")
    ):
        by_domain[(network_id, str(domain))].add((framework_id, key))
    return by_request, by_domain


def pieces_of(network_ids: Any, framework_id: int | None) -> list[sp.Piece]:
    """Every piece of delivered support to these networks, with the dimensions it was for on the framework (three
    queries)."""
    rows = list(
        delivered(network_ids)
        .order_by("starts_on", "pk")
        .values_list(
            "pk",
            "request_id",
            "request__network_id",
            "request__network__system_id",
            "request__network__system__region_id",
            "request__domain__key",
            "request__domain__name",
            "provider",
            "cost",
            "funding_source",
            "starts_on",
            "ends_on",
        )
    )
    supported = sorted({row[2] for row in rows})
    by_request, by_domain = _linked_keys(sorted({row[1] for row in rows}), supported) if rows else ({}, {})
    pieces = []
    for pk, request_id, network_id, system_id, region_id, dkey, dname, provider, cost, funding, start, end in rows:
        links = by_request.get(request_id) or by_domain.get((network_id, dkey), set())
        keys = tuple(sorted(k for f, k in links if f == framework_id))
        pieces.append(
            sp.Piece(
                pk,
                request_id,
                network_id,
                system_id,
                region_id,
                dkey,
                dname,
                keys,
                provider,
                cost,
                funding,
                FUNDING_NAMES.get(funding, funding),
                start,
                end,
            )
        )
    return pieces


def rounds_of(network_ids: Any, framework_id: int, today: date) -> dict[int, list[sp.RoundLevels]]:
    """Each network's closed rounds on the framework, oldest first, with their levels (one query)."""
    rounds: dict[int, list[sp.RoundLevels]] = defaultdict(list)
    for network_id, round_id, closed_on, levels in (
        closed_summaries(today)
        .filter(network_id__in=network_ids, framework_id=framework_id)
        .order_by("network_id", "closed_on", "round_id")
        .values_list("network_id", "round_id", "closed_on", "levels")
    ):
        rounds[network_id].append(
            sp.RoundLevels(round_id, closed_on, {key: stored.get("value") for key, stored in levels.items()})
        )
    return dict(rounds)


def progress(
    base: QuerySet[Network],
    *,
    framework: tuple[int, str] | None,
    today: date,
    places: Sequence[tuple[int, str]] = (),
    place_key: str | None = None,
) -> SupportProgress:
    """The view for the networks in `base` (already scoped to a system, region or England), on `framework`, rolled
    up by domain, provider and funding source, and by `places` (id, name): the systems of a region
    (`place_key="system"`) or the regions of England (`"region"`). Only a system's view (no `place_key`) lists
    the networks supported: the rolled-up views name no network, and England's list would only weigh down the
    cache."""
    networks = _networks(base)
    ids = [n.id for n in networks]
    framework_id = framework[0] if framework else None
    dimensions = dashboard_queries.dimensions_and_levels(framework_id)[0] if framework_id is not None else []
    network_ids = scoped_networks(base).values("pk")
    pieces = pieces_of(network_ids, framework_id)
    rounds = rounds_of(network_ids, framework_id, today) if framework_id is not None else {}
    domains = list(SupportDomain.objects.order_by("position").values_list("key", "name"))

    def roll(by: Any, order: Sequence[tuple[str, str]] = ()) -> list[sp.GroupStats]:
        return sp.roll_up(pieces, by, network_ids=ids, rounds=rounds, order=order)

    named = [(str(pk), name) for pk, name in places]
    place_of = {n.id: (n.system_id if place_key == "system" else n.region_id) for n in networks}
    by_place = _by_place(pieces, named, ids, rounds, place_of) if place_key else []
    return SupportProgress(
        framework=framework,
        dimensions=dimensions,
        network_count=len(networks),
        by_domain=roll(lambda p: (p.domain_key, p.domain_name), domains),
        by_provider=roll(lambda p: (p.provider.casefold(), p.provider)),
        by_funding=roll(lambda p: (p.funding_key, p.funding_name), list(FundingSource.choices)),
        by_system=by_place if place_key == "system" else [],
        by_region=by_place if place_key == "region" else [],
        supported=_supported(networks, pieces, rounds) if place_key is None else [],
    )


def _by_place(
    pieces: Sequence[sp.Piece],
    named: Sequence[tuple[str, str]],
    ids: Sequence[int],
    rounds: dict[int, list[sp.RoundLevels]],
    place_of: dict[int, int | None],
) -> list[sp.GroupStats]:
    """One row per system or region: its own support, compared with its own networks that were not supported."""
    periods = sp.periods_of(pieces)
    members: dict[str, list[int]] = defaultdict(list)
    for network_id in ids:
        members[str(place_of.get(network_id))].append(network_id)
    own: dict[str, list[sp.Piece]] = defaultdict(list)
    for piece in pieces:
        own[str(place_of.get(piece.network_id))].append(piece)
    return [
        sp.group_stats(
            key, name, own.get(key, []), network_ids=members.get(key, []), supported_periods=periods, rounds=rounds
        )
        for key, name in named
    ]


def _supported(
    networks: Sequence[NetworkFacts], pieces: Sequence[sp.Piece], rounds: dict[int, list[sp.RoundLevels]]
) -> list[SupportedNetwork]:
    outcomes = {o.network_id: o for o in sp.network_outcomes(pieces, rounds)}
    own: dict[int, list[sp.Piece]] = defaultdict(list)
    for piece in pieces:
        own[piece.network_id].append(piece)
    return [
        SupportedNetwork(
            n.id,
            n.name,
            n.slug,
            n.system_id,
            len(own[n.id]),
            sum(p.cost for p in own[n.id]),
            tuple(sorted({p.domain_name for p in own[n.id]})),
            outcomes[n.id],
        )
        for n in networks
        if n.id in outcomes
    ]


def cached_framework(scope: caching.Scope, system_id: int | None) -> tuple[int, str] | None:
    """The framework the view measures movement on: the one the system's dashboard shows first, else the PCN
    Maturity Matrix. Setting a system's default bumps the system's generation, so this is read again at once."""
    return caching.cached(scope, ("support-framework",), lambda: dashboard_queries.default_framework(system_id))


def cached_progress(
    scope: caching.Scope,
    base: QuerySet[Network],
    framework: tuple[int, str] | None,
    today: date,
    places: Sequence[tuple[int, str]] | None = None,
    place_key: str | None = None,
) -> SupportProgress:
    """`progress`, cached under the scope's generation: recording, delivering or changing support, or a round's
    summary changing, bumps it (core.changes)."""
    return caching.cached(
        scope,
        ("support-progress", framework, today, tuple(places or ()), place_key),
        lambda: progress(base, framework=framework, today=today, places=places or (), place_key=place_key),
    )


# One network ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionChange:
    name: str
    before: float | None
    after: float | None
    change: float | None


@dataclass(frozen=True)
class ReviewEntry:
    reviewed_on: date
    priority: str
    progress: str
    note: str
    plan_id: int


@dataclass(frozen=True)
class PieceRow:
    """One piece of delivered support to a network, as its page shows it."""

    id: int
    request_id: int
    what: str
    domain: str
    dimensions: list[DimensionChange]
    provider: str
    cost: Any
    funding: str
    starts_on: date
    ends_on: date
    framework: str | None
    before: sp.RoundLevels | None
    after: sp.RoundLevels | None
    movement: float | None
    next_round_due: date | None
    next_round_scheduled: bool
    reviews: list[ReviewEntry]


def network_pieces(network: Network, today: date) -> list[PieceRow]:
    """Each piece of support delivered to the network, joined to its rounds before and after and to the progress
    its plan reviews recorded on priorities in the same support domain (a fixed number of queries)."""
    rows = list(
        delivered([network.pk])
        .order_by("-starts_on", "-pk")
        .values_list(
            "pk",
            "request_id",
            "request__what",
            "request__domain__key",
            "request__domain__name",
            "provider",
            "cost",
            "funding_source",
            "starts_on",
            "ends_on",
        )
    )
    if not rows:
        return []
    by_request, by_domain = _linked_keys([r[1] for r in rows], [network.pk])
    names: dict[tuple[int, str], str] = {}
    framework_names: dict[int, str] = {}
    dims = SupportRequest.dimensions.through.objects.filter(supportrequest_id__in=[r[1] for r in rows]).values_list(
        "dimension__version__framework_id", "dimension__key", "dimension__name", "dimension__version__framework__name"
    )
    for dim_framework, key, name, framework_name in dims:
        names[(dim_framework, key)] = name
        framework_names[dim_framework] = framework_name
    summaries: dict[int, list[sp.RoundLevels]] = defaultdict(list)
    for round_framework, framework_name, round_id, closed_on, levels in (
        closed_summaries(today)
        .filter(network_id=network.pk)
        .order_by("closed_on", "round_id")
        .values_list("framework_id", "framework__name", "round_id", "closed_on", "levels")
    ):
        framework_names.setdefault(round_framework, framework_name)
        summaries[round_framework].append(
            sp.RoundLevels(round_id, closed_on, {key: stored.get("value") for key, stored in levels.items()})
        )
    open_rounds = _open_rounds(network, today)
    reviews = _reviews(network)
    priority_names = dict(
        Priority.objects.filter(plan__network=network)
        .exclude(dimension_key="")
        .values_list("dimension_key", "dimension_name")
    )
    result = []
    for pk, request_id, what, dkey, dname, provider, cost, funding, start, end in rows:
        links = sorted(by_request.get(request_id) or by_domain.get((network.pk, dkey), set()))
        framework_id: int | None = links[0][0] if links else next(iter(summaries), None)
        keys = [k for f, k in links if f == framework_id]
        rounds: list[sp.RoundLevels] = summaries.get(framework_id, []) if framework_id is not None else []
        pair = sp.pair_rounds(rounds, start, end)
        found = sp.changes(pair, keys)
        due, scheduled = next_round_due(rounds, open_rounds.get(framework_id or 0, []), end)
        result.append(
            PieceRow(
                id=pk,
                request_id=request_id,
                what=what,
                domain=dname,
                dimensions=[
                    DimensionChange(
                        names.get((framework_id, k)) or priority_names.get(k, k) if framework_id is not None else k,
                        pair.before.levels.get(k) if pair.before else None,
                        pair.after.levels.get(k) if pair.after else None,
                        found.get(k),
                    )
                    for k in keys
                ],
                provider=provider,
                cost=cost,
                funding=FUNDING_NAMES.get(funding, funding),
                starts_on=start,
                ends_on=end,
                framework=framework_names.get(framework_id) if framework_id is not None else None,
                before=pair.before,
                after=pair.after,
                movement=sp.movement(pair, keys),
                next_round_due=due if pair.after is None else None,
                next_round_scheduled=scheduled,
                reviews=[r for r in reviews.get(dkey, []) if r.reviewed_on >= start],
            )
        )
    return result


def _open_rounds(network: Network, today: date) -> dict[int, list[date]]:
    """The closing dates of the network's rounds that have not closed yet, by framework (one query)."""
    found: dict[int, list[date]] = defaultdict(list)
    for framework_id, closes_on in (
        Round.objects.filter(network=network, closed_early_at__isnull=True, closes_on__gte=today)
        .order_by("closes_on")
        .values_list("version__framework_id", "closes_on")
    ):
        found[framework_id].append(closes_on)
    return dict(found)


def next_round_due(
    rounds: Sequence[sp.RoundLevels], open_closing: Sequence[date], ends_on: date
) -> tuple[date | None, bool]:
    """When a round after the support is due: the closing date of the first round already set up that closes after
    the support ended (True: it is scheduled); else a year after the last round closed, the yearly cycle (False);
    None when the network has never had a round on the framework and none is set up."""
    for closes_on in open_closing:
        if closes_on > ends_on:
            return closes_on, True
    if rounds:
        last = rounds[-1].closed_on
        due = last + timedelta(days=365)
        return max(due, ends_on + timedelta(days=1)), False
    return None, False


def _reviews(network: Network) -> dict[str, list[ReviewEntry]]:
    """Progress recorded in the network's plan reviews, newest first, by the support domain of the priority (one
    query)."""
    labels = dict(ReviewProgress.choices)
    found: dict[str, list[ReviewEntry]] = defaultdict(list)
    for domain, reviewed_on, title, progress_value, note, plan_id in (
        PriorityReview.objects.filter(priority__plan__network=network)
        .order_by("-review__reviewed_on", "-review_id", "priority__position")
        .values_list(
            "priority__support_domain_id",
            "review__reviewed_on",
            "priority__title",
            "progress",
            "note",
            "review__plan_id",
        )
    ):
        found[str(domain)].append(
            ReviewEntry(reviewed_on, title, labels.get(progress_value, progress_value), note, plan_id)
        )
    return dict(found)
