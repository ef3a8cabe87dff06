"""The one way a write says what it changed, so what is worked out from the data (the dashboards' summaries and
cached views) follows it: services and bulk writes call `changed(...)`, and apps that keep such things connect to
`committed`.

Ids are only noted (no query, so a write costs what it did). Once the transaction commits, `committed` is sent
with everything noted since the last delivery; a rolled-back transaction delivers nothing of its own, and what it
noted goes out with the next delivery, which costs a little work and never loses a change. Apps to the left of the
listeners (assessments, plans, support, networks) call this and never know who listens."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent once a transaction that changed something has committed, with `changes=Changes(...)`.
committed = Signal()
# Sent at once by `changed()`, inside the write's transaction, with `changes=Changes(...)` naming what that call
# named. For caches of drawn pages, which let go of what they keep both now and after the commit (a page drawn in
# between may still show what the database held before the commit; the second time makes that stale too).
changing = Signal()


@dataclass(frozen=True)
class Changes:
    """What changed: rounds (their ratings, agreed levels, dates, purpose or framework); networks (a plan, its
    priorities, a support request, a readiness tick, its targets, who belongs to it); systems and regions (their own
    rows, or a network or place moving in or out of them, named on both sides of a move); national (a network
    outside any system); people (by user id: a person's own memberships, join requests, rater invitations or
    profile, which their home page shows)."""

    rounds: frozenset[int] = frozenset()
    networks: frozenset[int] = frozenset()
    systems: frozenset[int] = frozenset()
    regions: frozenset[int] = frozenset()
    national: bool = False
    people: frozenset[int] = frozenset()


class Noted(threading.local):
    """What this thread has noted and not yet delivered."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.rounds: set[int] = set()
        self.networks: set[int] = set()
        self.systems: set[int] = set()
        self.regions: set[int] = set()
        self.national = False
        self.people: set[int] = set()


noted = Noted()


def changed(
    *,
    rounds: Iterable[int | None] = (),
    networks: Iterable[int | None] = (),
    systems: Iterable[int | None] = (),
    regions: Iterable[int | None] = (),
    national: bool = False,
    people: Iterable[int | None] = (),
) -> None:
    """Note what a write changed; it is delivered once the transaction commits (at once outside one). None in an
    iterable is ignored, so a caller can pass a foreign key that may be empty."""
    now = Changes(
        rounds=_ids(rounds),
        networks=_ids(networks),
        systems=_ids(systems),
        regions=_ids(regions),
        national=national,
        people=_ids(people),
    )
    noted.rounds.update(now.rounds)
    noted.networks.update(now.networks)
    noted.systems.update(now.systems)
    noted.regions.update(now.regions)
    noted.national = noted.national or national
    noted.people.update(now.people)
    if now != Changes():
        # Robust, as the delivery after the commit is: a cache that fails to answer must not fail the write.
        for receiver, outcome in changing.send_robust(sender=Changes, changes=now):
            if isinstance(outcome, Exception):
                logger.warning("%s failed on changes %s", receiver, now, exc_info=outcome)
    # Every call asks to be told of the commit: a delivery asked for inside a transaction that was then rolled
    # back never comes, so remembering that one was asked for could wait for ever. The first delivery after a
    # commit takes everything noted; the others find nothing. Robust: the write has committed by then, so a
    # listener's cache or queue hiccup is logged rather than shown to the person as a failure.
    transaction.on_commit(deliver, robust=True)


def _ids(pks: Iterable[int | None]) -> frozenset[int]:
    return frozenset(pk for pk in pks if pk is not None)


def deliver() -> None:
    """Send `committed` with everything noted so far, if anything. Runs after a commit."""
    changes = Changes(
        rounds=frozenset(noted.rounds),
        networks=frozenset(noted.networks),
        systems=frozenset(noted.systems),
        regions=frozenset(noted.regions),
        national=noted.national,
        people=frozenset(noted.people),
    )
    # Cleared before the listeners run: what they write in turn is noted and delivered afresh.
    noted.clear()
    if changes != Changes():
        committed.send(sender=Changes, changes=changes)
