"""Factories for test data (factory_boy): every test builds what it needs, nothing comes from JSON."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.assessments.models import Perspective, Rater, Rating, Round
from wayfinder.core.changes import changed
from wayfinder.frameworks.models import Dimension, Framework, FrameworkKind, FrameworkVersion, Level, VersionStatus
from wayfinder.hub import services as hub_services
from wayfinder.hub.models import HubIndexPage, ResourcePage
from wayfinder.networks import models as m
from wayfinder.plans.models import Action, Plan, Priority

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create:
            obj.save()
            if extracted is not False:
                EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class RegionFactory(factory.django.DjangoModelFactory[m.Region]):
    class Meta:
        model = m.Region

    code = factory.Sequence(lambda n: f"Y{n:02d}")
    name = factory.Sequence(lambda n: f"Region {n}")


class SystemFactory(factory.django.DjangoModelFactory[m.System]):
    class Meta:
        model = m.System

    code = factory.Sequence(lambda n: f"QS{n:03d}")
    name = factory.Sequence(lambda n: f"System {n}")
    region = factory.SubFactory(RegionFactory)


class PlaceFactory(factory.django.DjangoModelFactory[m.Place]):
    class Meta:
        model = m.Place

    code = factory.Sequence(lambda n: f"PL{n:03d}")
    name = factory.Sequence(lambda n: f"Place {n}")
    system = factory.SubFactory(SystemFactory)


class SystemContactFactory(factory.django.DjangoModelFactory[m.SystemContact]):
    class Meta:
        model = m.SystemContact

    system = factory.SubFactory(SystemFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    job_title = "Network development lead"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class NetworkFactory(factory.django.DjangoModelFactory[m.Network]):
    class Meta:
        model = m.Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    privacy = m.Privacy.OPEN
    network_type = m.NetworkType.DELIVERY
    stage = m.Stage.EMERGING


class OrganisationFactory(factory.django.DjangoModelFactory[m.Organisation]):
    class Meta:
        model = m.Organisation

    code = factory.Sequence(lambda n: f"A{n:05d}")
    name = factory.Sequence(lambda n: f"Practice {n}")
    kind = m.OrganisationKind.GP_PRACTICE


class MembershipFactory(factory.django.DjangoModelFactory[m.Membership]):
    class Meta:
        model = m.Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    role = m.NetworkRole.MEMBER

    @factory.post_generation
    def announced(obj: m.Membership, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Made round the services: say what changed, as they do (a person's roles are kept in the cache)."""
        if create:
            changed(networks=[obj.network_id], people=[obj.user_id])


class AppointmentFactory(factory.django.DjangoModelFactory[m.Appointment]):
    class Meta:
        model = m.Appointment

    user = factory.SubFactory(UserFactory)
    role = m.AppointmentRole.SYSTEM_LEAD


# Frameworks --------------------------------------------------------------------------------------------------


class FrameworkFactory(factory.django.DjangoModelFactory[Framework]):
    class Meta:
        model = Framework

    slug = factory.LazyFunction(lambda: f"framework-{uuid.uuid4().hex[:8]}")
    name = factory.LazyAttribute(lambda o: f"Maturity matrix {o.slug}")
    kind = FrameworkKind.MATRIX


class FrameworkVersionFactory(factory.django.DjangoModelFactory[FrameworkVersion]):
    class Meta:
        model = FrameworkVersion

    framework = factory.SubFactory(FrameworkFactory)
    number = 1
    status = VersionStatus.PUBLISHED


class LevelFactory(factory.django.DjangoModelFactory[Level]):
    class Meta:
        model = Level

    version = factory.SubFactory(FrameworkVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Level {o.position}")


class DimensionFactory(factory.django.DjangoModelFactory[Dimension]):
    class Meta:
        model = Dimension

    version = factory.SubFactory(FrameworkVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    key = factory.LazyAttribute(lambda o: f"dimension-{o.position}")
    name = factory.LazyAttribute(lambda o: f"Dimension {o.position} of the matrix")


LEVEL_NAMES = ["Foundation", "Emerging", "Developing", "Established", "Thriving", "Six", "Seven"]


def build_version(
    *, dimensions: int = 8, levels: int = 5, kind: str = FrameworkKind.MATRIX, slug: str | None = None
) -> FrameworkVersion:
    """A published version of a new framework: levels Foundation to Thriving (then Six, Seven, Level 8...) and
    dimensions `dimension-1`... alternately in the groups Purpose and Performance, in a fixed number of queries."""
    framework = FrameworkFactory.create(kind=kind, **({"slug": slug} if slug else {}))
    version = FrameworkVersionFactory.create(framework=framework)
    Level.objects.bulk_create(
        LevelFactory.build(
            version=version, position=p, name=LEVEL_NAMES[p - 1] if p <= len(LEVEL_NAMES) else f"Level {p}"
        )
        for p in range(1, levels + 1)
    )
    Dimension.objects.bulk_create(
        DimensionFactory.build(version=version, position=p, group="Purpose" if p % 2 else "Performance")
        for p in range(1, dimensions + 1)
    )
    return version


def dimension(version: FrameworkVersion, position: int) -> Dimension:
    return Dimension.objects.get(version=version, position=position)


def level(version: FrameworkVersion, position: int) -> Level:
    return Level.objects.get(version=version, position=position)


# Assessments ----------------------------------------------------------------------------------------------------


class RoundFactory(factory.django.DjangoModelFactory[Round]):
    """A round that opened ten days ago and runs for four weeks."""

    class Meta:
        model = Round

    network = factory.SubFactory(NetworkFactory)
    version = factory.LazyFunction(build_version)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyAttribute(lambda o: o.opens_on + timedelta(days=28))
    title = ""


class RaterFactory(factory.django.DjangoModelFactory[Rater]):
    """A rater from outside the platform (no account) who has submitted."""

    class Meta:
        model = Rater

    round = factory.SubFactory(RoundFactory)
    user = None
    email = factory.LazyFunction(lambda: f"rater-{uuid.uuid4().hex[:10]}@example.org")
    name = factory.Sequence(lambda n: f"Rater Person {n}")
    perspective = Perspective.MEMBER
    token_hash = factory.LazyFunction(lambda: uuid.uuid4().hex)
    submitted_at = factory.LazyFunction(timezone.now)


class RatingFactory(factory.django.DjangoModelFactory[Rating]):
    class Meta:
        model = Rating

    rater = factory.SubFactory(RaterFactory)
    dimension = factory.LazyAttribute(lambda o: o.rater.round.version.dimensions.order_by("position").first())
    level = factory.LazyAttribute(lambda o: o.rater.round.version.levels.order_by("position").first())
    evidence = ""
    confidence = "medium"


def build_round(
    network: m.Network, version: FrameworkVersion, *, opens_on: date | None = None, title: str = ""
) -> Round:
    kwargs: dict[str, Any] = {"opens_on": opens_on} if opens_on else {}
    return RoundFactory.create(network=network, version=version, title=title, **kwargs)


def add_raters(
    round_: Round,
    ratings: Sequence[Sequence[int | None]],
    *,
    perspective: str = Perspective.MEMBER,
    submitted: bool = True,
    evidence: str = "",
    users: Sequence[Any] | None = None,
) -> list[Rater]:
    """One rater per row; each row gives the level position for dimension 1, 2, ... (None: not rated)."""
    dimensions = list(Dimension.objects.filter(version=round_.version).order_by("position"))
    levels = {level.position: level for level in Level.objects.filter(version=round_.version)}
    raters = Rater.objects.bulk_create(
        RaterFactory.build(
            round=round_,
            user=users[n] if users else None,
            name=users[n].full_name if users else f"Rater Person {n}",
            perspective=perspective,
            submitted_at=timezone.now() if submitted else None,
            **({"email": users[n].email} if users else {}),
        )
        for n in range(len(ratings))
    )
    Rating.objects.bulk_create(
        RatingFactory.build(rater=rater, dimension=dimension, level=levels[level], evidence=evidence)
        for rater, row in zip(raters, ratings, strict=True)
        for dimension, level in zip(dimensions, row, strict=False)
        if level is not None
    )
    # Written in bulk, round the services: say what changed, as a bulk write must.
    changed(rounds=[round_.pk], people=[rater.user_id for rater in raters])
    return raters


# Plans -----------------------------------------------------------------------------------------------------------


class PlanFactory(factory.django.DjangoModelFactory[Plan]):
    """A year's plan for a network, on a framework of its own (tests that need a plan from a round's gaps start
    one with the plans service: tests/plans/support.py)."""

    class Meta:
        model = Plan

    network = factory.SubFactory(NetworkFactory)
    framework = factory.SubFactory(FrameworkFactory)
    title = "Our plan"
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=364))
    top_level = 5


class PriorityFactory(factory.django.DjangoModelFactory[Priority]):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Priority {n}")


class ActionFactory(factory.django.DjangoModelFactory[Action]):
    class Meta:
        model = Action

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Sequence(lambda n: f"Action number {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


def hub_resource(
    slug: str,
    *,
    title: str | None = None,
    kind: str = "guide",
    summary: str | None = None,
    body: str = "",
    dimensions: Sequence[str] = (),
    domains: Sequence[str] = (),
    parent: HubIndexPage | None = None,
) -> ResourcePage:
    """A live resource in the knowledge hub (under the hub's front page, made if it is not there yet)."""
    page = hub_services.resource_publish_if_new(
        parent=parent or hub_services.hub_index_ensure(),
        slug=slug,
        title=title or slug.replace("-", " ").capitalize(),
        kind=kind,
        summary=summary if summary is not None else f"Summary of {slug}.",
        body=body,
        dimension_keys=list(dimensions),
        support_domain_keys=list(domains),
    )
    assert page is not None, f"a resource {slug!r} is already in the hub"
    return page
