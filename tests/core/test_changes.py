"""What a write says it changed reaches the listeners once its transaction commits, once, and never before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import TestCase

from wayfinder.core import changes
from wayfinder.core.changes import Changes, changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard() -> Iterator[list[Changes]]:
    received: list[Changes] = []

    def listener(*, changes: Changes, **kwargs: Any) -> None:
        received.append(changes)

    changes.noted.clear()
    changes.committed.connect(listener, dispatch_uid="test-listener")
    yield received
    changes.committed.disconnect(dispatch_uid="test-listener")


def test_everything_noted_in_a_transaction_arrives_once_after_it_commits(heard: list[Changes]) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        changed(rounds=[1, 2])
        changed(rounds=[2], networks=[7, None], systems=[None])
        changed(regions=[3], national=True)
        assert heard == []
    assert heard == [
        Changes(
            rounds=frozenset({1, 2}),
            networks=frozenset({7}),
            systems=frozenset(),
            regions=frozenset({3}),
            national=True,
        )
    ]


def test_nothing_noted_sends_nothing(heard: list[Changes]) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        changed(rounds=[], networks=[None])
    assert heard == []


def test_a_rolled_back_transaction_sends_nothing_and_a_later_commit_still_arrives(heard: list[Changes]) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        changed(rounds=[5])
        raise RuntimeError("undo")
    assert heard == []
    with TestCase.captureOnCommitCallbacks(execute=True):
        changed(rounds=[5])
    # What the rolled-back part noted goes out too: a little extra work, never a lost change.
    assert heard == [Changes(rounds=frozenset({5}))]


def test_what_a_listener_writes_in_turn_is_delivered_afresh(heard: list[Changes]) -> None:
    def refresh(*, changes: Changes, **kwargs: Any) -> None:
        if changes.rounds:
            with transaction.atomic():
                changed(networks=[9])

    changes.committed.connect(refresh, dispatch_uid="test-refresh")
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            changed(rounds=[1])
    finally:
        changes.committed.disconnect(dispatch_uid="test-refresh")
    assert heard == [Changes(rounds=frozenset({1})), Changes(networks=frozenset({9}))]
