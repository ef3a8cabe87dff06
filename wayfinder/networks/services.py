"""Every write a person can make to networks: creating them, joining, requests, invitations and roles.

Each function is atomic and raises ValidationError with a message a person understands; views only
check permission (wayfinder.networks.permissions) before calling these.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wayfinder.accounts.models import User
from wayfinder.comms.pipeline import mail_send
from wayfinder.core.changes import changed
from wayfinder.core.links import absolute_url
from wayfinder.networks import mail, permissions
from wayfinder.networks.models import (
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Network,
    NetworkRole,
    Organisation,
    Place,
    Privacy,
    Region,
    System,
    SystemContact,
)

INVALID_INVITATION = "This invitation link is not valid. Check you copied the whole link, or ask for a new one."
ONLY_LEADS_MANAGE = "Only a lead of this network can do this"


def _mail(*, kind: str, key: str, to: list[str], template: str, context: dict[str, Any]) -> None:
    """Send an email through comms once the transaction commits; the first line of the template is its subject."""
    text = render_to_string(f"networks/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    mail_send(kind=kind, key=key, to=to, subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n")


def _lead_emails(network: Network) -> list[str]:
    return list(Membership.objects.filter(network=network, role=NetworkRole.LEAD).values_list("user__email", flat=True))


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "network"
    slug, n = base, 2
    while Network.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# The hierarchy --------------------------------------------------------------------------------------------


def hierarchy_changed(rows: Iterable[Region | System | Place | Network | Organisation]) -> None:
    """Say which views show these rows of the hierarchy (wayfinder.core.changes), for writes that go round the
    services: the import's bulk writes and the Django admin. Pass a row that moved both as it was and as it is,
    so the views it leaves are refreshed as well as those it enters."""
    systems: set[int] = set()
    regions: set[int] = set()
    networks: set[int] = set()
    national = False
    for row in rows:
        if isinstance(row, Organisation):
            # A network's page lists its member organisations; no dashboard shows them.
            networks.update(pk for pk in (row.network_id,) if pk is not None)
            continue
        national = True
        if isinstance(row, Network):
            networks.add(row.pk)
        if isinstance(row, Region):
            regions.add(row.pk)
        elif isinstance(row, System):
            systems.add(row.pk)
            regions.add(row.region_id)
        elif row.system_id is not None:
            systems.add(row.system_id)
    # England's view shows every region, system and network, including networks outside any system.
    changed(networks=networks, systems=systems, regions=regions, national=national)


# Networks ---------------------------------------------------------------------------------------------------


@transaction.atomic
def network_create(
    *,
    user: User,
    name: str,
    network_type: str,
    stage: str,
    privacy: str,
    description: str = "",
    population: int | None = None,
    system: System | None = None,
    place: Place | None = None,
    is_pcn: bool = False,
    code: str | None = None,
) -> Network:
    """Create a network with its creator as lead. Only system leads (and site admins) create PCNs."""
    if is_pcn:
        if system is None:
            raise ValidationError({"system": "Choose the system this primary care network belongs to"})
        if not permissions.can_create_pcn(user, system):
            raise ValidationError({"is_pcn": "Only a system lead can create a primary care network in this system"})
    if place is not None and system is not None and place.system_id != system.pk:
        raise ValidationError({"place": "That place is in a different system"})
    if code and Network.objects.filter(code=code).exists():
        raise ValidationError({"code": "Another network already has this code"})
    network = Network.objects.create(
        name=name.strip(),
        slug=_unique_slug(name),
        network_type=network_type,
        stage=stage,
        privacy=privacy,
        description=description.strip(),
        population=population,
        system=system,
        place=place,
        is_pcn=is_pcn,
        code=code or None,
        created_by=user,
    )
    Membership.objects.create(user=user, network=network, role=NetworkRole.LEAD)
    permissions.forget_cached_roles(user)
    # England's view shows a network outside any system too.
    changed(networks=[network.pk], people=[user.pk], systems=[network.system_id], national=True)
    return network


@transaction.atomic
def network_update(*, network: Network, **changes: Any) -> Network:
    allowed = {"name", "network_type", "stage", "privacy", "description", "population"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"These details cannot be changed here: {', '.join(sorted(unknown))}")
    for field_name, value in changes.items():
        setattr(network, field_name, value.strip() if isinstance(value, str) else value)
    network.save(update_fields=[*changes, "updated_at"])
    changed(networks=[network.pk], systems=[network.system_id], national=True)
    return network


# Joining and leaving -------------------------------------------------------------------------------------------


@transaction.atomic
def network_join(*, user: User, network: Network) -> Membership:
    """Join an open network at once."""
    if network.privacy != Privacy.OPEN:
        raise ValidationError("This network does not take new members straight away")
    if Membership.objects.filter(user=user, network=network).exists():
        raise ValidationError("You are already a member of this network")
    membership = Membership.objects.create(user=user, network=network, role=NetworkRole.MEMBER)
    permissions.forget_cached_roles(user)
    changed(networks=[network.pk], people=[user.pk])
    return membership


@transaction.atomic
def join_request_create(*, user: User, network: Network, message: str) -> JoinRequest:
    """Ask to join a restricted network; its leads are told by email."""
    if network.privacy != Privacy.RESTRICTED:
        raise ValidationError("You cannot ask to join this network")
    if Membership.objects.filter(user=user, network=network).exists():
        raise ValidationError("You are already a member of this network")
    if JoinRequest.objects.filter(user=user, network=network, status=JoinRequestStatus.PENDING).exists():
        raise ValidationError("You have already asked to join this network. A lead will decide soon.")
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(user=user, network=network, message=message.strip())
    except IntegrityError as error:  # a double submit racing the check above
        raise ValidationError("You have already asked to join this network. A lead will decide soon.") from error
    changed(networks=[network.pk], people=[user.pk])
    leads = _lead_emails(network)
    if leads:
        _mail(
            kind=mail.JOIN_REQUEST,
            key=f"{mail.JOIN_REQUEST}:{join_request.pk}",
            to=leads,
            template="join_request_received",
            context={
                "network": network,
                "person": user,
                "message": join_request.message,
                "link": absolute_url(reverse("networks:members", kwargs={"slug": network.slug})),
            },
        )
    return join_request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, decided_by: User, approve: bool, reason: str = "") -> JoinRequest:
    """A lead approves (the person becomes a member) or declines; the person is told by email either way."""
    locked = (
        JoinRequest.objects.select_for_update(of=("self",)).select_related("network", "user").get(pk=join_request.pk)
    )
    if not permissions.can_manage_members(decided_by, locked.network):
        raise ValidationError(ONLY_LEADS_MANAGE)
    if locked.status != JoinRequestStatus.PENDING:
        raise ValidationError("This request has already been decided")
    locked.status = JoinRequestStatus.APPROVED if approve else JoinRequestStatus.DECLINED
    locked.decided_by = decided_by
    locked.decided_at = timezone.now()
    locked.reason = reason.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
    if approve:
        Membership.objects.get_or_create(
            user=locked.user, network=locked.network, defaults={"role": NetworkRole.MEMBER}
        )
    changed(networks=[locked.network_id], people=[locked.user_id])
    _mail(
        kind=mail.JOIN_DECISION,
        key=f"{mail.JOIN_DECISION}:{locked.pk}",
        to=[locked.user.email],
        template="join_request_approved" if approve else "join_request_declined",
        context={
            "network": locked.network,
            "person": locked.user,
            "reason": locked.reason,
            "link": absolute_url(locked.network.get_absolute_url()),
        },
    )
    return locked


def _other_leads_exist(membership: Membership) -> bool:
    return (
        Membership.objects.filter(network_id=membership.network_id, role=NetworkRole.LEAD)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def network_leave(*, user: User, network: Network) -> None:
    membership = Membership.objects.select_for_update().filter(user=user, network=network).first()
    if membership is None:
        raise ValidationError("You are not a member of this network")
    if membership.role == NetworkRole.LEAD and not _other_leads_exist(membership):
        raise ValidationError("You are the only lead. Make another member a lead before you leave.")
    membership.delete()
    permissions.forget_cached_roles(user)
    changed(networks=[network.pk], people=[user.pk])


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, changed_by: User) -> Membership:
    """Only a lead (or a site admin) changes roles, so only they can make or unmake a lead."""
    if role not in NetworkRole.values:
        raise ValidationError("Choose a role from the list")
    locked = Membership.objects.select_for_update(of=("self",)).select_related("network").get(pk=membership.pk)
    if not permissions.can_manage_members(changed_by, locked.network):
        raise ValidationError(ONLY_LEADS_MANAGE)
    if locked.role == NetworkRole.LEAD and role != NetworkRole.LEAD and not _other_leads_exist(locked):
        raise ValidationError("A network needs at least one lead. Make someone else a lead first.")
    locked.role = role
    locked.save(update_fields=["role", "updated_at"])
    changed(networks=[locked.network_id], people=[locked.user_id])
    return locked


@transaction.atomic
def membership_remove(*, membership: Membership, removed_by: User) -> None:
    locked = Membership.objects.select_for_update(of=("self",)).select_related("network").get(pk=membership.pk)
    if not permissions.can_manage_members(removed_by, locked.network):
        raise ValidationError(ONLY_LEADS_MANAGE)
    if locked.role == NetworkRole.LEAD and not _other_leads_exist(locked):
        raise ValidationError("A network needs at least one lead. Make someone else a lead first.")
    locked.delete()
    changed(networks=[locked.network_id], people=[locked.user_id])


# Invitations --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    link: str


@transaction.atomic
def invitation_create(*, network: Network, email: str, role: str, invited_by: User) -> IssuedInvitation:
    """Invite someone by email. The link works once and expires; an earlier unused invitation is withdrawn.

    Leads and site admins invite in any role, facilitators only as a member or external: checked here, whatever
    the form offered."""
    email = email.strip().lower()
    if role not in NetworkRole.values:
        raise ValidationError({"role": "Choose a role from the list"})
    allowed = permissions.roles_to_invite_as(invited_by, network)
    if not allowed:
        raise ValidationError("Only a lead or facilitator of this network can invite people to it")
    if role not in allowed:
        choices = " or ".join(NetworkRole(allowed_role).label.lower() for allowed_role in allowed)
        raise ValidationError({"role": f"Only a lead can invite someone in that role. Choose {choices}."})
    if Membership.objects.filter(network=network, user__email__iexact=email).exists():
        raise ValidationError({"email": "This person is already a member of the network"})
    now = timezone.now()
    Invitation.objects.filter(
        network=network, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        network=network,
        email=email,
        role=role,
        token_hash=_hash(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = absolute_url(reverse("networks:invitation-accept", kwargs={"token": token}))
    _mail(
        kind=mail.INVITATION,
        key=f"{mail.INVITATION}:{invitation.pk}",
        to=[email],
        template="invitation",
        context={"network": network, "invitation": invitation, "inviter": invited_by, "link": link},
    )
    return IssuedInvitation(invitation=invitation, link=link)


def invitation_find(*, token: str) -> Invitation:
    """The invitation a link points at, or a ValidationError saying plainly why it cannot be used."""
    invitation = Invitation.objects.select_related("network", "invited_by").filter(token_hash=_hash(token)).first()
    if invitation is None:
        raise ValidationError(INVALID_INVITATION)
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been used. Each link works once.")
    if invitation.revoked_at is not None:
        raise ValidationError("This invitation was withdrawn. Ask the person who invited you for a new one.")
    if invitation.expires_at <= timezone.now():
        raise ValidationError("This invitation has expired. Ask the person who invited you for a new one.")
    inviter = invitation.invited_by
    if inviter is None or invitation.role not in permissions.roles_to_invite_as(inviter, invitation.network):
        # Made before invitations were checked, or its sender has since lost the role that let them give it.
        raise ValidationError(
            "This invitation can no longer be used because the person who sent it can no longer give that role. "
            f"Ask a lead of {invitation.network.name} for a new one."
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Accept an invitation: the signed-in person must own the address it was sent to."""
    found = invitation_find(token=token)
    invitation = Invitation.objects.select_for_update().select_related("network").get(pk=found.pk)
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been used. Each link works once.")
    own_addresses = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }
    if invitation.email.lower() not in own_addresses:
        raise ValidationError(
            f"This invitation was sent to {invitation.email}. Sign in with that email address to accept it."
        )
    membership, created = Membership.objects.get_or_create(
        user=user, network=invitation.network, defaults={"role": invitation.role}
    )
    if not created:
        raise ValidationError("You are already a member of this network")
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    permissions.forget_cached_roles(user)
    changed(networks=[invitation.network_id], people=[user.pk])
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been accepted")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])


# Who is my contact? ------------------------------------------------------------------------------------------

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()-]{6,24}$")


def _contact_values(*, name: str, job_title: str, email: str, phone: str) -> dict[str, str]:
    values = {
        "name": " ".join(name.split()),
        "job_title": " ".join(job_title.split()),
        "email": email.strip().lower(),
        "phone": " ".join(phone.split()),
    }
    if len(values["name"]) < 2:
        raise ValidationError({"name": "Enter the name of the person or team"})
    if values["phone"] and not PHONE_CHARACTERS.match(values["phone"]):
        raise ValidationError({"phone": "Enter a telephone number, like 0113 496 0000 or +44 113 496 0000"})
    return values


def _address_taken(system: System, email: str, contact: SystemContact | None = None) -> bool:
    others = SystemContact.objects.filter(system=system, email__iexact=email)
    if contact is not None:
        others = others.exclude(pk=contact.pk)
    return others.exists()


@transaction.atomic
def system_contact_add(*, system: System, name: str, email: str, job_title: str = "", phone: str = "") -> SystemContact:
    """Publish a contact for the system; it is listed after the system's other contacts."""
    values = _contact_values(name=name, job_title=job_title, email=email, phone=phone)
    if _address_taken(system, values["email"]):
        raise ValidationError({"email": "This system already lists a contact with this email address"})
    last = SystemContact.objects.filter(system=system).order_by("-position").values_list("position", flat=True).first()
    return SystemContact.objects.create(system=system, position=(last or 0) + 1, **values)


@transaction.atomic
def system_contact_update(
    *, contact: SystemContact, name: str, email: str, job_title: str = "", phone: str = ""
) -> SystemContact:
    values = _contact_values(name=name, job_title=job_title, email=email, phone=phone)
    if _address_taken(contact.system, values["email"], contact):
        raise ValidationError({"email": "This system already lists a contact with this email address"})
    for name_, value in values.items():
        setattr(contact, name_, value)
    contact.save(update_fields=[*values, "updated_at"])
    return contact


@transaction.atomic
def system_contact_remove(*, contact: SystemContact) -> None:
    contact.delete()
