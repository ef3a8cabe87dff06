"""Factories for test data (factory_boy): every test builds what it needs, nothing comes from JSON."""

from __future__ import annotations

from collections.abc import Sequence

import factory
from allauth.account.models import EmailAddress

from wayfinder.accounts.models import User
from wayfinder.hub import services as hub_services
from wayfinder.hub.models import HubIndexPage, ResourcePage
from wayfinder.networks import models as m

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

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    role = m.NetworkRole.MEMBER


class AppointmentFactory(factory.django.DjangoModelFactory[m.Appointment]):
    class Meta:
        model = m.Appointment

    user = factory.SubFactory(UserFactory)
    role = m.AppointmentRole.SYSTEM_LEAD


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
