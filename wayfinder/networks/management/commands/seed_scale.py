"""manage.py seed_scale: write England-scale benchmark data (about 200,000 people) quickly and repeatably."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Model, ProtectedError, Q

from wayfinder.accounts.models import User
from wayfinder.core.changes import changed
from wayfinder.core.roles import AppointmentRole
from wayfinder.networks.demo.content import DEMO_PASSWORD
from wayfinder.networks.demo.scale import CODE_PREFIX, SCALE_DOMAIN, SLUG_PREFIX, ScalePlan, plan_scale
from wayfinder.networks.models import (
    Appointment,
    Invitation,
    JoinRequest,
    Membership,
    Network,
    Organisation,
    Place,
    Region,
    System,
)

# Rows handed to bulk_create at a time; Django splits them further to stay within SQLite's parameter limit.
BATCH_SIZE = 1000
# Rows built in memory before they are written, so memory stays flat however large the scale.
CHUNK_SIZE = 20_000

M = TypeVar("M", bound=Model)
T = TypeVar("T")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def scale_rows_exist() -> bool:
    return (
        Region.objects.filter(code__startswith=CODE_PREFIX).exists()
        or Network.objects.filter(slug__startswith=SLUG_PREFIX).exists()
        or User.objects.filter(email__endswith="@" + SCALE_DOMAIN).exists()
    )


def flush_scale_data() -> dict[str, int]:
    """Delete every generated row and what hangs off it; demo and real data are left alone."""
    scale_user = Q(user__email__endswith="@" + SCALE_DOMAIN)
    scale_network = Q(network__slug__startswith=SLUG_PREFIX)
    # Children first, so each delete is one statement rather than a cascade walked row by row.
    steps: list[tuple[str, Any]] = [
        ("join requests", JoinRequest.objects.filter(scale_user | scale_network)),
        ("invitations", Invitation.objects.filter(scale_network)),
        ("memberships", Membership.objects.filter(scale_user | scale_network)),
        ("email addresses", EmailAddress.objects.filter(scale_user)),
        (
            "appointments",
            Appointment.objects.filter(
                scale_user | Q(system__code__startswith=CODE_PREFIX) | Q(region__code__startswith=CODE_PREFIX)
            ),
        ),
        ("organisations", Organisation.objects.filter(code__startswith=CODE_PREFIX)),
        ("networks", Network.objects.filter(slug__startswith=SLUG_PREFIX)),
        ("people", User.objects.filter(email__endswith="@" + SCALE_DOMAIN)),
        ("places", Place.objects.filter(code__startswith=CODE_PREFIX)),
        ("systems", System.objects.filter(code__startswith=CODE_PREFIX)),
        ("regions", Region.objects.filter(code__startswith=CODE_PREFIX)),
    ]
    deleted: dict[str, int] = {}
    for label, queryset in steps:
        try:
            deleted[label] = queryset.delete()[1].get(queryset.model._meta.label, 0)
        except ProtectedError as error:
            raise CommandError(
                f"Cannot delete the generated {label}: other data still points at them ({error.protected_objects})."
            ) from error
    return deleted


class Writer:
    """Writes a ScalePlan with bulk inserts: no query per row and no per-row signals."""

    def __init__(
        self, plan: ScalePlan, password_hash: str, step: Callable[[str], AbstractContextManager[None]]
    ) -> None:
        self.plan = plan
        self.password_hash = password_hash
        self.step = step
        self.counts: dict[str, int] = {}

    def write(self) -> dict[str, int]:
        plan = self.plan
        with self.step("regions, systems, places"):
            regions = self._insert(Region, [Region(code=r.code, name=r.name) for r in plan.regions], "code")
            systems = self._insert(
                System,
                [System(code=s.code, name=s.name, region_id=regions[s.parent or 0]) for s in plan.systems],
                "code",
            )
            places = self._insert(
                Place, [Place(code=p.code, name=p.name, system_id=systems[p.parent or 0]) for p in plan.places], "code"
            )
        with self.step("people"):
            people = self._people()
        with self.step("email addresses"):
            self.counts["email addresses"] = self._bulk(
                EmailAddress,
                (
                    EmailAddress(user_id=person_id, email=person.email, verified=True, primary=True)
                    for person_id, person in zip(people, plan.people, strict=True)
                ),
            )
        with self.step("networks"):
            networks = self._insert(
                Network,
                [
                    Network(
                        name=n.name,
                        slug=n.slug,
                        code=n.code,
                        is_pcn=n.is_pcn,
                        network_type=n.network_type,
                        stage=n.stage,
                        privacy=n.privacy,
                        population=n.population,
                        description=n.description,
                        system_id=None if n.system is None else systems[n.system],
                        place_id=None if n.place is None else places[n.place],
                        created_by_id=people[n.lead],
                    )
                    for n in plan.networks
                ],
                "slug",
            )
        with self.step("organisations"):
            self.counts["organisations"] = self._bulk(
                Organisation,
                (
                    Organisation(code=o.code, name=o.name, kind=o.kind, network_id=networks[o.network])
                    for o in plan.organisations
                ),
            )
        with self.step("memberships"):
            self.counts["memberships"] = self._bulk(
                Membership,
                (
                    Membership(user_id=people[person], network_id=networks[network], role=role)
                    for person, network, role in plan.memberships
                ),
            )
        with self.step("appointments and join requests"):
            self.counts["appointments"] = self._bulk(
                Appointment,
                (
                    Appointment(
                        user_id=people[person],
                        role=role,
                        system_id=systems[area] if role == AppointmentRole.SYSTEM_LEAD and area is not None else None,
                        region_id=regions[area] if role == AppointmentRole.REGIONAL_LEAD and area is not None else None,
                    )
                    for person, role, area in plan.appointments
                ),
            )
            self.counts["join requests"] = self._bulk(
                JoinRequest,
                (
                    JoinRequest(user_id=people[person], network_id=networks[network], message=message)
                    for person, network, message in plan.join_requests
                ),
            )
        return self.counts

    def _people(self) -> list[int]:
        ids: list[int] = []
        for chunk in _chunks(self.plan.people, CHUNK_SIZE):
            created = User.objects.bulk_create(
                [
                    User(
                        email=p.email,
                        full_name=p.full_name,
                        job_title=p.job_title,
                        organisation=p.organisation,
                        professional_group=p.professional_group,
                        date_joined=p.date_joined,
                        password=self.password_hash,
                    )
                    for p in chunk
                ],
                batch_size=BATCH_SIZE,
            )
            ids.extend(user.pk for user in created)
        if any(pk is None for pk in ids):
            # The database did not hand back new ids: look them all up in one query instead.
            by_email = dict(User.objects.filter(email__endswith="@" + SCALE_DOMAIN).values_list("email", "pk"))
            ids = [by_email[p.email] for p in self.plan.people]
        self.counts["people"] = len(ids)
        return ids

    def _insert(self, model: type[M], rows: list[M], key: str) -> list[int]:
        """Insert rows and return their ids in the same order."""
        created = model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
        ids = [row.pk for row in created]
        if any(pk is None for pk in ids):
            keys = [getattr(row, key) for row in rows]
            found = dict(model._default_manager.filter(**{f"{key}__in": keys}).values_list(key, "pk"))
            ids = [found[value] for value in keys]
        self.counts[str(model._meta.verbose_name_plural)] = len(ids)
        return ids

    def _bulk(self, model: type[M], rows: Iterable[M]) -> int:
        total = 0
        for chunk in _chunks(rows, CHUNK_SIZE):
            model._default_manager.bulk_create(chunk, batch_size=BATCH_SIZE)
            total += len(chunk)
        return total


class Command(BaseCommand):
    help = (
        "Generate England-scale benchmark data: 7 regions, 42 systems, about 1,250 PCNs and 1,250 other networks, "
        "200,000 people. Use --scale for a smaller or larger copy; the same --seed always gives the same data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same data.")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiplier for networks and people (0.01 builds a tiny copy)."
        )
        parser.add_argument(
            "--flush-scale",
            action="store_true",
            help="Delete previously generated scale data first. Demo and other data are not touched.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale: float = options["scale"]
        seed: int = options["seed"]
        if scale <= 0:
            raise CommandError("--scale must be more than 0, for example 1.0 or 0.01.")
        started = time.perf_counter()
        timings: list[tuple[str, float]] = []

        @contextmanager
        def step(label: str) -> Iterator[None]:
            begun = time.perf_counter()
            yield
            seconds = time.perf_counter() - begun
            timings.append((label, seconds))
            self.stdout.write(f"  {label:<32} {seconds:7.1f} s")

        if not options["flush_scale"] and scale_rows_exist():
            raise CommandError("Scale data is already in the database. Add --flush-scale to replace it.")
        self.stdout.write(f"Generating scale data with seed {seed} at scale {scale}")
        with step("plan in memory"):
            plan = plan_scale(seed=seed, scale=scale)
        with step("password hash (once)"):
            password_hash = make_password(DEMO_PASSWORD)
        with transaction.atomic():
            if options["flush_scale"]:
                with step("delete earlier scale data"):
                    deleted = flush_scale_data()
                removed = ", ".join(f"{count:,} {label}" for label, count in deleted.items() if count)
                self.stdout.write(f"  deleted: {removed or 'nothing'}")
            elif scale_rows_exist():
                raise CommandError("Scale data is already in the database. Add --flush-scale to replace it.")
            counts = Writer(plan, password_hash, step).write()
            # Bulk inserts go round the services, so say here what changed: the new regions (and every system
            # in them) and England. What was deleted lived only in generated regions.
            changed(
                regions=Region.objects.filter(code__startswith=CODE_PREFIX).values_list("pk", flat=True), national=True
            )

        total = time.perf_counter() - started
        self.stdout.write("")
        for label, count in counts.items():
            self.stdout.write(f"  {label:<32} {count:>9,}")
        pcns = sum(1 for network in plan.networks if network.is_pcn)
        self.stdout.write(f"  (of the networks, {pcns:,} are PCNs)")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data written in {total:.1f} s. Everyone generated signs in with {DEMO_PASSWORD}")
        )
