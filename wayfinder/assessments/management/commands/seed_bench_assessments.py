"""manage.py seed_bench_assessments: closed rounds with ratings for every generated PCN, for `make bench`.

On top of `seed_scale`, each generated PCN gets two closed rounds on the PCN Maturity Matrix and two on the
Network Maturity Matrix, each rated by up to eight of its members on every dimension, with agreed levels
(consensus) on the older round of each pair. Everything is written with bulk inserts in chunks.
"""

from __future__ import annotations

import importlib
import itertools
import random
import secrets
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from wayfinder.assessments.models import Consensus, Perspective, Purpose, Rater, Rating, Round
from wayfinder.frameworks.models import FrameworkVersion, VersionStatus
from wayfinder.networks.demo.scale import SLUG_PREFIX
from wayfinder.networks.models import Membership, Network, NetworkRole

FRAMEWORKS = ("pcn-maturity-matrix", "network-maturity-matrix")
RATERS_PER_ROUND = 8
# Every generated round's title starts with this, so the command can tell whether it has run already.
TITLE_PREFIX = "Benchmark"
# (purpose, title, days before today the round opened, days before today it closed, consensus recorded)
ROUNDS = (
    (Purpose.BASELINE, "Benchmark baseline", 420, 390, True),
    (Purpose.PROGRESS, "Benchmark progress check", 60, 30, False),
)
BATCH_SIZE = 1000
CHUNK_SIZE = 20_000
# Raters are taken from the network's own people, leads and steering group first.
ROLE_ORDER: dict[str, int] = {
    NetworkRole.LEAD: 0,
    NetworkRole.FACILITATOR: 1,
    NetworkRole.STEERING: 2,
    NetworkRole.MEMBER: 3,
    NetworkRole.EXTERNAL: 4,
}
PERSPECTIVE_OF_ROLE: dict[str, str] = {
    NetworkRole.LEAD: Perspective.STEERING,
    NetworkRole.FACILITATOR: Perspective.STEERING,
    NetworkRole.STEERING: Perspective.STEERING,
    NetworkRole.MEMBER: Perspective.MEMBER,
    NetworkRole.EXTERNAL: Perspective.EXTERNAL,
}

M = TypeVar("M", bound=Model)
T = TypeVar("T")


@dataclass(frozen=True)
class VersionShape:
    version_id: int
    dimension_ids: list[int]
    level_ids: dict[int, int]  # position -> Level id

    @property
    def top(self) -> int:
        return max(self.level_ids)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _bulk(model: type[M], rows: Iterable[M]) -> int:
    total = 0
    for chunk in _chunks(rows, CHUNK_SIZE):
        model._default_manager.bulk_create(chunk, batch_size=BATCH_SIZE)
        total += len(chunk)
    return total


def bench_rounds_exist() -> bool:
    return Round.objects.filter(network__slug__startswith=SLUG_PREFIX, title__startswith=TITLE_PREFIX).exists()


def _shape(slug: str) -> VersionShape:
    version = (
        FrameworkVersion.objects.filter(framework__slug=slug, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise CommandError(f"No published version of the framework {slug!r}. Run 'manage.py migrate' first.")
    dimension_ids = list(version.dimensions.order_by("position").values_list("pk", flat=True))
    level_ids = dict(version.levels.values_list("position", "pk"))
    if not dimension_ids or not level_ids:
        raise CommandError(f"The framework {slug!r} has no dimensions or levels.")
    return VersionShape(version.pk, dimension_ids, level_ids)


def _raters_by_network(network_ids: list[int]) -> dict[int, list[tuple[int, str, str, str]]]:
    """Up to eight (user id, email, name, role) per network, leads first, in one query per chunk."""
    chosen: dict[int, list[tuple[int, str, str, str]]] = {pk: [] for pk in network_ids}
    for chunk in _chunks(network_ids, 500):
        rows = Membership.objects.filter(network_id__in=chunk).values_list(
            "network_id", "user_id", "user__email", "user__full_name", "role"
        )
        grouped: dict[int, list[tuple[int, str, str, str]]] = {}
        for network_id, user_id, email, name, role in rows:
            grouped.setdefault(network_id, []).append((user_id, email, name, role))
        for network_id, people in grouped.items():
            people.sort(key=lambda person: (ROLE_ORDER.get(person[3], 9), person[0]))
            chosen[network_id] = people[:RATERS_PER_ROUND]
    return chosen


class Command(BaseCommand):
    help = (
        "For every PCN made by seed_scale: two closed rounds on the PCN Maturity Matrix and two on the Network "
        "Maturity Matrix, eight raters each with a rating on every dimension, and agreed levels on the older "
        "round. Does nothing if it has run before (unless --flush). Then rebuilds the dashboard summaries."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same levels.")
        parser.add_argument("--flush", action="store_true", help="Delete the rounds this command made first.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        @contextmanager
        def step(label: str) -> Iterator[None]:
            begun = time.perf_counter()
            yield
            self.stdout.write(f"  {label:<32} {time.perf_counter() - begun:7.1f} s")

        if options["flush"]:
            with step("delete earlier benchmark rounds"):
                Round.objects.filter(network__slug__startswith=SLUG_PREFIX, title__startswith=TITLE_PREFIX).delete()
        if bench_rounds_exist():
            self.stdout.write("Benchmark rounds are already there: nothing to do.")
        else:
            networks = list(
                Network.objects.filter(slug__startswith=SLUG_PREFIX, is_pcn=True)
                .order_by("pk")
                .values_list("pk", "created_by_id")
            )
            if not networks:
                raise CommandError("There are no generated PCNs. Run 'manage.py seed_scale' first.")
            with transaction.atomic():
                counts = self._write(networks, options["seed"], step)
            summary = ", ".join(f"{count:,} {label}" for label, count in counts.items())
            self.stdout.write(f"  wrote {summary}")
            self.stdout.write(self.style.SUCCESS(f"Benchmark rounds written in {time.perf_counter() - started:.1f} s."))
        self._rebuild_summaries(step)

    def _write(self, networks: Sequence[tuple[int, int | None]], seed: int, step: Any) -> dict[str, int]:
        rng = random.Random(seed)
        shapes = [_shape(slug) for slug in FRAMEWORKS]
        today = timezone.localdate()
        now = timezone.now()
        counts: dict[str, int] = {}
        with step("choose raters"):
            raters_of = _raters_by_network([pk for pk, _ in networks])

        # (network id, shape index, round index) in the order the rounds are inserted.
        keys = [(pk, s, r) for pk, _ in networks for s in range(len(shapes)) for r in range(len(ROUNDS))]
        with step("rounds"):
            lead_of = dict(networks)
            rounds = [
                Round(
                    network_id=pk,
                    version_id=shapes[s].version_id,
                    purpose=ROUNDS[r][0],
                    title=f"{ROUNDS[r][1]} {s + 1}",
                    opens_on=today - timedelta(days=ROUNDS[r][2]),
                    closes_on=today - timedelta(days=ROUNDS[r][3]),
                    created_by_id=lead_of[pk],
                )
                for pk, s, r in keys
            ]
            round_ids = self._insert_rounds(rounds)
            counts["rounds"] = len(round_ids)

        with step("raters"):
            rater_rows: list[Rater] = []
            for (pk, _, r), round_id in zip(keys, round_ids, strict=True):
                submitted = now - timedelta(days=ROUNDS[r][3] + 1)
                rater_rows.extend(
                    Rater(
                        round_id=round_id,
                        user_id=None if role == NetworkRole.EXTERNAL else user_id,
                        email=email,
                        name=name,
                        perspective=PERSPECTIVE_OF_ROLE.get(role, Perspective.MEMBER),
                        # Nobody is sent these links: the hash of a random token nobody knows.
                        token_hash=secrets.token_hex(32),
                        invited_at=submitted - timedelta(days=14),
                        submitted_at=submitted,
                    )
                    for user_id, email, name, role in raters_of[pk]
                )
            counts["raters"] = _bulk(Rater, rater_rows)
            rater_ids = self._rater_ids(round_ids)

        with step("ratings and agreed levels"):
            ratings: list[Rating] = []
            consensus: list[Consensus] = []
            # Each network has a level on each dimension it is at; raters see it a level either way, and the
            # later round has moved on a little.
            base: dict[tuple[int, int], list[int]] = {}
            for (pk, s, r), round_id in zip(keys, round_ids, strict=True):
                shape = shapes[s]
                if (pk, s) not in base:
                    base[(pk, s)] = [rng.randint(1, max(1, shape.top - 1)) for _ in shape.dimension_ids]
                centre = [min(shape.top, level + (1 if r and rng.random() < 0.4 else 0)) for level in base[(pk, s)]]
                given: list[list[int]] = []
                for rater_id in rater_ids.get(round_id, []):
                    levels = [max(1, min(shape.top, c + rng.choice((-1, 0, 0, 0, 1)))) for c in centre]
                    given.append(levels)
                    ratings.extend(
                        Rating(rater_id=rater_id, dimension_id=dimension_id, level_id=shape.level_ids[level])
                        for dimension_id, level in zip(shape.dimension_ids, levels, strict=True)
                    )
                if ROUNDS[r][4] and given:
                    for index, dimension_id in enumerate(shape.dimension_ids):
                        views = sorted(levels[index] for levels in given)
                        agreed = views[(len(views) - 1) // 2]
                        consensus.append(
                            Consensus(
                                round_id=round_id,
                                dimension_id=dimension_id,
                                level_id=shape.level_ids[agreed],
                                lowest=views[0],
                                highest=views[-1],
                                recorded_by_id=lead_of[pk],
                            )
                        )
                if len(ratings) >= CHUNK_SIZE:
                    counts["ratings"] = counts.get("ratings", 0) + _bulk(Rating, ratings)
                    ratings = []
            counts["ratings"] = counts.get("ratings", 0) + _bulk(Rating, ratings)
            counts["agreed levels"] = _bulk(Consensus, consensus)
        return counts

    def _insert_rounds(self, rounds: list[Round]) -> list[int]:
        ids: list[int | None] = []
        for chunk in _chunks(rounds, CHUNK_SIZE):
            ids.extend(row.pk for row in Round.objects.bulk_create(chunk, batch_size=BATCH_SIZE))
        if all(pk is not None for pk in ids):
            return [pk for pk in ids if pk is not None]
        # The database did not hand back new ids: look them up by network and title instead.
        found = {
            (network_id, title): pk
            for pk, network_id, title in Round.objects.filter(
                network__slug__startswith=SLUG_PREFIX, title__startswith=TITLE_PREFIX
            ).values_list("pk", "network_id", "title")
        }
        return [found[(row.network_id, row.title)] for row in rounds]

    def _rater_ids(self, round_ids: list[int]) -> dict[int, list[int]]:
        result: dict[int, list[int]] = {}
        for chunk in _chunks(round_ids, 500):
            for rater_id, round_id in (
                Rater.objects.filter(round_id__in=chunk).order_by("pk").values_list("pk", "round_id")
            ):
                result.setdefault(round_id, []).append(rater_id)
        return result

    def _rebuild_summaries(self, step: Any) -> None:
        try:
            summaries = importlib.import_module("wayfinder.dashboards.summaries")
        except ModuleNotFoundError as error:
            if error.name != "wayfinder.dashboards.summaries":
                raise
            self.stdout.write(
                "  The dashboards have no summaries module (wayfinder.dashboards.summaries) yet: nothing to rebuild."
            )
            return
        with step("rebuild dashboard summaries"):
            summaries.rebuild()
