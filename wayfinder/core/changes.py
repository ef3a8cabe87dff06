"""The one way a write says what it changed, so what is worked out from the data (the dashboards' summaries and
cached views) follows it: services and bulk writes call `changed(...)`, and apps that keep such things connect to
`committed`.

Ids are only noted (no query, so a write costs what it did). Once the transaction commits, `committed` is sent
with everything noted since the last delivery; a rolled-back transaction delivers nothing of its own, and what it
noted goes out with the next delivery, which costs a little work and never loses a change. Apps to the left of the
listeners (assessments, plans, support, networks) call this and never know who listens."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

# Sent once a transaction that changed something has committed, with `changes=Changes(...)`.
committed = Signal()


@dataclass(frozen=True)
class Changes:
    """What changed: rounds (their ratings, agreed levels, dates, purpose or framework); networks (a plan, its
    priorities, a support request, a readiness tick); systems and regions (their own rows, or a network or place
    moving in or out of them, named on both sides of a move); national (a network outside any system)."""

    rounds: frozenset[int] = frozenset()
    networks: frozenset[int] = frozenset()
    systems: frozenset[int] = frozenset()
    regions: frozenset[int] = frozenset()
    national: bool = False


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


noted = Noted()


def changed(
    *,
    rounds: Iterable[int | None] = (),
    networks: Iterable[int | None] = (),
    systems: Iterable[int | None] = (),
    regions: Iterable[int | None] = (),
    national: bool = False,
) -> None:
    """Note what a write changed; it is delivered once the transaction commits (at once outside one). None in an
    iterable is ignored, so a caller can pass a foreign key that may be empty."""
    noted.rounds.update(pk for pk in rounds if pk is not None)
    noted.networks.update(pk for pk in networks if pk is not None)
    noted.systems.update(pk for pk in systems if pk is not None)
    noted.regions.update(pk for pk in regions if pk is not None)
    noted.national = noted.national or national
    # Every call asks to be told of the commit: a delivery asked for inside a transaction that was then rolled
    # back never comes, so remembering that one was asked for could wait for ever. The first delivery after a
    # commit takes everything noted; the others find nothing. Robust: the write has committed by then, so a
    # listener's cache or queue hiccup is logged rather than shown to the person as a failure.
    transaction.on_commit(deliver, robust=True)


def deliver() -> None:
    """Send `committed` with everything noted so far, if anything. Runs after a commit."""
    changes = Changes(
        rounds=frozenset(noted.rounds),
        networks=frozenset(noted.networks),
        systems=frozenset(noted.systems),
        regions=frozenset(noted.regions),
        national=noted.national,
    )
    # Cleared before the listeners run: what they write in turn is noted and delivered afresh.
    noted.clear()
    if changes != Changes():
        committed.send(sender=Changes, changes=changes)
