"""manage.py seed_demo: load a small demo world anyone can sign in to at once; safe to run again and again."""

from __future__ import annotations

import hashlib
import importlib
import textwrap
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.core.changes import changed
from wayfinder.core.links import absolute_url
from wayfinder.core.roles import AppointmentRole, NetworkRole
from wayfinder.core.text import counted
from wayfinder.networks.demo import content
from wayfinder.networks.models import (
    Appointment,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Network,
    Organisation,
    Place,
    Region,
    System,
    SystemContact,
)


def invitation_token_hash(token: str) -> str:
    """Invitations keep only a SHA-256 hex digest of their token."""
    return hashlib.sha256(token.encode()).hexdigest()


class Command(BaseCommand):
    help = "Load demo networks and one sign-in per role. Running it again leaves the same data."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            invitation_link = seed_demo()
            extras = seed_app_demos()
        self._report(invitation_link)
        for line in extras:
            self.stdout.write(line)

    def _report(self, invitation_link: str | None) -> None:
        write = self.stdout.write
        networks = Network.objects.filter(slug__in=_demo_slugs()).count()
        people = User.objects.filter(email__endswith="@" + content.DEMO_DOMAIN).count()
        write(
            self.style.SUCCESS(
                f"Demo data ready: {counted(networks, 'network', 'networks')}, {counted(people, 'person', 'people')}."
            )
        )
        write("")
        write(f"Every demo account signs in with the password: {content.DEMO_PASSWORD}")
        write("")
        email_width = max(len(person.email) for person in content.ROLE_PEOPLE)
        role_width = max(len(person.role_label) for person in content.ROLE_PEOPLE)
        write(f"{'Email':<{email_width}}  {'Role':<{role_width}}  What to try")
        write(f"{'-' * email_width}  {'-' * role_width}  {'-' * 11}")
        indent = " " * (email_width + role_width + 4)
        for person in content.ROLE_PEOPLE:
            lines = textwrap.wrap(person.try_this, width=72)
            write(f"{person.email:<{email_width}}  {person.role_label:<{role_width}}  {lines[0]}")
            for line in lines[1:]:
                write(f"{indent}{line}")
        write("")
        write(
            f"The {len(content.MEMBERS)} other demo people (for example "
            f"{content.MEMBERS[0].email}) use the same password."
        )
        write("National team and site admin accounts must set up two-factor authentication when they first sign in.")
        if invitation_link:
            write(f"Pending invitation for {content.INVITATION.email}: {invitation_link}")


def seed_app_demos() -> list[str]:
    """Apps to the right of networks bring their own demo data as a `demo` module with `seed() -> list[str]`
    (lines to print), so networks never imports them. They run in INSTALLED_APPS order, which follows the
    direction dependencies point."""
    lines: list[str] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wayfinder.") or config.name == "wayfinder.networks":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        lines.extend(module.seed())
    return lines


def _demo_slugs() -> list[str]:
    return [network.slug for network in content.NETWORKS]


def seed_demo() -> str | None:
    """Create or refresh every demo row; returns the link of the pending demo invitation, if it is still pending."""
    _seed_site()
    regions = {
        region.code: Region.objects.update_or_create(code=region.code, defaults={"name": region.name})[0]
        for region in content.REGIONS
    }
    systems = {
        system.code: System.objects.update_or_create(
            code=system.code, defaults={"name": system.name, "region": regions[system.region]}
        )[0]
        for system in content.SYSTEMS
    }
    places = {
        place.code: Place.objects.update_or_create(
            code=place.code, defaults={"name": place.name, "system": systems[place.system]}
        )[0]
        for place in content.PLACES
    }
    _seed_contacts(systems)
    users = _seed_people()
    networks = _seed_networks(systems, places, users)
    # Every view of the demo's regions and England: whatever moved, it moved within them.
    changed(regions=[region.pk for region in regions.values()], national=True)
    _seed_roles(users, networks, systems, regions)
    _seed_join_request(users, networks)
    # Memberships and the request to join were written round the services: the people's kept roles go too.
    changed(people=[user.pk for user in users.values()])
    return _seed_invitation(users, networks)


def _seed_site() -> None:
    # The same address the accounts migration uses; 127.0.0.1:8000 unless SITE_URL says otherwise.
    domain = urlsplit(settings.SITE_URL).netloc or content.SITE_DOMAIN
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": content.SITE_NAME})
    Site.objects.clear_cache()


def _seed_contacts(systems: dict[str, System]) -> None:
    for position, contact in enumerate(content.CONTACTS, start=1):
        SystemContact.objects.update_or_create(
            system=systems[contact.system],
            email=contact.email,
            defaults={
                "name": contact.name,
                "job_title": contact.job_title,
                "phone": contact.phone,
                "position": position,
            },
        )


def _seed_people() -> dict[str, User]:
    # One slow hash for everybody: hashing per person would make `make run` wait for seconds.
    password_hash = make_password(content.DEMO_PASSWORD)
    users: dict[str, User] = {}
    for person in content.PEOPLE:
        user, _ = User.objects.update_or_create(
            email=person.email,
            defaults={
                "full_name": person.full_name,
                "job_title": person.job_title,
                "organisation": person.organisation,
                "professional_group": person.professional_group,
                "password": password_hash,
                "is_active": True,
                "is_staff": person.superuser,
                "is_superuser": person.superuser,
            },
        )
        try:
            validate_password(content.DEMO_PASSWORD, user)
        except ValidationError as error:
            raise CommandError(f"The demo password fails validation for {person.email}: {error.messages}") from error
        EmailAddress.objects.filter(user=user).exclude(email=person.email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        users[person.email] = user
    return users


def _seed_networks(systems: dict[str, System], places: dict[str, Place], users: dict[str, User]) -> dict[str, Network]:
    leads = {
        network_key: users[person.email]
        for person in content.PEOPLE
        for network_key, role in person.memberships
        if role == NetworkRole.LEAD
    }
    networks: dict[str, Network] = {}
    for item in content.NETWORKS:
        values: dict[str, Any] = {
            "name": item.name,
            "slug": item.slug,
            "code": item.code,
            "is_pcn": item.is_pcn,
            "network_type": item.network_type,
            "stage": item.stage,
            "privacy": item.privacy,
            "population": item.population,
            "description": item.description,
            "system": systems[item.system] if item.system else None,
            "place": places[item.place] if item.place else None,
            "created_by": leads.get(item.key),
        }
        if item.code:
            network, _ = Network.objects.update_or_create(code=item.code, defaults=values)
        else:
            network, _ = Network.objects.update_or_create(slug=item.slug, defaults=values)
        for organisation in item.organisations:
            Organisation.objects.update_or_create(
                code=organisation.code,
                defaults={"name": organisation.name, "kind": organisation.kind, "network": network},
            )
        networks[item.key] = network
    return networks


def _seed_roles(
    users: dict[str, User],
    networks: dict[str, Network],
    systems: dict[str, System],
    regions: dict[str, Region],
) -> None:
    for person in content.PEOPLE:
        user = users[person.email]
        for network_key, role in person.memberships:
            Membership.objects.update_or_create(user=user, network=networks[network_key], defaults={"role": role})
        for role, scope in person.appointments:
            Appointment.objects.get_or_create(
                user=user,
                role=role,
                system=systems[scope] if role == AppointmentRole.SYSTEM_LEAD and scope else None,
                region=regions[scope] if role == AppointmentRole.REGIONAL_LEAD and scope else None,
            )


def _seed_join_request(users: dict[str, User], networks: dict[str, Network]) -> None:
    user = users[content.JOIN_REQUEST["email"]]
    network = networks[content.JOIN_REQUEST["network"]]
    already_in = Membership.objects.filter(user=user, network=network).exists()
    waiting = JoinRequest.objects.filter(user=user, network=network, status=JoinRequestStatus.PENDING).exists()
    if not already_in and not waiting:
        JoinRequest.objects.create(user=user, network=network, message=content.JOIN_REQUEST["message"])


def _seed_invitation(users: dict[str, User], networks: dict[str, Network]) -> str | None:
    spec = content.INVITATION
    now = timezone.now()
    invitation, created = Invitation.objects.get_or_create(
        token_hash=invitation_token_hash(spec.token),
        defaults={
            "network": networks[spec.network],
            "email": spec.email,
            "role": spec.role,
            "invited_by": users[spec.invited_by],
            "expires_at": now + timedelta(days=spec.days_valid),
        },
    )
    if invitation.accepted_at or invitation.revoked_at:
        return None
    if not created and invitation.expires_at < now:
        invitation.expires_at = now + timedelta(days=spec.days_valid)
        invitation.save(update_fields=["expires_at", "updated_at"])
    path = reverse("networks:invitation-accept", kwargs={"token": spec.token})
    return absolute_url(path)
