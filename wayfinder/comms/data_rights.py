"""My data: "download my data" (a ZIP of JSON and CSV files from every registered exporter, built in the
background, fetched once through an emailed link within a week) and "delete my account" (every registered eraser
in one transaction, after pretix's shredder: names, addresses and free text go, anonymous numbers stay). Both are
logged as `DataRequest`s, which site admins read and can start on someone's behalf."""

from __future__ import annotations

import hashlib
import io
import json
import secrets
import zipfile
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wayfinder.comms import registry
from wayfinder.comms.data_rights_models import DataRequest, DataRequestKind, DataRequestStatus
from wayfinder.comms.pipeline import mail_send
from wayfinder.comms.rights_builtin import DATA_EXPORT_MAIL
from wayfinder.core import permissions as core_permissions
from wayfinder.core.downloads import BYTE_ORDER_MARK, csv_text
from wayfinder.core.links import absolute_url

LINK_WORKS_FOR = timedelta(days=7)
LINK_NOT_VALID = "This download link does not work. It may have been used already or be more than a week old."
README = "comms/data_rights/README.txt"


def can_manage_data_requests(user: Any, _: Any = None) -> bool:
    """Site admins read the log of data requests and make requests on someone's behalf."""
    return core_permissions.is_site_admin(user)


core_permissions.register("data_requests.manage", can_manage_data_requests, needs_object=False)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Building the ZIP: pure, from plain values -------------------------------------------------------------------


def file_bytes(data_file: registry.DataFile) -> bytes:
    """One file of the ZIP: JSON as UTF-8, CSV as UTF-8 with a byte-order mark (so Excel reads it right) and every
    cell guarded against being run as a formula."""
    if data_file.name.endswith(".json"):
        return json.dumps(data_file.data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    if data_file.name.endswith(".csv"):
        return (BYTE_ORDER_MARK + csv_text(data_file.header, data_file.rows)).encode("utf-8")
    raise ValueError(f"A data file is .json or .csv, not {data_file.name!r}")


def build_zip(files: Iterable[registry.DataFile], readme: str) -> bytes:
    """The ZIP a person downloads: a README saying what each file is, then the files in the order given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        seen: set[str] = set()
        for data_file in files:
            if data_file.name in seen or data_file.name == "README.txt":
                raise ValueError(f"Two exporters wrote {data_file.name}")
            seen.add(data_file.name)
            archive.writestr(data_file.name, file_bytes(data_file))
    return out.getvalue()


def exported_files(user: Any) -> list[tuple[registry.Exporter, list[registry.DataFile]]]:
    return [(exporter, list(exporter.export(user))) for exporter in registry.exporters()]


# Download my data --------------------------------------------------------------------------------------------


def latest_export(user: Any) -> DataRequest | None:
    return (
        DataRequest.objects.filter(user=user, kind=DataRequestKind.EXPORT)
        .defer("archive")
        .order_by("-created_at", "-pk")
        .first()
    )


def _log_entry(*, user: Any, kind: str, requested_by: Any) -> DataRequest:
    return DataRequest.objects.create(
        kind=kind,
        user=user,
        account_id=user.pk,
        person=user.email,
        requested_by=requested_by,
        on_behalf=requested_by is not None and requested_by.pk != user.pk,
    )


@transaction.atomic
def data_export_request(*, user: Any, requested_by: Any) -> DataRequest:
    """Ask for a person's data; the ZIP is built in the background and they are emailed a link. A request still
    being prepared is not made twice."""
    waiting = DataRequest.objects.filter(user=user, kind=DataRequestKind.EXPORT, status=DataRequestStatus.WAITING)
    existing = waiting.defer("archive").first()
    if existing is not None:
        return existing
    request = _log_entry(user=user, kind=DataRequestKind.EXPORT, requested_by=requested_by)
    from wayfinder.comms.data_rights_tasks import build_data_export

    transaction.on_commit(lambda: build_data_export.enqueue(request_id=request.pk))
    return request


@transaction.atomic
def data_export_build(*, request_id: int) -> None:
    """Build the ZIP and email the link. Safe to run twice: a request already built is left alone."""
    request = DataRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None or request.status != DataRequestStatus.WAITING or request.user is None:
        return
    user = request.user
    exported = exported_files(user)
    readme = render_to_string(README, {"user": user, "exporters": exported, "when": timezone.now()})
    token = secrets.token_urlsafe(32)
    request.archive = build_zip((f for _, files in exported for f in files), readme)
    request.token_hash = _hash(token)
    request.expires_at = timezone.now() + LINK_WORKS_FOR
    request.status = DataRequestStatus.READY
    request.completed_at = timezone.now()
    request.save(update_fields=["archive", "token_hash", "expires_at", "status", "completed_at"])
    link = absolute_url(reverse("rights:download", kwargs={"token": token}))
    _send(
        to=user.email,
        template="comms/data_rights/email/export_ready.txt",
        context={"user": user, "link": link, "expires_at": request.expires_at, "on_behalf": request.on_behalf},
        key=f"comms.data_export:{request.pk}",
    )


def _send(*, to: str, template: str, context: dict[str, Any], key: str) -> None:
    """A service message through the mail pipeline (queued on commit, never sent twice for the same key)."""
    text = render_to_string(template, context).strip()
    subject, _, body = text.partition("\n")
    mail_send(
        kind=DATA_EXPORT_MAIL, key=key, to=[to], subject=f"Wayfinder: {subject.strip()}", text=body.strip() + "\n"
    )


def export_for_token(*, user: Any, token: str) -> DataRequest:
    """The person's ready download for this token, or ValidationError: someone else's, used, or out of date."""
    request = (
        DataRequest.objects.defer("archive")
        .filter(token_hash=_hash(token), kind=DataRequestKind.EXPORT, user=user)
        .first()
    )
    if request is None or request.status != DataRequestStatus.READY:
        raise ValidationError(LINK_NOT_VALID)
    if request.expires_at is None or request.expires_at <= timezone.now():
        raise ValidationError(LINK_NOT_VALID)
    return request


@transaction.atomic
def data_export_download(*, user: Any, token: str) -> bytes:
    """The ZIP, once: the link stops working and the copy we kept is deleted."""
    found = export_for_token(user=user, token=token)
    request = DataRequest.objects.select_for_update().get(pk=found.pk)
    if request.status != DataRequestStatus.READY or request.archive is None:
        raise ValidationError(LINK_NOT_VALID)
    archive = bytes(request.archive)
    request.archive = None
    request.status = DataRequestStatus.DOWNLOADED
    request.downloaded_at = timezone.now()
    request.save(update_fields=["archive", "status", "downloaded_at"])
    return archive


@transaction.atomic
def data_exports_expire(*, now: Any = None) -> int:
    """Delete the ZIPs whose week has passed (run daily); returns how many."""
    now = now or timezone.now()
    return DataRequest.objects.filter(
        kind=DataRequestKind.EXPORT, status=DataRequestStatus.READY, expires_at__lte=now
    ).update(status=DataRequestStatus.EXPIRED, archive=None)


# Delete my account -------------------------------------------------------------------------------------------


def erasure_blockers(user: Any) -> list[str]:
    """What must be done before the account can be deleted, in words the person reads."""
    return [reason for check in registry.erasure_checks() for reason in check.check(user)]


def account_erase(*, user: Any, requested_by: Any) -> DataRequest:
    """Delete the person's account: every registered eraser, then the account itself, in one transaction; the
    log keeps only the account's number. Raises ValidationError with what stops it."""
    blockers = erasure_blockers(user)
    if blockers:
        raise ValidationError(blockers)
    with transaction.atomic():
        entry = _log_entry(user=user, kind=DataRequestKind.ERASURE, requested_by=requested_by)
        done = erase_everything(user)
        account_id = user.pk
        DataRequest.objects.filter(user=user).update(person=erased_label(account_id), archive=None, token_hash="")
        get_user_model().objects.filter(pk=account_id).delete()
        entry.refresh_from_db()
        entry.status = DataRequestStatus.DONE
        entry.completed_at = timezone.now()
        entry.detail = "Removed: " + "; ".join(done) if done else ""
        entry.save(update_fields=["status", "completed_at", "detail"])
    return entry


def erase_everything(user: Any) -> Sequence[str]:
    """Run every registered eraser in order; returns their labels. Call inside a transaction."""
    done = []
    for eraser in registry.erasers():
        eraser.erase(user)
        done.append(eraser.label)
    return done


def erased_label(account_id: int) -> str:
    return f"Deleted account {account_id}"
