"""The regional and national views roll up straight from what the groups need (group_queries.group_summary): on
generated data of two sizes, with filters, they hold exactly what rolling up every network's row did
(queries.group_dashboard(queries.dashboard(...))), figure by figure, with the same suppression and charts."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from tests import factories as f
from tests.dashboards.conftest import DOMAINS, default_stand_in
from tests.factories import build_version
from wayfinder.assessments.models import Purpose, Round
from wayfinder.core import suppression
from wayfinder.dashboards import exports, group_queries, queries, summaries
from wayfinder.dashboards.models import RoundSummary
from wayfinder.dashboards.permissions import DASHBOARD_MINIMUM_GROUP
from wayfinder.dashboards.queries import Filters, GroupDashboard
from wayfinder.frameworks.models import FrameworkVersion, SupportDomain
from wayfinder.networks.models import Network, Privacy, Region
from wayfinder.plans.models import Plan, Priority
from wayfinder.support import services as support_services
from wayfinder.support.content import READINESS_ITEMS
from wayfinder.support.models import ReadinessTick, RequestStatus, SupportRequest

HALVES = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]


def _cells(rng: random.Random, version: FrameworkVersion) -> str:
    """A round's stored cells: most dimensions rated at a whole level or a half, some left out or rated null."""
    values: dict[str, float | None] = {}
    for dimension in version.dimensions.all():
        draw = rng.random()
        if draw < 0.1:
            continue
        values[dimension.key] = None if draw < 0.15 else rng.choice(HALVES)
    agreed = sorted(key for key, value in values.items() if value is not None and rng.random() < 0.3)
    return json.dumps([values, agreed], separators=(",", ":"))


def _levels(text: str) -> dict[str, dict[str, Any]]:
    """The levels a round's stored cells were made from, as summaries.ordered_values_text reads them."""
    values, agreed = json.loads(text)
    return {key: {"value": value, "agreed": key in agreed} for key, value in values.items()}


def generate(size: int, seed: int) -> SimpleNamespace:
    """`size` networks over three regions, some in small systems, PCNs and others (some with no system), private,
    open and confidential, each with up to four rounds on two frameworks (the one shown in two versions whose
    dimensions differ in order and set; different purposes and closing days, some still open), readiness ticks, plans
    with priorities and support requests."""
    rng = random.Random(seed)
    today = timezone.localdate()
    main = default_stand_in(dimensions=4, levels=5)
    # A newer version of the framework shown, its dimensions in another order, one left out and one new: rounds on
    # either version are lined up with the same dimensions (RoundSummary.ordered_values is in its version's order).
    newer = f.FrameworkVersionFactory.create(framework=main.framework, number=2)
    for position in range(1, 6):
        f.LevelFactory.create(version=newer, position=position)
    for position, key in enumerate(["dimension-2", "dimension-1", "dimension-4", "dimension-5"], start=1):
        f.DimensionFactory.create(version=newer, position=position, key=key)
    other = build_version(dimensions=3, levels=4)
    regions = [f.RegionFactory.create() for _ in range(3)]
    # Uneven systems, so some groups are smaller than the minimum and have their figures hidden.
    systems = [f.SystemFactory.create(region=regions[n % 3]) for n in range(7)]
    domains = list(SupportDomain.objects.filter(key__in=DOMAINS))
    networks = []
    for n in range(size):
        system = rng.choice(systems[:3] * 4 + systems[3:]) if rng.random() > 0.05 else None
        networks.append(
            Network(
                name=f"Network {rng.randrange(10**6):06d}",
                slug=f"generated-{seed}-{n}",
                code=f"G{seed}{n:04d}",
                system=system,
                is_pcn=system is not None and rng.random() < 0.7,
                privacy=rng.choice([Privacy.OPEN, Privacy.PRIVATE, Privacy.PRIVATE, Privacy.CONFIDENTIAL]),
            )
        )
    Network.objects.bulk_create(networks)
    rounds, texts = [], []
    for network in networks:
        for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
            version = (newer if rng.random() < 0.4 else main) if rng.random() < 0.8 else other
            closes_on = today - timedelta(days=rng.randrange(-20, 700))
            rounds.append(
                Round(
                    network=network,
                    version=version,
                    purpose=rng.choice(list(Purpose)),
                    opens_on=closes_on - timedelta(days=28),
                    closes_on=closes_on,
                    closed_early_at=timezone.now() if closes_on > today and rng.random() < 0.3 else None,
                )
            )
            texts.append(_cells(rng, version))
    # Rounds of one network and framework closing today, one closed early and one only due, in both orders of round
    # id (which of them is latest, and whether the one before today is, is decided on the day), and rounds ahead.
    shown = [n for n in networks if n.system is not None and n.privacy != Privacy.CONFIDENTIAL]
    for network, early_first in ((shown[0], True), (shown[1], False), (shown[2], True)):
        closing = [
            (today - timedelta(days=40), False),
            *([(today, True), (today, False)] if early_first else [(today, False), (today, True)]),
            (today + timedelta(days=9), False),
        ]
        for closes_on, early in closing:
            rounds.append(
                Round(
                    network=network,
                    version=main,
                    purpose=Purpose.PROGRESS,
                    opens_on=closes_on - timedelta(days=28),
                    closes_on=today + timedelta(days=3) if early else closes_on,
                    closed_early_at=timezone.now() if early else None,
                )
            )
            texts.append(_cells(rng, main))
    Round.objects.bulk_create(rounds)
    keys = summaries.version_keys(round_.version_id for round_ in rounds)
    RoundSummary.objects.bulk_create(
        RoundSummary(
            round=round_,
            network_id=round_.network_id,
            framework_id=round_.version.framework_id,
            purpose=round_.purpose,
            closed_on=today if round_.closed_early_at else round_.closes_on,
            closed_early=round_.closed_early_at is not None,
            cells=text,
            version_id=round_.version_id,
            ordered_values=summaries.ordered_values_text(_levels(text), keys[round_.version_id]),
            computed_at=timezone.now(),
        )
        for round_, text in zip(rounds, texts, strict=True)
    )
    summaries.link(set(RoundSummary.objects.values_list("network_id", "framework_id")))
    # Rounds whose closing date moves, summarised again: one closed round is put off, one open round is brought
    # forward to have closed, and one closing today is brought forward a day.
    moved = [
        (round_, closes_on)
        for round_, closes_on in (
            (rounds[0], today + timedelta(days=5)),
            (next(r for r in rounds if r.closes_on > today and not r.closed_early_at), today - timedelta(days=3)),
            (next(r for r in rounds if r.closes_on == today), today - timedelta(days=1)),
        )
    ]
    for round_, closes_on in moved:
        Round.objects.filter(pk=round_.pk).update(closes_on=closes_on)
    summaries.rebuild([round_.pk for round_, _ in moved])
    ticks = []
    for network in networks:
        done = rng.choice([0, 2, len(READINESS_ITEMS), len(READINESS_ITEMS)])
        ticks += [
            ReadinessTick(network=network, item=item, evidence="Minutes", ticked_at=timezone.now())
            for item in [i.key for i in READINESS_ITEMS[:done]]
        ]
    ReadinessTick.objects.bulk_create(ticks)
    # Loaded round the services, as a bulk load is, so each network's count is worked out again after it.
    support_services.readiness_count_again()
    for network in networks[: size // 3]:
        starts_on = today - timedelta(days=rng.randrange(0, 50))
        plan = Plan.objects.create(
            network=network,
            framework=main.framework,
            title="Our plan",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=rng.randrange(1, 300)),
            top_level=5,
        )
        Priority.objects.create(plan=plan, title="Lead", support_domain=rng.choice(domains), dimension_key="x")
        status = rng.choice(list(RequestStatus))
        SupportRequest.objects.create(
            network=network,
            domain=rng.choice(domains),
            what="Coaching",
            why="New team",
            status=status,
            decline_reason="Not this year" if status == RequestStatus.DECLINED else "",
            delivered_at=timezone.now() if status == RequestStatus.DELIVERED else None,
        )
    return SimpleNamespace(today=today, main=main, newer=newer, other=other, regions=regions)


def filter_sets(world: SimpleNamespace) -> list[Filters]:
    return [
        Filters(),
        Filters(purpose=Purpose.PROGRESS),
        Filters(closes_from=world.today - timedelta(days=400)),
        Filters(closes_from=world.today - timedelta(days=500), closes_to=world.today - timedelta(days=100)),
        Filters(framework_id=world.other.framework_id),
        Filters(framework_id=world.other.framework_id, purpose=Purpose.BASELINE),
        # A framework no closed round used: ignored, and the default shown instead.
        Filters(framework_id=world.main.framework_id + world.other.framework_id + 100),
    ]


def both(lookups: dict[str, Any], filters: Filters, *, key: str, names: list[tuple[int, str]], today: date) -> Any:
    base = Network.objects.filter(**lookups)
    choices = queries.framework_choices(base, today)
    default = queries.default_framework()
    data = queries.dashboard(base, filters, choices=choices, default=default, today=today)
    old = queries.group_dashboard(data, key=key, names=names)
    old.charts = [chart for _, chart in exports.distribution_charts(data)]
    new = group_queries.group_summary(
        lookups, filters, key=key, names=names, choices=choices, default=default, today=today
    )
    new.charts = [chart for _, chart in exports.distribution_charts(new)]
    return old, new


def assert_same(old: GroupDashboard, new: GroupDashboard) -> None:
    for name in GroupDashboard.__dataclass_fields__:
        assert getattr(new, name) == getattr(old, name), name
    for old_total, new_total in zip(old.totals, new.totals, strict=True):
        for name in suppression.GroupFigures._fields:
            assert getattr(new_total.figures, name) == getattr(old_total.figures, name), (new_total.name, name)
    # As each kind of viewer sees them: suppression picks the same figures.
    for oversees in (set(), {t.id for t in old.totals[:1]}):
        assert queries.group_rows(new, oversees=oversees, openable=set()) == queries.group_rows(
            old, oversees=oversees, openable=set()
        )
    for overseen in (False, True):
        assert suppression.page_for_viewer(
            new.page_figures(), overseen=overseen, minimum=DASHBOARD_MINIMUM_GROUP
        ) == suppression.page_for_viewer(old.page_figures(), overseen=overseen, minimum=DASHBOARD_MINIMUM_GROUP)


@pytest.mark.parametrize(("size", "seed"), [(30, 1), (160, 2)])
def test_the_direct_roll_up_is_the_roll_up_of_every_network(db: Any, size: int, seed: int) -> None:
    world = generate(size, seed)
    compared = 0
    for filters in filter_sets(world):
        old, new = both({}, filters, key="region_id", names=queries.regions(), today=world.today)
        assert_same(old, new)
        compared += sum(1 for t in new.totals if t.figures.assessed.value)
        for region in Region.objects.filter(pk__in=[r.pk for r in world.regions]):
            old, new = both(
                {"system__region": region},
                filters,
                key="system_id",
                names=queries.systems_of(region),
                today=world.today,
            )
            assert_same(old, new)
    # The data made figures to compare: assessed networks, changes, hidden small groups and charts, from rounds on
    # both versions of the framework shown.
    assert compared > 0
    assert {world.main.pk, world.newer.pk} <= set(RoundSummary.objects.values_list("version_id", flat=True))
    old, new = both({}, Filters(), key="region_id", names=queries.regions(), today=world.today)
    assert any(t.figures.average_change.sources for t in new.totals)
    assert sum(sum(d.counts) for d in new.distributions) > 0 and new.charts
    assert any(t.figures.pcns_ready.value for t in new.totals)
    assert any(n.total for n in new.needs)


def test_values_are_lined_up_with_the_dimensions_shown() -> None:
    keys = ["data", "leadership", "workforce"]
    assert group_queries.line_up(["data", "leadership", "workforce"], keys) is None
    assert group_queries.line_up(["workforce", "data"], keys) == [1, None, 0]
    assert group_queries.line_up([], keys) == [None, None, None]


def test_the_direct_roll_up_reads_a_fixed_number_of_queries(db: Any, django_assert_max_num_queries: Any) -> None:
    world = generate(40, 3)
    names = queries.regions()
    choices = queries.framework_choices(Network.objects.all(), world.today)
    # Some networks have rounds closing today: those are read again the exact way, in one more query.
    with django_assert_max_num_queries(8):
        summary = group_queries.group_summary(
            {}, Filters(), key="region_id", names=names, choices=choices, today=world.today
        )
    assert summary.network_count == Network.objects.exclude(privacy=Privacy.CONFIDENTIAL).count()
    # A month on, no round closes on the day: seven queries.
    later = world.today + timedelta(days=30)
    with django_assert_max_num_queries(7):
        group_queries.group_summary({}, Filters(), key="region_id", names=names, choices=choices, today=later)


def test_a_views_networks_are_its_scopes_and_never_a_confidential_one(dworld: SimpleNamespace) -> None:
    """queries.Within, which the rolled-up views filter their rows by through each row's network, chooses the same
    networks as the scope's queryset with confidential ones left out, from the network and from its summaries."""
    system = dworld.open.system
    assert dworld.confidential.pk in set(Network.objects.values_list("pk", flat=True))
    for lookups in ({}, {"system__region": system.region}, {"system": system}):
        scope = queries.Within(lookups)
        expected = set(queries.scoped_networks(Network.objects.filter(**lookups)).values_list("pk", flat=True))
        assert set(scope.networks().values_list("pk", flat=True)) == expected
        assert dworld.confidential.pk not in expected
        read = set(RoundSummary.objects.filter(scope.on("network")).values_list("network_id", flat=True))
        assert read == set(RoundSummary.objects.filter(network_id__in=expected).values_list("network_id", flat=True))
    assert dworld.open.pk in set(queries.Within({}).networks().values_list("pk", flat=True))
    if dworld.open.place_id is not None:
        placed = queries.Within({}, dworld.open.place_id).networks()
        assert set(placed.values_list("pk", flat=True)) == set(
            queries.scoped_networks(Network.objects.filter(place_id=dworld.open.place_id)).values_list("pk", flat=True)
        )
