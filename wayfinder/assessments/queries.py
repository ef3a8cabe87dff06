"""Reads that results pages, exports and dashboards share: a round's results in a fixed number of queries."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from wayfinder.assessments import scoring
from wayfinder.assessments.models import (
    INTERNAL_PERSPECTIVES,
    Confidence,
    Consensus,
    Perspective,
    Purpose,
    Rater,
    Rating,
    Round,
    Target,
    closing_text,
)
from wayfinder.assessments.scoring import Summary
from wayfinder.frameworks.models import Dimension, Framework, FrameworkKind, FrameworkVersion, Level, VersionStatus
from wayfinder.networks.models import Membership, Network

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ClosingDate(TypedDict):
    closed_on: date


_INTERNAL = frozenset(str(p) for p in INTERNAL_PERSPECTIVES)
_PERSPECTIVE_LABELS = dict(Perspective.choices)
_CONFIDENCE_LABELS = dict(Confidence.choices)
_PURPOSE_LABELS = dict(Purpose.choices)


@dataclass(frozen=True)
class LevelInfo:
    position: int
    name: str


@dataclass(frozen=True)
class AgreedLevel:
    """The consensus for a dimension: recorded by the network, or the default (the lowest rating given)."""

    level: int | None
    level_name: str
    agreed: bool
    lowest: int | None
    highest: int | None
    notes: str


@dataclass(frozen=True)
class TargetLevel:
    level: int
    level_name: str
    due_on: date


@dataclass(frozen=True)
class EarlierRound:
    """An earlier round of the same network on the same framework, with its results by dimension key."""

    round_id: int
    label: str
    opens_on: date
    medians: dict[str, float | None]
    agreed: dict[str, int]


@dataclass(frozen=True)
class EarlierValue:
    round_id: int
    median: float | None
    agreed: int | None


@dataclass(frozen=True)
class AnonymousRating:
    """One rater's rating with the name taken away: raters are numbered in an order that does not follow
    the order they were invited in."""

    rater_number: int
    perspective: str
    perspective_label: str
    dimension_key: str
    dimension_number: int
    dimension_name: str
    level: int
    level_name: str
    confidence: str
    confidence_label: str
    evidence: str


@dataclass(frozen=True)
class Comment:
    dimension_number: int
    dimension_name: str
    text: str


@dataclass(frozen=True)
class DimensionResult:
    id: int
    key: str
    number: int
    name: str
    group: str
    all: Summary
    internal: Summary
    external: Summary
    # How many ratings fell on each level, in the order of RoundResults.levels.
    distribution: tuple[int, ...]
    agreed: AgreedLevel | None
    # The level the gap is measured from: the agreed level once recorded, the median until then.
    current: float | None
    target: TargetLevel | None
    gap: float | None
    # In the order of RoundResults.earlier_rounds (newest first).
    earlier: tuple[EarlierValue, ...]
    ratings: tuple[AnonymousRating, ...]
    # Survey statements answered by fewer than the minimum show no figures at all.
    suppressed: bool = False
    # The distribution split by perspective (empty for surveys).
    distribution_internal: tuple[int, ...] = ()
    distribution_external: tuple[int, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.all.flagged

    @property
    def internal_higher(self) -> bool:
        inside, outside = self.internal.median, self.external.median
        return inside is not None and outside is not None and inside > outside


@dataclass(frozen=True)
class RaterCounts:
    invited: int
    rated: int
    submitted: int
    rated_internal: int
    rated_external: int


@dataclass(frozen=True)
class SurveyResults:
    respondents: int
    minimum: int
    comments: tuple[Comment, ...]

    @property
    def enough(self) -> bool:
        return self.respondents >= self.minimum


@dataclass(frozen=True)
class RoundResults:
    round_id: int
    round_label: str
    purpose: str
    purpose_label: str
    opens_on: date
    closes_on: date
    closed_early_on: date | None
    network_id: int
    network_name: str
    network_slug: str
    framework_id: int
    framework_name: str
    framework_slug: str
    version_number: int
    is_survey: bool
    levels: tuple[LevelInfo, ...]
    dimensions: tuple[DimensionResult, ...]
    raters: RaterCounts
    rates_itself_higher: bool
    earlier_rounds: tuple[EarlierRound, ...]
    # Every anonymous rating, for the raw export; always empty for surveys, which are shown only in aggregate.
    ratings: tuple[AnonymousRating, ...]
    survey: SurveyResults | None

    @property
    def max_level(self) -> int:
        return max((level.position for level in self.levels), default=0)

    def closing_text(self, today: date | None = None) -> str:
        return closing_text(
            closes_on=self.closes_on, closed_early_on=self.closed_early_on, today=today or timezone.localdate()
        )

    @property
    def level_names(self) -> dict[int, str]:
        return {level.position: level.name for level in self.levels}

    @property
    def flagged_count(self) -> int:
        return sum(1 for d in self.dimensions if d.flagged)

    @property
    def agreed_count(self) -> int:
        return sum(1 for d in self.dimensions if d.agreed is not None and d.agreed.agreed)

    @property
    def has_targets(self) -> bool:
        return any(d.target is not None for d in self.dimensions)

    @property
    def has_external(self) -> bool:
        return self.raters.rated_external > 0


class ConsensusRow(NamedTuple):
    round_id: int
    round_title: str
    round_purpose: str
    round_opens_on: date
    dimension_id: int
    dimension_key: str
    level: int
    lowest: int | None
    highest: int | None
    notes: str


class DimensionRow(NamedTuple):
    id: int
    key: str
    name: str
    group: str


# A rater of the round joined to one of their ratings (the rating's columns are None for a rater with none):
# rater id, perspective, submitted at, dimension id, level position, confidence, evidence.
RaterRow = tuple[int, str, datetime | None, int | None, int | None, str | None, str | None]
# One rating as the results use it: rater id, perspective, level position, confidence, evidence.
RatingEntry = tuple[int, str, int, str, str]
# One rating of an earlier round: round id, title, purpose, opens on, dimension key, level position.
EarlierRatingRow = tuple[int, str, str, date, str, int]


@dataclass(frozen=True)
class RoundFacts:
    """What a round's results are built from, as read from the database: plain values only."""

    round_id: int
    title: str
    purpose: str
    opens_on: date
    closes_on: date
    closed_early_on: date | None
    network_id: int
    network_name: str
    network_slug: str
    framework_id: int
    framework_name: str
    framework_slug: str
    version_number: int
    is_survey: bool
    dimensions: Sequence[DimensionRow]
    levels: tuple[LevelInfo, ...]
    rater_rows: Sequence[RaterRow]
    consensus_rows: Sequence[ConsensusRow]
    target_rows: Sequence[tuple[str, int, date]]
    earlier_rating_rows: Sequence[EarlierRatingRow]


@dataclass(frozen=True)
class RaterTally:
    counts: RaterCounts
    # The perspective of every rater who rated at least one of the version's dimensions.
    rated_perspective: dict[int, str]
    by_dimension: dict[int, list[RatingEntry]]


def closed_by(today: date, prefix: str = "") -> Q:
    """Rounds that have closed by `today`: closed early, or past their closing date (open all day on it).
    `prefix` reaches the round through a relation (`"round__"`)."""
    return Q(**{f"{prefix}closed_early_at__isnull": False}) | Q(**{f"{prefix}closes_on__lt": today})


def open_on(today: date, prefix: str = "") -> Q:
    """Rounds open for rating on `today`: not closed early, and `today` between the opening and closing dates (as
    `services.round_is_open`)."""
    return Q(
        **{
            f"{prefix}closed_early_at__isnull": True,
            f"{prefix}opens_on__lte": today,
            f"{prefix}closes_on__gte": today,
        }
    )


def with_closing_date(rounds: QuerySet[Round]) -> QuerySet[WithAnnotations[Round, ClosingDate]]:
    """Rounds with `closed_on`: the day each closed, or will close (the day it was closed early, in the site's
    time zone, else its closing date)."""
    return rounds.annotate(closed_on=Coalesce(TruncDate("closed_early_at"), F("closes_on")))


def round_label(*, title: str, purpose: str, opens_on: date) -> str:
    """How a round is named in comparisons: its title, or its purpose and the month it opened."""
    return title or f"{_PURPOSE_LABELS.get(purpose, purpose)}, {opens_on:%B %Y}"


def rounds_rated_by(user: Any, network: Network) -> set[int]:
    """The network's rounds the person was invited to rate in."""
    return set(Rater.objects.filter(round__network=network, user=user).values_list("round_id", flat=True))


def published_versions(frameworks: QuerySet[Framework]) -> list[FrameworkVersion]:
    """The published versions of `frameworks` a round can be opened on, by framework name, newest first."""
    return list(
        FrameworkVersion.objects.filter(framework__in=frameworks, status=VersionStatus.PUBLISHED)
        .select_related("framework")
        .order_by("framework__name", "-number")
    )


def raters_with_counts(round_: Round) -> list[Rater]:
    """The round's raters, each with `rated`: how many ratings they have saved."""
    return list(round_.raters.annotate(rated=Count("ratings")).order_by("perspective", "email"))


def members_to_invite(round_: Round) -> list[tuple[int, str]]:
    """The network's members not yet invited to rate in the round, as (user id, name and role)."""
    invited = Rater.objects.filter(round=round_, user__isnull=False).values("user_id")
    members = (
        Membership.objects.filter(network=round_.network)
        .exclude(user_id__in=invited)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return [(m.user_id, f"{m.user.get_full_name() or m.user.email} ({m.get_role_display()})") for m in members]


def members_chosen(round_: Round, user_ids: Sequence[int]) -> list[Any]:
    """The people chosen to invite, if they are members of the round's network, by email."""
    memberships = (
        Membership.objects.filter(network=round_.network, user_id__in=user_ids)
        .select_related("user")
        .order_by("user__email")
    )
    return [m.user for m in memberships]


def agreed_levels(round_: Round) -> dict[int, Consensus]:
    """The levels agreed in the round so far, by dimension id."""
    return {c.dimension_id: c for c in Consensus.objects.filter(round=round_).select_related("level")}


def _earlier_than(round_: Round, prefix: str = "") -> Q:
    """Rounds of the same network and framework that opened before this one (ties broken by id)."""
    opens_on = round_.opens_on
    return Q(**{f"{prefix}network_id": round_.network_id}) & (
        Q(**{f"{prefix}opens_on__lt": opens_on}) | Q(**{f"{prefix}opens_on": opens_on, f"{prefix}pk__lt": round_.pk})
    )


def _anonymous_numbers(round_id: int, rater_ids: set[int]) -> dict[int, int]:
    """Number raters 1..n in an order that is stable for the round but unrelated to when they were invited."""

    def shuffled(rater_id: int) -> str:
        return hashlib.sha256(f"wayfinder-round-{round_id}-rater-{rater_id}".encode()).hexdigest()

    return {rater_id: n for n, rater_id in enumerate(sorted(rater_ids, key=shuffled), start=1)}


def round_results(round_: Round) -> RoundResults:
    """Everything a round's results show, in six queries however many raters and dimensions it has.

    Pass a round loaded with select_related("network", "version__framework"), or the lookups cost two more
    queries (still a fixed number).
    """
    return build_round_results(round_facts(round_))


def round_facts(round_: Round) -> RoundFacts:
    """The plain values a round's results are built from, in six queries (see round_results)."""
    version = round_.version
    framework = version.framework
    levels = tuple(
        LevelInfo(position=position, name=name)
        for position, name in Level.objects.filter(version_id=version.pk)
        .order_by("position")
        .values_list("position", "name")
    )
    return RoundFacts(
        round_id=round_.pk,
        title=round_.title,
        purpose=round_.purpose,
        opens_on=round_.opens_on,
        closes_on=round_.closes_on,
        closed_early_on=round_.closed_early_on,
        network_id=round_.network_id,
        network_name=round_.network.name,
        network_slug=round_.network.slug,
        framework_id=framework.pk,
        framework_name=framework.name,
        framework_slug=framework.slug,
        version_number=version.number,
        is_survey=framework.kind == FrameworkKind.SURVEY,
        # One query: the version's dimensions in order.
        dimensions=[
            DimensionRow(*row)
            for row in Dimension.objects.filter(version_id=version.pk)
            .order_by("position")
            .values_list("pk", "key", "name", "group")
        ],
        levels=levels,
        rater_rows=_rater_rows(round_.pk),
        consensus_rows=_consensus_rows(round_, framework.pk),
        # One query: the network's targets on this framework.
        target_rows=list(
            Target.objects.filter(network_id=round_.network_id, framework_id=framework.pk).values_list(
                "dimension_key", "level_position", "due_on"
            )
        ),
        earlier_rating_rows=_earlier_rating_rows(round_, framework.pk),
    )


def _rater_rows(round_id: int) -> list[RaterRow]:
    """One query: every rater of the round, with their ratings if they have saved any (a left join)."""
    return list(
        Rater.objects.filter(round_id=round_id)
        .order_by()
        .values_list(
            "pk",
            "perspective",
            "submitted_at",
            "ratings__dimension_id",
            "ratings__level__position",
            "ratings__confidence",
            "ratings__evidence",
        )
    )


def _consensus_rows(round_: Round, framework_id: int) -> list[ConsensusRow]:
    """One query: the agreed levels of this round and of every earlier round on the same framework."""
    this_or_earlier = Q(round_id=round_.pk) | _earlier_than(round_, "round__")
    return [
        ConsensusRow(*row)
        for row in Consensus.objects.filter(this_or_earlier, round__version__framework_id=framework_id).values_list(
            "round_id",
            "round__title",
            "round__purpose",
            "round__opens_on",
            "dimension_id",
            "dimension__key",
            "level__position",
            "lowest",
            "highest",
            "notes",
        )
    ]


def _earlier_rating_rows(round_: Round, framework_id: int) -> list[EarlierRatingRow]:
    """One query: the ratings of earlier rounds, by dimension key so they survive new framework versions."""
    return list(
        Rating.objects.filter(_earlier_than(round_, "rater__round__"), rater__round__version__framework_id=framework_id)
        .values_list(
            "rater__round_id",
            "rater__round__title",
            "rater__round__purpose",
            "rater__round__opens_on",
            "dimension__key",
            "level__position",
        )
        .order_by()
    )


# Building the results from plain values: no database from here on. ------------------------------------------


def build_round_results(facts: RoundFacts) -> RoundResults:
    """A round's results from the plain values round_facts reads."""
    level_names = {level.position: level.name for level in facts.levels}
    tally = tally_raters(facts.rater_rows, {d.id for d in facts.dimensions})
    if facts.is_survey:
        results = [
            _survey_dimension(number, dimension, tally.by_dimension.get(dimension.id, []), facts.levels)
            for number, dimension in enumerate(facts.dimensions, start=1)
        ]
        return _round_results(
            facts, results=results, raters=tally.counts, survey=_survey_results(facts, tally), earlier=(), ratings=()
        )
    numbers = _anonymous_numbers(facts.round_id, set(tally.rated_perspective))
    targets = {
        key: TargetLevel(level=position, level_name=level_names.get(position, str(position)), due_on=due_on)
        for key, position, due_on in facts.target_rows
    }
    earlier_rounds = _earlier_rounds(
        facts.earlier_rating_rows, [r for r in facts.consensus_rows if r.round_id != facts.round_id]
    )
    this_consensus = {r.dimension_id: r for r in facts.consensus_rows if r.round_id == facts.round_id}
    results = [
        _rated_dimension(
            number,
            dimension,
            tally.by_dimension.get(dimension.id, []),
            levels=facts.levels,
            consensus=this_consensus.get(dimension.id),
            target=targets.get(dimension.key),
            earlier_rounds=earlier_rounds,
            numbers=numbers,
        )
        for number, dimension in enumerate(facts.dimensions, start=1)
    ]
    ratings = sorted((r for d in results for r in d.ratings), key=lambda r: (r.rater_number, r.dimension_number))
    return _round_results(
        facts, results=results, raters=tally.counts, survey=None, earlier=tuple(earlier_rounds), ratings=tuple(ratings)
    )


def tally_raters(rows: Sequence[RaterRow], dimension_ids: set[int]) -> RaterTally:
    """Count the raters and sort their ratings by dimension (ratings of dimensions not in the version are left
    out; a rater who rated nothing still counts as invited)."""
    invited: set[int] = set()
    submitted: set[int] = set()
    rated_perspective: dict[int, str] = {}
    by_dimension: dict[int, list[RatingEntry]] = defaultdict(list)
    for rater_id, perspective, submitted_at, dimension_id, position, confidence, evidence in rows:
        invited.add(rater_id)
        if submitted_at is not None:
            submitted.add(rater_id)
        if dimension_id in dimension_ids and position is not None:
            rated_perspective[rater_id] = perspective
            by_dimension[dimension_id].append((rater_id, perspective, position, confidence or "", evidence or ""))
    counts = RaterCounts(
        invited=len(invited),
        rated=len(rated_perspective),
        submitted=len(submitted),
        rated_internal=sum(1 for p in rated_perspective.values() if p in _INTERNAL),
        rated_external=sum(1 for p in rated_perspective.values() if p == Perspective.EXTERNAL),
    )
    return RaterTally(counts=counts, rated_perspective=rated_perspective, by_dimension=dict(by_dimension))


def _survey_dimension(
    number: int, dimension: DimensionRow, entries: Sequence[RatingEntry], levels: Sequence[LevelInfo]
) -> DimensionResult:
    """A survey statement: figures only once enough people answered it, and never anyone's own answer."""
    positions = [level.position for level in levels]
    every = [level for _, _, level, _, _ in entries]
    shown = scoring.survey_summary(every)
    suppressed = shown is None
    summary = shown or Summary(count=len(every), median=None, lowest=None, highest=None)
    return DimensionResult(
        id=dimension.id,
        key=dimension.key,
        number=number,
        name=dimension.name,
        group=dimension.group,
        all=summary,
        internal=scoring.EMPTY,
        external=scoring.EMPTY,
        distribution=tuple(scoring.distribution(every, positions) if not suppressed else [0] * len(positions)),
        agreed=None,
        current=summary.median,
        target=None,
        gap=None,
        earlier=(),
        ratings=(),
        suppressed=suppressed,
    )


def _survey_results(facts: RoundFacts, tally: RaterTally) -> SurveyResults:
    respondents = tally.counts.rated
    numbers = {dimension.id: (number, dimension.name) for number, dimension in enumerate(facts.dimensions, start=1)}
    comments = [
        Comment(*numbers[dimension_id], text.strip())
        for dimension_id, entries in tally.by_dimension.items()
        for *_, text in entries
        if text.strip()
    ]
    return SurveyResults(
        respondents=respondents,
        minimum=scoring.SURVEY_MINIMUM_RESPONSES,
        # Comments are shown only once enough people have answered, sorted so their order says nothing
        # about who wrote them.
        comments=tuple(sorted(comments, key=lambda c: (c.dimension_number, c.text.casefold())))
        if respondents >= scoring.SURVEY_MINIMUM_RESPONSES
        else (),
    )


def _rated_dimension(
    number: int,
    dimension: DimensionRow,
    entries: Sequence[RatingEntry],
    *,
    levels: Sequence[LevelInfo],
    consensus: ConsensusRow | None,
    target: TargetLevel | None,
    earlier_rounds: Sequence[EarlierRound],
    numbers: dict[int, int],
) -> DimensionResult:
    """A dimension of a maturity matrix or check: the spread of ratings, the agreed level, target and gap."""
    level_names = {level.position: level.name for level in levels}
    positions = [level.position for level in levels]
    every = [level for _, _, level, _, _ in entries]
    inside = [level for _, perspective, level, _, _ in entries if perspective in _INTERNAL]
    outside = [level for _, perspective, level, _, _ in entries if perspective == Perspective.EXTERNAL]
    summary = scoring.summarise(every)
    agreed = _agreed_level(consensus, summary, level_names)
    current = (
        float(agreed.level) if agreed is not None and agreed.agreed and agreed.level is not None else summary.median
    )
    return DimensionResult(
        id=dimension.id,
        key=dimension.key,
        number=number,
        name=dimension.name,
        group=dimension.group,
        all=summary,
        internal=scoring.summarise(inside),
        external=scoring.summarise(outside),
        distribution=tuple(scoring.distribution(every, positions)),
        distribution_internal=tuple(scoring.distribution(inside, positions)),
        distribution_external=tuple(scoring.distribution(outside, positions)),
        agreed=agreed,
        current=current,
        target=target,
        gap=scoring.gap(current, target.level if target else None),
        earlier=tuple(
            EarlierValue(
                round_id=earlier.round_id,
                median=earlier.medians.get(dimension.key),
                agreed=earlier.agreed.get(dimension.key),
            )
            for earlier in earlier_rounds
        ),
        ratings=_anonymous_ratings(number, dimension, entries, level_names, numbers),
    )


def _anonymous_ratings(
    number: int,
    dimension: DimensionRow,
    entries: Sequence[RatingEntry],
    level_names: dict[int, str],
    numbers: dict[int, int],
) -> tuple[AnonymousRating, ...]:
    ratings = (
        AnonymousRating(
            rater_number=numbers[rater_id],
            perspective=perspective,
            perspective_label=_PERSPECTIVE_LABELS.get(perspective, perspective),
            dimension_key=dimension.key,
            dimension_number=number,
            dimension_name=dimension.name,
            level=level,
            level_name=level_names.get(level, str(level)),
            confidence=confidence,
            confidence_label=_CONFIDENCE_LABELS.get(confidence, ""),
            evidence=evidence,
        )
        for rater_id, perspective, level, confidence, evidence in entries
    )
    return tuple(sorted(ratings, key=lambda rating: rating.rater_number))


def _round_results(
    facts: RoundFacts,
    *,
    results: list[DimensionResult],
    raters: RaterCounts,
    survey: SurveyResults | None,
    earlier: tuple[EarlierRound, ...],
    ratings: tuple[AnonymousRating, ...],
) -> RoundResults:
    return RoundResults(
        round_id=facts.round_id,
        round_label=round_label(title=facts.title, purpose=facts.purpose, opens_on=facts.opens_on),
        purpose=facts.purpose,
        purpose_label=_PURPOSE_LABELS.get(facts.purpose, facts.purpose),
        opens_on=facts.opens_on,
        closes_on=facts.closes_on,
        closed_early_on=facts.closed_early_on,
        network_id=facts.network_id,
        network_name=facts.network_name,
        network_slug=facts.network_slug,
        framework_id=facts.framework_id,
        framework_name=facts.framework_name,
        framework_slug=facts.framework_slug,
        version_number=facts.version_number,
        is_survey=facts.is_survey,
        levels=facts.levels,
        dimensions=tuple(results),
        raters=raters,
        rates_itself_higher=False
        if facts.is_survey
        else scoring.rates_itself_higher([(d.internal.median, d.external.median) for d in results]),
        earlier_rounds=earlier,
        ratings=ratings,
        survey=survey,
    )


def _agreed_level(row: ConsensusRow | None, summary: Summary, level_names: dict[int, str]) -> AgreedLevel | None:
    if row is not None:
        return AgreedLevel(
            level=row.level,
            level_name=level_names.get(row.level, str(row.level)),
            agreed=True,
            lowest=row.lowest if row.lowest is not None else summary.lowest,
            highest=row.highest if row.highest is not None else summary.highest,
            notes=row.notes,
        )
    default = summary.default_consensus
    if default is None:
        return None
    return AgreedLevel(
        level=default,
        level_name=level_names.get(default, str(default)),
        agreed=False,
        lowest=summary.lowest,
        highest=summary.highest,
        notes="",
    )


def _earlier_rounds(
    rating_rows: Sequence[EarlierRatingRow], consensus_rows: Sequence[ConsensusRow]
) -> list[EarlierRound]:
    meta: dict[int, tuple[str, str, date]] = {}
    levels: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    agreed: dict[int, dict[str, int]] = defaultdict(dict)
    for round_id, title, purpose, opens_on, key, position in rating_rows:
        meta[round_id] = (title, purpose, opens_on)
        levels[round_id][key].append(position)
    for row in consensus_rows:
        meta[row.round_id] = (row.round_title, row.round_purpose, row.round_opens_on)
        agreed[row.round_id][row.dimension_key] = row.level
    ordered = sorted(meta.items(), key=lambda item: (item[1][2], item[0]), reverse=True)
    return [
        EarlierRound(
            round_id=round_id,
            label=round_label(title=title, purpose=purpose, opens_on=opens_on),
            opens_on=opens_on,
            medians={key: scoring.summarise(values).median for key, values in levels[round_id].items()},
            agreed=dict(agreed[round_id]),
        )
        for round_id, (title, purpose, opens_on) in ordered
    ]
