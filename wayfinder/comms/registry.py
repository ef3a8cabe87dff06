"""What other apps register with `comms`: their kinds of mail, digest sections, data exporters and erasers.

`comms` knows none of the apps that use it. Each app registers here from its `AppConfig.ready()`, and the mail
pipeline, the preferences page, the digest, "download my data" and "delete my account" read the registry. A key
is registered once; registering the same key again replaces it (so a test may swap one in), and the order of
registration is kept where a page lists things.

    from wayfinder.comms import registry

    registry.register_mail_kind(
        "events.reminder",
        label="Event reminders",
        description="A reminder the day before an event you booked.",
        category=registry.MailCategory.REMINDER,
        choices=(registry.Frequency.AT_ONCE, registry.Frequency.DAILY, registry.Frequency.OFF),
    )
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Mail kinds ------------------------------------------------------------------------------------------------------


class MailCategory(enum.StrEnum):
    """What sort of message a mail is. Service messages (sign-in, an invitation to act on) cannot be turned off."""

    SERVICE = "service"
    REMINDER = "reminder"
    NOTIFICATION = "notification"
    DIGEST = "digest"
    CAMPAIGN = "campaign"


class Frequency(enum.StrEnum):
    """How a person wants one kind of mail: each at once, gathered into one mail a day, or not at all."""

    AT_ONCE = "at_once"
    DAILY = "daily"
    OFF = "off"

    @property
    def label(self) -> str:
        return FREQUENCY_LABELS[self]


FREQUENCY_LABELS: Mapping[Frequency, str] = {
    Frequency.AT_ONCE: "Send each one at once",
    Frequency.DAILY: "Send one summary a day",
    Frequency.OFF: "Do not send these",
}


@dataclass(frozen=True)
class MailKind:
    """One kind of mail Wayfinder sends, as the preferences page lists it.

    key: stable, dotted by app ("networks.invitation", "comms.digest"); stored in preferences and deliveries.
    label, description: what the person reads on the preferences page, in plain English.
    category: a `MailCategory`. A SERVICE kind is always sent, is listed as such and offers no choice.
    choices: the `Frequency` values a person may pick for this kind (ignored for service kinds). DAILY only
        where the app's mails make sense gathered together (notifications, not a monthly digest).
    default: the choice of a person who never chose.
    choice_labels: words for a choice that fit this kind better than the usual ones, e.g.
        {Frequency.AT_ONCE: "Send me the digest"}.
    """

    key: str
    label: str
    description: str
    category: MailCategory
    choices: tuple[Frequency, ...] = (Frequency.AT_ONCE, Frequency.OFF)
    default: Frequency = Frequency.AT_ONCE
    choice_labels: Mapping[Frequency, str] = field(default_factory=dict)

    def label_for(self, frequency: Frequency) -> str:
        """What the preferences page says for one choice of this kind."""
        return self.choice_labels.get(frequency, FREQUENCY_LABELS[frequency])

    @property
    def is_service(self) -> bool:
        return self.category == MailCategory.SERVICE

    def __post_init__(self) -> None:
        if self.is_service:
            return
        if self.default not in self.choices:
            raise ValueError(f"Mail kind {self.key}: the default {self.default} is not one of its choices")
        if Frequency.OFF not in self.choices:
            raise ValueError(f"Mail kind {self.key}: a mail that is not a service message can always be turned off")


_mail_kinds: dict[str, MailKind] = {}


def register_mail_kind(
    key: str,
    *,
    label: str,
    description: str,
    category: MailCategory,
    choices: Sequence[Frequency] = (Frequency.AT_ONCE, Frequency.OFF),
    default: Frequency = Frequency.AT_ONCE,
    choice_labels: Mapping[Frequency, str] | None = None,
) -> MailKind:
    """Register a kind of mail (call from `AppConfig.ready()`); every mail sent through `comms` names one."""
    kind = MailKind(
        key=key,
        label=label,
        description=description,
        category=category,
        choices=tuple(choices),
        default=default,
        choice_labels=dict(choice_labels or {}),
    )
    _mail_kinds[key] = kind
    return kind


def mail_kinds() -> list[MailKind]:
    """Every registered kind of mail, in the order registered."""
    return list(_mail_kinds.values())


def mail_kind(key: str) -> MailKind:
    """The registered kind of mail with this key; LookupError names a key nobody registered."""
    try:
        return _mail_kinds[key]
    except KeyError:
        raise LookupError(f"No kind of mail {key!r} is registered; register it in AppConfig.ready()") from None


# Digest sections -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestEntry:
    """One thing a digest can point to: a resource, a case study, an event.

    ref: stable and unique across sections ("hub.resource:42"), so an issue never lists one thing twice.
    url: a path on the site ("/hub/...") or a full address; mails make it full.
    """

    ref: str
    title: str
    url: str
    summary: str = ""
    published_at: datetime | None = None


@dataclass(frozen=True)
class DigestSection:
    """A part of the monthly digest an app offers.

    key, title: stable key and the heading readers see ("New resources").
    propose: what is new since a moment, newest first, for the editor to pick from (`since` is None for the first
        issue: offer the latest few). The editor's picks are copied into the issue, so the archive never changes.
    personal: for the per-subscriber part ("For your network"): takes many people at once (a batch of users) and
        returns the entries for each person's id, in a fixed number of queries however many people. A section with
        `personal` set is added to each subscriber's copy; `propose` may then return nothing.
    """

    key: str
    title: str
    propose: Callable[[datetime | None], Sequence[DigestEntry]] = lambda since: ()
    personal: Callable[[Sequence[Any]], Mapping[int, Sequence[DigestEntry]]] | None = None


_digest_sections: dict[str, DigestSection] = {}


def register_digest_section(
    key: str,
    *,
    title: str,
    propose: Callable[[datetime | None], Sequence[DigestEntry]] | None = None,
    personal: Callable[[Sequence[Any]], Mapping[int, Sequence[DigestEntry]]] | None = None,
) -> DigestSection:
    """Register a section of the digest (call from `AppConfig.ready()`): `propose` for what the editor picks from,
    `personal` for a part each subscriber gets made for them."""
    section = DigestSection(key=key, title=title, propose=propose or (lambda since: ()), personal=personal)
    _digest_sections[key] = section
    return section


def digest_sections() -> list[DigestSection]:
    """Every registered digest section, in the order registered."""
    return list(_digest_sections.values())


def digest_section(key: str) -> DigestSection | None:
    """The registered section with this key, or None when its app no longer registers it."""
    return _digest_sections.get(key)


# Data rights: exporters, erasers and what stops an erasure -------------------------------------------------------


@dataclass(frozen=True)
class DataFile:
    """One file in a person's data ZIP, named by the exporter ("networks/memberships.csv").

    A name ending .json holds `data` (anything json.dumps takes, dates as ISO strings); a name ending .csv holds
    `header` and `rows` (each row a sequence of plain values).
    """

    name: str
    data: Any = None
    header: Sequence[str] = ()
    rows: Sequence[Sequence[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Exporter:
    """What one app holds about a person, as files for "download my data": `export(user)` returns `DataFile`s."""

    key: str
    label: str
    export: Callable[[Any], Iterable[DataFile]]


@dataclass(frozen=True)
class Eraser:
    """What one app does when a person deletes their account: `erase(user)` removes names, emails and free text
    (keeping anonymous numbers where results depend on them). Every eraser runs inside one transaction, in `order`
    (lower first), before the account itself goes; an eraser that raises undoes them all."""

    key: str
    label: str
    erase: Callable[[Any], None]
    order: int = 100


@dataclass(frozen=True)
class ErasureCheck:
    """Something that must be done before a person can delete their account: `check(user)` returns what stops it,
    in words the person reads ("You are the only lead of Riverside PCN: make someone else a lead first"), or
    nothing."""

    key: str
    check: Callable[[Any], Sequence[str]]


_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_erasure_checks: dict[str, ErasureCheck] = {}


def register_exporter(key: str, *, label: str, export: Callable[[Any], Iterable[DataFile]]) -> Exporter:
    """Register what the app adds to a person's data ZIP (call from `AppConfig.ready()`)."""
    exporter = Exporter(key=key, label=label, export=export)
    _exporters[key] = exporter
    return exporter


def exporters() -> list[Exporter]:
    """Every registered exporter, in the order registered."""
    return list(_exporters.values())


def register_eraser(key: str, *, label: str, erase: Callable[[Any], None], order: int = 100) -> Eraser:
    """Register what the app removes when a person deletes their account (call from `AppConfig.ready()`)."""
    eraser = Eraser(key=key, label=label, erase=erase, order=order)
    _erasers[key] = eraser
    return eraser


def erasers() -> list[Eraser]:
    """Every registered eraser in the order they run."""
    return sorted(_erasers.values(), key=lambda eraser: eraser.order)


def register_erasure_check(key: str, *, check: Callable[[Any], Sequence[str]]) -> ErasureCheck:
    """Register something that must be done before a person can delete their account."""
    erasure_check = ErasureCheck(key=key, check=check)
    _erasure_checks[key] = erasure_check
    return erasure_check


def erasure_checks() -> list[ErasureCheck]:
    """Every registered erasure check, in the order registered."""
    return list(_erasure_checks.values())
