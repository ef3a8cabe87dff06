"""Every write a person can make in the support app: readiness ticks, Clinical Director plans, support requests
and what a system commissioned.

Each function is atomic and raises ValidationError with a message a person understands; views check permission
(wayfinder.support.permissions) before calling these.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from wayfinder.accounts.models import User
from wayfinder.comms.pipeline import mail_send
from wayfinder.core.changes import changed
from wayfinder.core.links import absolute_url
from wayfinder.frameworks.models import Dimension, SupportDomain
from wayfinder.networks.models import Appointment, AppointmentRole, Membership, Network, NetworkRole, Privacy
from wayfinder.support import mail
from wayfinder.support.content import CD_PLAN_KEYS, CD_RATING_CHOICES, READINESS_KEYS, SPEND_BY_KEY
from wayfinder.support.models import (
    ClinicalDirectorPlan,
    ClinicalDirectorProgress,
    ClinicalDirectorRating,
    CommissionedSupport,
    FundingSource,
    ReadinessTick,
    RequestStatus,
    SupportRequest,
)
from wayfinder.support.queries import readiness_done_counted

RATING_VALUES = frozenset(value for value, _ in CD_RATING_CHOICES)


def _mail(*, kind: str, key: str, to: list[str], template: str, context: dict[str, Any]) -> None:
    """Send an email through comms, queued once the transaction commits; the template's first line is its
    subject."""
    text = render_to_string(f"support/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    mail_send(kind=kind, key=key, to=to, subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n")


# Readiness checklist -----------------------------------------------------------------------------------------


@transaction.atomic
def readiness_tick(*, network: Network, item: str, evidence: str, user: User) -> ReadinessTick:
    """Mark a checklist item done with its evidence; ticking again replaces the evidence. Keeps the network's count
    of items done (Network.readiness_done)."""
    if not network.is_pcn:
        raise ValidationError("The readiness checklist is for primary care networks only")
    if item not in READINESS_KEYS:
        raise ValidationError("That is not an item on the readiness checklist")
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError({"evidence": "Describe the evidence that this item is done"})
    _lock_network(network)
    tick, created = ReadinessTick.objects.update_or_create(
        network=network,
        item=item,
        defaults={"evidence": evidence, "ticked_by": user, "ticked_at": timezone.now()},
    )
    if created:
        _count_readiness(network)
    changed(networks=[network.pk])
    return tick


@transaction.atomic
def readiness_untick(*, network: Network, item: str) -> None:
    """Take a checklist item's tick away, and keep the network's count of items done."""
    if item not in READINESS_KEYS:
        raise ValidationError("That is not an item on the readiness checklist")
    _lock_network(network)
    deleted, _ = ReadinessTick.objects.filter(network=network, item=item).delete()
    if deleted:
        _count_readiness(network)
        changed(networks=[network.pk])


@transaction.atomic
def readiness_count_again(*, network_ids: Iterable[int] | None = None) -> int:
    """Count each network's readiness items done again from its ticks (every network when None) and store it
    (Network.readiness_done): after ticks were written round the services (a bulk load) or the checklist's items
    changed. Returns how many counts changed; the dashboards showing those networks are told."""
    networks = Network.objects.all() if network_ids is None else Network.objects.filter(pk__in=list(network_ids))
    stale = list(
        networks.annotate(counted=readiness_done_counted())
        .exclude(readiness_done=F("counted"))
        .values_list("pk", "counted")
    )
    by_count: dict[int, list[int]] = {}
    for pk, counted in stale:
        by_count.setdefault(counted, []).append(pk)
    for counted, ids in by_count.items():
        for start in range(0, len(ids), 500):
            Network.objects.filter(pk__in=ids[start : start + 500]).update(readiness_done=counted)
    if stale:
        changed(networks=[pk for pk, _ in stale])
    return len(stale)


def _lock_network(network: Network) -> None:
    """Hold the network's row until the transaction ends, so two people ticking at once are counted one after the
    other and neither count misses the other's tick."""
    list(Network.objects.select_for_update().filter(pk=network.pk).values_list("pk"))


def _count_readiness(network: Network) -> None:
    """Store the network's count of readiness items ticked (only the checklist's current items count)."""
    network.readiness_done = ReadinessTick.objects.filter(network=network, item__in=READINESS_KEYS).count()
    Network.objects.filter(pk=network.pk).update(readiness_done=network.readiness_done)


# Clinical Director plans -------------------------------------------------------------------------------------


@transaction.atomic
def cd_plan_start(*, person: User, network: Network) -> ClinicalDirectorPlan:
    """Open the person's plan for the PCN they lead, or return the one they already have."""
    if not network.is_pcn:
        raise ValidationError("Clinical Director plans are for leads of primary care networks")
    if not Membership.objects.filter(user=person, network=network, role=NetworkRole.LEAD).exists():
        raise ValidationError("Only a lead of this primary care network can start a Clinical Director plan for it")
    plan, _ = ClinicalDirectorPlan.objects.get_or_create(person=person, network=network)
    return plan


@transaction.atomic
def cd_plan_update(
    *,
    plan: ClinicalDirectorPlan,
    ratings: Mapping[str, int | None],
    needs: str,
    support_domains: Iterable[SupportDomain],
    support_notes: str,
) -> ClinicalDirectorPlan:
    """Save the self-ratings (an empty rating clears it), the needs and the chosen support in one go."""
    unknown = set(ratings) - CD_PLAN_KEYS
    if unknown:
        raise ValidationError("Some of the ratings are not for items on the plan. Reload the page and try again.")
    bad = [value for value in ratings.values() if value is not None and value not in RATING_VALUES]
    if bad:
        raise ValidationError("Choose a rating from the scale for each item")
    domains = list(support_domains)
    plan.needs = needs.strip()
    plan.support_notes = support_notes.strip()
    plan.save(update_fields=["needs", "support_notes", "updated_at"])
    plan.support_domains.set(domains)
    cleared = [key for key, value in ratings.items() if value is None]
    if cleared:
        ClinicalDirectorRating.objects.filter(plan=plan, item__in=cleared).delete()
    given = [
        ClinicalDirectorRating(plan=plan, item=key, rating=value) for key, value in ratings.items() if value is not None
    ]
    if given:
        ClinicalDirectorRating.objects.bulk_create(
            given, update_conflicts=True, unique_fields=["plan", "item"], update_fields=["rating"]
        )
    return plan


@transaction.atomic
def cd_progress_add(*, plan: ClinicalDirectorPlan, author: User, text: str) -> ClinicalDirectorProgress:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write a note on how the plan is going"})
    return ClinicalDirectorProgress.objects.create(plan=plan, author=author, text=text)


# Support requests --------------------------------------------------------------------------------------------


@transaction.atomic
def support_request_create(
    *,
    network: Network,
    requested_by: User,
    domain: SupportDomain,
    what: str,
    why: str,
    dimensions: Iterable[Dimension] = (),
) -> SupportRequest:
    """Ask the network's system for support; the system's leads are emailed a link to decide."""
    if network.system_id is None:
        raise ValidationError("Only a network that belongs to a system can ask it for support")
    errors: dict[str, str] = {}
    if not what.strip():
        errors["what"] = "Describe the support the network needs"
    if not why.strip():
        errors["why"] = "Explain why the network needs this support"
    if errors:
        raise ValidationError(errors)
    support_request = SupportRequest.objects.create(
        network=network, domain=domain, what=what.strip(), why=why.strip(), requested_by=requested_by
    )
    support_request.dimensions.set(list(dimensions))
    changed(networks=[network.pk])
    system_leads = sorted(
        Appointment.objects.filter(role=AppointmentRole.SYSTEM_LEAD, system_id=network.system_id).values_list(
            "user__email", flat=True
        )
    )
    if system_leads and network.privacy != Privacy.CONFIDENTIAL:
        context = {"request": support_request, "link": absolute_url(support_request.get_absolute_url())}
        _mail(
            kind=mail.REQUEST_RECEIVED,
            key=f"{mail.REQUEST_RECEIVED}:{support_request.pk}",
            to=system_leads,
            template="request_received",
            context=context,
        )
    return support_request


def _network_emails(support_request: SupportRequest) -> list[str]:
    leads = Membership.objects.filter(network_id=support_request.network_id, role=NetworkRole.LEAD)
    emails = list(leads.values_list("user__email", flat=True))
    if support_request.requested_by is not None and support_request.requested_by.email not in emails:
        emails.append(support_request.requested_by.email)
    return sorted(emails)


def _lock(support_request: SupportRequest) -> SupportRequest:
    return (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("network", "domain", "requested_by")
        .get(pk=support_request.pk)
    )


@transaction.atomic
def support_request_decide(
    *, support_request: SupportRequest, decided_by: User, decision: str, reason: str = ""
) -> SupportRequest:
    """The system accepts or declines a waiting request, or marks an accepted one delivered; the network is
    emailed each time."""
    locked = _lock(support_request)
    reason = reason.strip()
    now = timezone.now()
    if decision == "accept":
        if locked.status != RequestStatus.PENDING:
            raise ValidationError("Only a request that is waiting for a decision can be accepted")
        locked.status, locked.decided_by, locked.decided_at = RequestStatus.ACCEPTED, decided_by, now
        fields = ["status", "decided_by", "decided_at"]
    elif decision == "decline":
        if locked.status != RequestStatus.PENDING:
            raise ValidationError("Only a request that is waiting for a decision can be declined")
        if not reason:
            raise ValidationError({"reason": "Give a reason for declining, so the network knows why"})
        locked.status, locked.decided_by, locked.decided_at = RequestStatus.DECLINED, decided_by, now
        locked.decline_reason = reason
        fields = ["status", "decided_by", "decided_at", "decline_reason"]
    elif decision == "deliver":
        if locked.status != RequestStatus.ACCEPTED:
            raise ValidationError("Only an accepted request can be marked as delivered")
        locked.status, locked.delivered_at = RequestStatus.DELIVERED, now
        fields = ["status", "delivered_at"]
    else:
        raise ValidationError("Choose whether to accept, decline or mark the request delivered")
    locked.save(update_fields=[*fields, "updated_at"])
    changed(networks=[locked.network_id])
    recipients = _network_emails(locked)
    if recipients:
        context = {"request": locked, "reason": reason, "link": absolute_url(locked.get_absolute_url())}
        # comms queues the email only once the decision is saved for good.
        _mail(
            kind=mail.REQUEST_DECISION,
            key=f"{mail.REQUEST_DECISION}:{locked.pk}:{decision}",
            to=recipients,
            template=f"request_{decision}",
            context=context,
        )
    return locked


def _spend_refusal(spend_category: str) -> str | None:
    category = SPEND_BY_KEY.get(spend_category)
    if category is None:
        return "Choose a spending category from the list"
    if not category.fits:
        return f"This spend does not fit the funding rules: {category.rule}. Nothing has been saved."
    return None


@transaction.atomic
def commissioned_support_record(
    *,
    support_request: SupportRequest,
    recorded_by: User,
    provider: str,
    cost: Decimal,
    funding_source: str,
    spend_category: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> CommissionedSupport:
    """Record support the system commissioned for an accepted (or delivered) request. A spend in a category the
    funding rules do not allow is refused with the rule, and nothing is saved."""
    locked = _lock(support_request)
    if locked.status not in (RequestStatus.ACCEPTED, RequestStatus.DELIVERED):
        raise ValidationError("Support can be recorded only for a request the system has accepted")
    errors: dict[str, str] = {}
    refusal = _spend_refusal(spend_category)
    if refusal:
        errors["spend_category"] = refusal
    if not provider.strip():
        errors["provider"] = "Enter who provides the support"
    if cost < 0:
        errors["cost"] = "Enter a cost of £0 or more"
    if funding_source not in FundingSource.values:
        errors["funding_source"] = "Choose where the money comes from"
    if ends_on < starts_on:
        errors["ends_on"] = "The end date must be the same as or after the start date"
    if errors:
        raise ValidationError(errors)
    commissioned = CommissionedSupport.objects.create(
        request=locked,
        provider=provider.strip(),
        cost=cost,
        funding_source=funding_source,
        spend_category=spend_category,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=recorded_by,
    )
    # What was delivered, its cost and dates feed the "support and progress" views.
    changed(networks=[locked.network_id])
    return commissioned
