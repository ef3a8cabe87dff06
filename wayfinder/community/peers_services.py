"""Every write of peers to learn from: what a network shares, contact requests and their answers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.comms.pipeline import mail_send
from wayfinder.community import peers_mail
from wayfinder.community.peers_models import ContactStatus, PeerContact, PeerSharing
from wayfinder.community.peers_permissions import is_lead
from wayfinder.community.services import space_for_networks
from wayfinder.core.changes import changed
from wayfinder.core.links import absolute_url
from wayfinder.core.roles import NetworkRole
from wayfinder.networks.models import Membership, Network, Privacy

NOTE_MAX = 500
MESSAGE_MAX = 2000


def lead_addresses(network: Network) -> list[str]:
    return list(
        Membership.objects.filter(network=network, role=NetworkRole.LEAD, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


def _send(*, kind: str, key: str, to: Iterable[str], template: str, context: dict[str, Any]) -> None:
    """Mail drawn from a text template whose first line is the subject."""
    text = render_to_string(f"community/peers/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    mail_send(kind=kind, key=key, to=to, subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n")


@transaction.atomic
def peer_sharing_save(
    *, network: Network, user: User, contactable: bool, dimension_keys: Sequence[str], note: str
) -> PeerSharing:
    """Say whether other networks' leads may find this one and ask to get in touch, and what they see of it."""
    if not is_lead(user, network):
        raise ValidationError("Only the network's lead can choose what it shares with other networks")
    note = note.strip()
    if contactable and network.privacy == Privacy.CONFIDENTIAL:
        raise ValidationError(
            {"contactable": "A confidential network cannot be contactable: it would show others that it exists"}
        )
    if contactable and not note:
        raise ValidationError({"note": "Say what your network could help other networks with"})
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"What you could help with must be {NOTE_MAX} characters or fewer"})
    sharing, _ = PeerSharing.objects.update_or_create(
        network=network,
        defaults={
            "contactable": contactable,
            "dimension_keys": sorted(set(dimension_keys)),
            "note": note,
            "updated_by": user,
        },
    )
    # What the network shares shows in other networks' "networks that could help" (peers_queries.agreed_rows).
    changed(networks=[network.pk])
    return sharing


@transaction.atomic
def peer_contact_send(
    *, from_network: Network, to_network: Network, user: User, message: str, dimension_key: str = ""
) -> PeerContact:
    """A lead asks a contactable network to get in touch; its leads are told by mail."""
    if not is_lead(user, from_network):
        raise ValidationError("Only the network's lead can ask another network to get in touch")
    if from_network.pk == to_network.pk:
        raise ValidationError("A network cannot ask itself to get in touch")
    if from_network.privacy == Privacy.CONFIDENTIAL:
        raise ValidationError("A confidential network cannot ask other networks to get in touch")
    sharing = PeerSharing.objects.filter(network=to_network).first()
    if sharing is None or not sharing.contactable or to_network.privacy == Privacy.CONFIDENTIAL:
        raise ValidationError(f"{to_network.name} is not taking requests to get in touch")
    message = message.strip()
    if not message:
        raise ValidationError({"message": "Write a message to the other network's lead"})
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": f"Your message must be {MESSAGE_MAX:,} characters or fewer"})
    if dimension_key not in sharing.dimension_keys:
        dimension_key = ""
    waiting = f"You have already asked {to_network.name} and are waiting for an answer"
    if PeerContact.objects.filter(
        from_network=from_network, to_network=to_network, status=ContactStatus.PENDING
    ).exists():
        raise ValidationError(waiting)
    try:
        with transaction.atomic():
            contact = PeerContact.objects.create(
                from_network=from_network,
                to_network=to_network,
                sent_by=user,
                message=message,
                dimension_key=dimension_key,
            )
    except IntegrityError as error:
        raise ValidationError(waiting) from error
    changed(networks=[to_network.pk])  # its leads' homes list the request to answer
    _send(
        kind=peers_mail.CONTACT_RECEIVED,
        key=f"community.peer-contact:{contact.pk}",
        to=lead_addresses(to_network),
        template="contact_received",
        context={"contact": contact, "link": absolute_url(reverse("community:peer-contact", args=[contact.pk]))},
    )
    return contact


@transaction.atomic
def peer_contact_answer(*, contact: PeerContact, user: User, accept: bool) -> PeerContact:
    """A lead of the network asked accepts or declines. On accepting, both networks' leads see each other's names
    and addresses on the request's page, and a private discussion between the two networks opens. The asking
    network's leads are told by mail either way."""
    contact = PeerContact.objects.select_for_update().select_related("from_network", "to_network").get(pk=contact.pk)
    if not is_lead(user, contact.to_network):
        raise ValidationError("Only the lead of the network that was asked can answer")
    if contact.status != ContactStatus.PENDING:
        raise ValidationError("This request has already been answered")
    contact.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    contact.decided_by = user
    contact.decided_at = timezone.now()
    if accept:
        # A discussion only the two networks' members read; asking again for the same pair gives the same one.
        contact.discussion = space_for_networks(
            networks=(contact.from_network, contact.to_network),
            title=f"{contact.from_network.name} and {contact.to_network.name}",
        )
    contact.save(update_fields=["status", "decided_by", "decided_at", "discussion", "updated_at"])
    changed(networks=[contact.to_network_id, contact.from_network_id])
    to = set(lead_addresses(contact.from_network))
    if contact.sent_by is not None and contact.sent_by.is_active:
        to.add(contact.sent_by.email)
    _send(
        kind=peers_mail.CONTACT_ANSWERED,
        key=f"community.peer-contact-answer:{contact.pk}",
        to=sorted(to),
        template="contact_answered",
        context={"contact": contact, "link": absolute_url(reverse("community:peer-contact", args=[contact.pk]))},
    )
    return contact
