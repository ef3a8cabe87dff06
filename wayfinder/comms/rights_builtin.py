"""The exporter for what accounts holds (accounts sits left of comms and cannot import it, so comms registers it)
and the exporter and eraser for comms's own mail records. Apps to the right register their own in `ready()`."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q

from wayfinder.comms import registry
from wayfinder.comms.data_rights_models import DataRequest
from wayfinder.comms.models import AddressOptOut, Delivery, DeliveryStatus, MailPreference

ERASED_DOMAIN = "erased.invalid"
DATA_EXPORT_MAIL = "comms.data_export"
RECONSENT_MAIL = "comms.reconsent"


# Accounts --------------------------------------------------------------------------------------------------------


def export_profile(user: Any) -> list[registry.DataFile]:
    addresses = EmailAddress.objects.filter(user=user).order_by("email")
    return [
        registry.DataFile(
            name="account/profile.json",
            data={
                "email": user.email,
                "full_name": user.full_name,
                "job_title": user.job_title,
                "organisation": user.organisation,
                "professional_group": user.get_professional_group_display(),
                "joined": user.date_joined.isoformat(),
                "last_signed_in": user.last_login.isoformat() if user.last_login else None,
                "email_addresses": [
                    {"email": address.email, "verified": address.verified, "primary": address.primary}
                    for address in addresses
                ],
            },
        )
    ]


# Mail ------------------------------------------------------------------------------------------------------------


def export_mail(user: Any) -> list[registry.DataFile]:
    deliveries = Delivery.objects.filter(Q(user=user) | Q(recipient__iexact=user.email)).order_by("created_at", "pk")
    preferences = MailPreference.objects.filter(user=user).order_by("kind")
    requests = DataRequest.objects.filter(user=user).defer("archive").order_by("created_at", "pk")
    return [
        registry.DataFile(
            name="mail/mail-sent-to-you.csv",
            header=["Subject", "Kind", "Status", "Sent"],
            rows=[[d.subject, d.kind, d.get_status_display(), d.sent_at] for d in deliveries],
        ),
        registry.DataFile(
            name="mail/preferences.csv",
            header=["Kind of mail", "Your choice", "Changed"],
            rows=[[p.kind, p.frequency, p.changed_at] for p in preferences],
        ),
        registry.DataFile(
            name="mail/data-requests.csv",
            header=["Request", "Status", "Made", "By a site admin for you"],
            rows=[[r.get_kind_display(), r.get_status_display(), r.created_at, r.on_behalf] for r in requests],
        ),
    ]


def erase_mail(user: Any) -> None:
    deliveries = list(Delivery.objects.filter(Q(user=user) | Q(recipient__iexact=user.email)).only("pk", "status"))
    for delivery in deliveries:
        if delivery.status in (DeliveryStatus.QUEUED, DeliveryStatus.HELD):
            # Not sent yet, and now never: there is nobody to send it to.
            delivery.status = DeliveryStatus.SKIPPED
        # Unique with the message's key, so each keeps a made-up address of its own: a retry never sends again.
        delivery.recipient = f"erased-delivery-{delivery.pk}@{ERASED_DOMAIN}"
        delivery.user = None
        delivery.subject, delivery.text, delivery.html = "", "", ""
    Delivery.objects.bulk_update(deliveries, ["recipient", "user", "subject", "text", "html", "status"])
    MailPreference.objects.filter(user=user).delete()
    # Kinds of mail turned off from a link before the address had an account: the address goes with the account.
    AddressOptOut.objects.filter(email__iexact=user.email).delete()


def register() -> None:
    registry.register_mail_kind(
        DATA_EXPORT_MAIL,
        label="Your data is ready",
        description="The link to the copy of your data you asked for.",
        category=registry.MailCategory.SERVICE,
    )
    registry.register_mail_kind(
        RECONSENT_MAIL,
        label="Requests to confirm you want our emails",
        description="Sent rarely: when the law or our mailing consent changes, we ask you to confirm.",
        category=registry.MailCategory.CAMPAIGN,
        choices=(registry.Frequency.AT_ONCE, registry.Frequency.OFF),
    )
    registry.register_exporter("accounts", label="Your profile", export=export_profile)
    registry.register_exporter("comms", label="Mail we sent you and your choices", export=export_mail)
    # Runs last but one: the account itself goes after every eraser, taking memberships and roles with it.
    registry.register_eraser("comms", label="the mail we sent you", erase=erase_mail, order=900)
