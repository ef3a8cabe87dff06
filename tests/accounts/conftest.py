"""Fixtures for the account tests: every test starts with an empty cache, so rate limits never leak; and account
mail, which the comms pipeline queues when the request's transaction commits, is read from the real mailbox by tests
that run with real commits, as the site does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from tests.conftest import Mailbox


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """allauth keeps rate limits and used two-factor codes in the cache (locmem in tests)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mailbox(mailbox: Mailbox, transactional_db: None) -> Mailbox:
    return mailbox
