"""Factories for test data (factory_boy): every test builds what it needs, nothing comes from JSON."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from wayfinder.accounts.models import User
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
